package jconc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A non-reentrant mutual-exclusion lock: at most one thread holds it, and a thread that
 * already holds it and acquires it again blocks, exactly like Python's {@code threading.Lock}.
 *
 * <pre>{@code
 * Mutex lock = new Mutex("counter");
 * try (Held held = lock.hold()) {
 *     counter++;
 * }
 * }</pre>
 *
 * <p>Pitfall: it is NOT reentrant. A method that holds it and calls another method that
 * acquires it again deadlocks with itself; use {@link RLock} (or {@code ReentrantLock}) for
 * nested locking, or {@link #acquire(long, TimeUnit)} to give up after a while.
 *
 * <p>Mirrors {@code threading.Lock}: {@code acquire()}, {@code acquire(timeout=...)} is
 * {@link #acquire(long, TimeUnit)}, {@code acquire(blocking=False)} is {@link #tryAcquire()},
 * {@code locked()} is {@link #isLocked()}. As in Python, any thread may {@link #release()} it,
 * not only the one that acquired it. Releasing an unlocked mutex throws
 * {@link IllegalMonitorStateException} (Python: {@code RuntimeError}). Unlike Python, waiting
 * is interruptible. Built on {@link AbstractQueuedSynchronizer} with an exclusive owner, so
 * {@code ThreadMXBean} (and {@code %threads}) sees who holds it and finds deadlocks involving it.
 * While a {@link Timeline} records, waits and holds show as bars.
 */
public final class Mutex implements Acquirable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Sync sync = new Sync();
    private final String name;

    /** A new, unlocked mutex named {@code Mutex-N}. */
    public Mutex() {
        this("Mutex-" + COUNT.incrementAndGet());
    }

    /** A new, unlocked mutex with a name (shown by {@link Timeline} and {@code toString}). */
    public Mutex(String name) {
        this.name = name;
    }

    /**
     * Acquires the mutex, waiting as long as it takes.
     *
     * @throws InterruptedException if the waiting thread is interrupted (then it does not hold it)
     */
    @Override
    public void acquire() throws InterruptedException {
        if (!sync.tryAcquire(1)) {
            Waits.shown(this, name, () -> sync.acquireInterruptibly(1));
        }
        Timeline.holdBegin(this, name);
    }

    /**
     * Acquires the mutex if it becomes free within the timeout.
     *
     * @return whether it was acquired
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public boolean acquire(long timeout, TimeUnit unit) throws InterruptedException {
        if (!sync.tryAcquire(1) && !Waits.shown(this, name, n -> sync.tryAcquireNanos(1, n), unit.toNanos(timeout))) {
            return false;
        }
        Timeline.holdBegin(this, name);
        return true;
    }

    /** Acquires the mutex only if it is free now. */
    @Override
    public boolean tryAcquire() {
        if (sync.tryAcquire(1)) {
            Timeline.holdBegin(this, name);
            return true;
        }
        return false;
    }

    /**
     * Acquires the mutex and returns a {@link Held} that releases it: for try-with-resources.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public Held hold() throws InterruptedException {
        acquire();
        return Held.once(this::release);
    }

    /**
     * Releases the mutex. Any thread may release it, as in Python.
     *
     * @throws IllegalMonitorStateException if it is not locked
     */
    @Override
    public void release() {
        if (!sync.isHeldExclusively()) {
            throw new IllegalMonitorStateException("release of an unlocked " + name);
        }
        Timeline.holdEnd(this, sync.owner());   // before the release: holds never seem to overlap
        if (!sync.release(1)) {
            throw new IllegalMonitorStateException("release of an unlocked " + name);
        }
    }

    /** Whether some thread holds it. Python: {@code locked()}. */
    public boolean isLocked() {
        return sync.isHeldExclusively();
    }

    /** The thread that acquired it and has not released it yet, or {@code null}. */
    public Thread owner() {
        return sync.owner();
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        Thread owner = sync.owner();
        return "Mutex[" + name + ", " + (owner == null ? "unlocked" : "locked by " + owner.getName()) + "]";
    }

    /** State 1 = locked. The acquiring thread is recorded as the exclusive owner. */
    private static final class Sync extends AbstractQueuedSynchronizer {
        @Override
        protected boolean tryAcquire(int ignored) {
            if (compareAndSetState(0, 1)) {
                setExclusiveOwnerThread(Thread.currentThread());
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int ignored) {
            if (getState() == 0) {
                return false;
            }
            setExclusiveOwnerThread(null);
            setState(0);
            return true;
        }

        /** Unlike a strict Java lock, "held" here means locked by anyone: Python's semantics. */
        @Override
        protected boolean isHeldExclusively() {
            return getState() == 1;
        }

        Thread owner() {
            return getExclusiveOwnerThread();
        }
    }
}
