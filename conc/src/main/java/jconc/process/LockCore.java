package jconc.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jconc.process.SharedObjects.LockOp;

/**
 * Internal: the state of a cross-process lock, in its owner process: one fair permit. A process
 * that ends while holding the lock gives it back (so a crashed child cannot block the others
 * for ever).
 */
final class LockCore implements Service {
    private final Semaphore permit = new Semaphore(1, true);
    private final Map<Link, Integer> heldBy = new ConcurrentHashMap<>();

    @Override
    public boolean mayBlock(String op) {
        return LockOp.ACQUIRE.name().equals(op);
    }

    /** See {@link LockOp}. */
    @Override
    public Object handle(String op, Object[] a, Link from) throws Exception {
        switch (Service.op(LockOp.class, op)) {
            case ACQUIRE -> {
                long nanos = (Long) a[0];
                boolean got = nanos < 0 ? acquireForever() : nanos == 0 ? permit.tryAcquire()
                        : permit.tryAcquire(nanos, TimeUnit.NANOSECONDS);
                if (got && from != null) {
                    track(from);
                }
                return got;
            }
            case RELEASE -> {
                synchronized (permit) {
                    if (permit.availablePermits() > 0) {
                        throw new IllegalStateException("release of a ProcessLock that is not locked");
                    }
                    if (from != null) {
                        heldBy.computeIfPresent(from, (l, n) -> n > 1 ? n - 1 : null);
                    }
                    permit.release();
                }
                return null;
            }
            case LOCKED -> {
                return permit.availablePermits() == 0;
            }
            default -> throw new IllegalArgumentException("unknown lock operation " + op);
        }
    }

    private boolean acquireForever() throws InterruptedException {
        permit.acquire();
        return true;
    }

    private void track(Link from) {
        if (heldBy.merge(from, 1, Integer::sum) == 1) {
            from.onClose(() -> {
                Integer n = heldBy.remove(from);
                if (n != null) {
                    synchronized (permit) {
                        permit.release(n);
                    }
                }
            });
        }
    }
}
