package jconc;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import jconc.process.Endpoint;
import jconc.process.SharedObjects;
import jconc.process.SharedObjects.LockOp;

/**
 * A lock that processes share: at most one process (and one thread) holds it at a time. Pass it
 * to child processes; they acquire and release the lock held by the process that created it.
 *
 * <pre>{@code
 * var lock = new ProcessLock();
 * new ChildProcess(l -> { l.acquire(); try { System.out.println("alone"); } finally { l.release(); } }, lock).start();
 * }</pre>
 *
 * <p>Waiting is fair: processes get the lock in the order they asked for it. A process that
 * ends while holding the lock gives it back, so a crashed child cannot block the others.
 *
 * <p>Pitfall: it is not reentrant: a second {@code acquire} by the holder waits for ever.
 *
 * <p>Mirrors Python's {@code multiprocessing.Lock}: {@code acquire()},
 * {@code acquire(timeout=...)} (here {@link #acquire(long, TimeUnit)}),
 * {@code acquire(block=False)} (here {@link #tryAcquire()}), {@code release()}. Like Python's,
 * any process may release it; releasing it when it is not held is an error.
 */
public final class ProcessLock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Endpoint<LockOp> endpoint = SharedObjects.lock();

    /** An unlocked lock. */
    public ProcessLock() {
    }

    /** Takes the lock, waiting as long as it takes. */
    public void acquire() throws InterruptedException {
        acquire(-1L);
    }

    /** Takes the lock if it becomes free within {@code timeout}; returns whether it did. */
    public boolean acquire(long timeout, TimeUnit unit) throws InterruptedException {
        return acquire(Math.max(0, unit.toNanos(timeout)));
    }

    /** Takes the lock if it is free now; returns whether it did. Never waits. */
    public boolean tryAcquire() {
        try {
            return acquire(0L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean acquire(long nanos) throws InterruptedException {
        try {
            return (Boolean) endpoint.call(LockOp.ACQUIRE, nanos);
        } catch (Exception e) {
            throw Calls.rethrow(e);
        }
    }

    /**
     * Gives the lock back.
     *
     * @throws IllegalStateException if it is not locked
     */
    public void release() {
        try {
            endpoint.call(LockOp.RELEASE);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while releasing", e);
            }
            Calls.rethrow(e);
        }
    }

    /** Whether some process holds the lock now (a snapshot). */
    public boolean isLocked() {
        try {
            return (Boolean) endpoint.call(LockOp.LOCKED);
        } catch (Exception e) {
            throw new IllegalStateException(Calls.rethrow(e));
        }
    }

    @Override
    public String toString() {
        return "ProcessLock[" + endpoint.id() + (isLocked() ? ", locked]" : ", unlocked]");
    }
}
