package jconc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A reentrant lock: the thread that holds it may acquire it again (the hold count goes up),
 * and it is free when that thread has released it as many times as it acquired it.
 *
 * <pre>{@code
 * RLock lock = new RLock("data");
 * try (Held outer = lock.hold()) {
 *     try (Held inner = lock.hold()) { num++; }    // no deadlock: same owner
 * }
 * }</pre>
 *
 * <p>Pitfall: every acquire needs its own release by the same thread; one missing release
 * keeps the lock held for ever. Prefer {@link #hold()} with try-with-resources.
 *
 * <p>Mirrors Python's {@code threading.RLock}; Java's own is
 * {@code java.util.concurrent.locks.ReentrantLock} ({@code lock()/unlock()}), which the notebooks
 * show beside it. A release by a thread that does not hold it throws
 * {@link IllegalMonitorStateException} (Python: {@code RuntimeError}). Unlike Python, waiting
 * is interruptible. Built on {@link AbstractQueuedSynchronizer} with an exclusive owner, so
 * {@code ThreadMXBean} (and {@code %threads}) sees who holds it and finds deadlocks involving it.
 */
public final class RLock implements Acquirable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Sync sync = new Sync();
    private final String name;

    /** A new, free lock named {@code RLock-N}. */
    public RLock() {
        this("RLock-" + COUNT.incrementAndGet());
    }

    /** A new, free lock with a name (shown by {@link Timeline} and {@code toString}). */
    public RLock(String name) {
        this.name = name;
    }

    /**
     * Acquires the lock (again, if the caller already holds it), waiting as long as it takes.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public void acquire() throws InterruptedException {
        if (!sync.tryAcquire(1)) {
            Waits.shown(this, name, () -> sync.acquireInterruptibly(1));
        }
        recordFirstHold();
    }

    /**
     * Acquires the lock if that is possible within the timeout.
     *
     * @return whether it was acquired
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public boolean acquire(long timeout, TimeUnit unit) throws InterruptedException {
        if (!sync.tryAcquire(1) && !Waits.shown(this, name, n -> sync.tryAcquireNanos(1, n), unit.toNanos(timeout))) {
            return false;
        }
        recordFirstHold();
        return true;
    }

    /** Acquires the lock only if it is free or already held by the caller. */
    @Override
    public boolean tryAcquire() {
        if (sync.tryAcquire(1)) {
            recordFirstHold();
            return true;
        }
        return false;
    }

    /**
     * Acquires the lock and returns a {@link Held} that releases it once: for try-with-resources.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public Held hold() throws InterruptedException {
        acquire();
        return Held.once(this::release);
    }

    /**
     * Releases one hold; the lock is free when the count reaches zero.
     *
     * @throws IllegalMonitorStateException if the caller does not hold it
     */
    @Override
    public void release() {
        Thread me = Thread.currentThread();
        if (sync.owner() == me && sync.holdCount() == 1) {
            Timeline.holdEnd(this, me);         // before the release: holds never seem to overlap
        }
        sync.release(1);
    }

    /** Whether any thread holds it. */
    public boolean isLocked() {
        return sync.holdCount() > 0;
    }

    /** Whether the calling thread holds it. */
    public boolean isHeldByCurrentThread() {
        return sync.owner() == Thread.currentThread();
    }

    /** The thread that holds it, or {@code null}. */
    public Thread owner() {
        return sync.owner();
    }

    /** How many times its owner has acquired it without releasing (0 when free). */
    public int holdCount() {
        return sync.holdCount();
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        Thread owner = sync.owner();
        return "RLock[" + name + ", " + (owner == null ? "unlocked"
                : "held " + sync.holdCount() + "x by " + owner.getName()) + "]";
    }

    private void recordFirstHold() {
        if (sync.holdCount() == 1) {
            Timeline.holdBegin(this, name);
        }
    }

    /** State = hold count; the holder is the exclusive owner. */
    private static final class Sync extends AbstractQueuedSynchronizer {
        @Override
        protected boolean tryAcquire(int n) {
            Thread me = Thread.currentThread();
            int c = getState();
            if (c == 0) {
                if (compareAndSetState(0, n)) {
                    setExclusiveOwnerThread(me);
                    return true;
                }
                return false;
            }
            if (getExclusiveOwnerThread() == me) {
                if (c + n < 0) {
                    throw new Error("maximum hold count exceeded");
                }
                setState(c + n);
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int n) {
            if (getExclusiveOwnerThread() != Thread.currentThread()) {
                Thread owner = getExclusiveOwnerThread();
                throw new IllegalMonitorStateException("release of an RLock by "
                        + Thread.currentThread().getName() + ", which does not hold it"
                        + (owner == null ? " (it is free)" : " (" + owner.getName() + " does)"));
            }
            int c = getState() - n;
            boolean free = c == 0;
            if (free) {
                setExclusiveOwnerThread(null);
            }
            setState(c);
            return free;
        }

        @Override
        protected boolean isHeldExclusively() {
            return getExclusiveOwnerThread() == Thread.currentThread();
        }

        Thread owner() {
            return getState() == 0 ? null : getExclusiveOwnerThread();
        }

        int holdCount() {
            return getState();
        }
    }
}
