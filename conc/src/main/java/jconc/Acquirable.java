package jconc;

import java.util.concurrent.TimeUnit;

/**
 * What {@link Mutex}, {@link RLock} and {@link BoundedSemaphore} have in common: the protocol
 * Python's locks share, so code can be written once and run with either lock, as the
 * tutorial does when it swaps {@code threading.RLock()} for {@code threading.Lock()}.
 *
 * <pre>{@code
 * Acquirable lock = new RLock();      // or: new Mutex()
 * lock.acquire();
 * try { work(); } finally { lock.release(); }
 * }</pre>
 *
 * <p>Pitfall: the implementations differ exactly where it matters: an {@link RLock} may be
 * acquired again by its holder, a {@link Mutex} deadlocks with itself, a {@link BoundedSemaphore}
 * admits several holders. Read the type's own contract.
 *
 * <p>Mirrors Python's duck-typed lock protocol ({@code acquire}, {@code acquire(timeout=)},
 * {@code acquire(blocking=False)}, {@code release}, {@code with}). Java's own
 * {@link java.util.concurrent.locks.Lock} is the standard interface; it is not used here because
 * its {@code lock()} cannot be interrupted.
 */
public interface Acquirable {

    /**
     * Acquires, waiting as long as it takes.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void acquire() throws InterruptedException;

    /**
     * Acquires if possible within the timeout.
     *
     * @return whether it was acquired
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean acquire(long timeout, TimeUnit unit) throws InterruptedException;

    /** Acquires only if possible without waiting. */
    boolean tryAcquire();

    /** Releases what was acquired. */
    void release();

    /**
     * Acquires and returns a {@link Held} that releases: for try-with-resources.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    Held hold() throws InterruptedException;
}
