package jconc;

/**
 * Proof that a lock or permit is held, released by {@link #close()}: the Java form of
 * Python's {@code with lock:} block.
 *
 * <pre>{@code
 * try (Held held = lock.hold()) {
 *     counter++;                 // released on the way out, also on an exception
 * }
 * }</pre>
 *
 * <p>Pitfall: call {@link #close()} once; a second close is ignored, so a {@code Held} never
 * releases a permit that someone else acquired.
 *
 * <p>Mirrors the context-manager protocol of {@code threading.Lock}, {@code RLock} and
 * {@code BoundedSemaphore}; unlike Python's, acquiring happens in {@code hold()}, before the
 * {@code try}, so an interrupted acquire never runs the release.
 */
public interface Held extends AutoCloseable {

    /** Releases what was acquired, once. Never throws a checked exception. */
    @Override
    void close();

    /** A {@code Held} that runs {@code release} on the first close only. */
    static Held once(Runnable release) {
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                release.run();
            }
        };
    }
}
