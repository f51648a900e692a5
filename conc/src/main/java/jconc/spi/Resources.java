package jconc.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Things the helper API started that must not outlive their owner, such as child processes.
 * The helper API registers a closer; the environment calls {@link #closeOwnedBy} when an owner
 * (a notebook cell) is interrupted, and {@link #closeAll} when it shuts down.
 *
 * <pre>{@code
 * Resources.register(owner -> children.removeIf(c -> c.ownedBy(owner) && c.kill()));
 * Resources.closeOwnedBy(cellToken);
 * }</pre>
 *
 * <p>Pitfall: a closer must not block; it runs on the environment's control path.
 */
public final class Resources {

    /** Ends what belongs to an owner; {@code null} means everything. */
    @FunctionalInterface
    public interface Closer {
        /** Ends the resources owned by {@code owner}, or all of them when it is null. */
        void close(Object owner);
    }

    private static final List<Closer> CLOSERS = new CopyOnWriteArrayList<>();

    private Resources() {
    }

    /** Adds a closer, called for every later owner that is closed. */
    public static void register(Closer closer) {
        CLOSERS.add(closer);
    }

    /** Ends what {@code owner} started. */
    public static void closeOwnedBy(Object owner) {
        for (Closer closer : CLOSERS) {
            try {
                closer.close(owner);
            } catch (RuntimeException e) {
                System.getLogger("jconc").log(System.Logger.Level.WARNING, "closer failed", e);
            }
        }
    }

    /** Ends everything, at shutdown. */
    public static void closeAll() {
        closeOwnedBy(null);
    }
}
