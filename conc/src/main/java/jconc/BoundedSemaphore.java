package jconc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A counter of permits that lets at most {@code bound} threads in at once, and refuses to be
 * released more often than it was acquired.
 *
 * <pre>{@code
 * BoundedSemaphore slots = new BoundedSemaphore(5);
 * try (Held permit = slots.hold()) {
 *     download();            // at most 5 threads here at any moment
 * }
 * }</pre>
 *
 * <p>Pitfall: a permit is not owned by a thread. Any thread may release one; the bound only
 * catches releasing MORE permits than were taken, not releasing somebody else's.
 *
 * <p>Mirrors Python's {@code threading.BoundedSemaphore}. An extra {@link #release()} throws
 * {@link IllegalStateException} (Python: {@code ValueError}). Java's own
 * {@link java.util.concurrent.Semaphore} is the unbounded kind: releasing it too often silently
 * adds permits. Unlike Python, waiting is interruptible. While a {@link Timeline} records,
 * waits and held permits show as bars.
 */
public final class BoundedSemaphore implements Acquirable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Sync sync;
    private final int bound;
    private final String name;

    /** A semaphore with {@code bound} permits, all available, named {@code BoundedSemaphore-N}. */
    public BoundedSemaphore(int bound) {
        this(bound, "BoundedSemaphore-" + COUNT.incrementAndGet());
    }

    /** A semaphore with {@code bound} permits and a name (shown by {@link Timeline}). */
    public BoundedSemaphore(int bound, String name) {
        if (bound < 0) {
            throw new IllegalArgumentException("bound must be >= 0: " + bound);
        }
        this.bound = bound;
        this.name = name;
        this.sync = new Sync(bound);
    }

    /**
     * Takes a permit, waiting as long as it takes.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public void acquire() throws InterruptedException {
        if (sync.tryAcquireShared(1) < 0) {
            Waits.shown(this, name, () -> sync.acquireSharedInterruptibly(1));
        }
        Timeline.holdBegin(this, name);
    }

    /**
     * Takes a permit if one becomes available within the timeout.
     *
     * @return whether a permit was taken
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public boolean acquire(long timeout, TimeUnit unit) throws InterruptedException {
        if (sync.tryAcquireShared(1) < 0 && !Waits.shown(this, name, n -> sync.tryAcquireSharedNanos(1, n), unit.toNanos(timeout))) {
            return false;
        }
        Timeline.holdBegin(this, name);
        return true;
    }

    /** Takes a permit only if one is available now. */
    @Override
    public boolean tryAcquire() {
        if (sync.tryAcquireShared(1) >= 0) {
            Timeline.holdBegin(this, name);
            return true;
        }
        return false;
    }

    /**
     * Takes a permit and returns a {@link Held} that gives it back once: for try-with-resources.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public Held hold() throws InterruptedException {
        acquire();
        return Held.once(this::release);
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException if all permits are already available (released too often)
     */
    @Override
    public void release() {
        if (sync.available() < bound) {
            Timeline.holdEnd(this, Thread.currentThread());   // before the release, as in Mutex
        }
        sync.releaseShared(1);
    }

    /** Permits that can be taken right now. */
    public int availablePermits() {
        return sync.available();
    }

    /** The number of permits it was created with, which it never exceeds. */
    public int bound() {
        return bound;
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "BoundedSemaphore[" + name + ", " + sync.available() + "/" + bound + " available]";
    }

    /** State = available permits, never above the bound. */
    private final class Sync extends AbstractQueuedSynchronizer {
        Sync(int permits) {
            setState(permits);
        }

        int available() {
            return getState();
        }

        @Override
        protected int tryAcquireShared(int n) {
            while (true) {
                int available = getState();
                int left = available - n;
                if (left < 0 || compareAndSetState(available, left)) {
                    return left;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int n) {
            while (true) {
                int available = getState();
                if (available + n > bound) {
                    throw new IllegalStateException(name + " released too many times (bound "
                            + bound + "): Python raises ValueError here");
                }
                if (compareAndSetState(available, available + n)) {
                    return true;
                }
            }
        }
    }
}
