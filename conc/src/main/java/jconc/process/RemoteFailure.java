package jconc.process;

/**
 * Internal: stands in for an exception from another process whose own class or contents could
 * not travel. It keeps the original class name, message and stack trace (and its causes).
 *
 * <p>Public because users see it: it is the cause of a {@code ChildProcessException} when the
 * child's exception could not travel, and says which class that exception had.
 */
public final class RemoteFailure extends Exception {
    private final String originalClass;

    private RemoteFailure(String originalClass, String message) {
        super(message == null ? originalClass : originalClass + ": " + message);
        this.originalClass = originalClass;
    }

    /** The class name of the exception in the other process. */
    public String originalClass() {
        return originalClass;
    }

    @Override
    public String toString() {
        return getMessage();
    }

    /** A copy of {@code t} (and its causes) made only of this class. */
    static RemoteFailure copyOf(Throwable t) {
        RemoteFailure copy = new RemoteFailure(t.getClass().getName(), t.getMessage());
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t) {
            copy.initCause(copyOf(t.getCause()));
        }
        return copy;
    }

    /** The wire form of {@code t}: itself when it can travel, else a {@link RemoteFailure} copy. */
    static Object wire(Throwable t) {
        try {
            return Codec.toWire(t);
        } catch (RuntimeException e) {
            return Codec.toWire(copyOf(t));
        }
    }
}
