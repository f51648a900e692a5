package jconc.process;

/**
 * Internal: how a failure crosses a {@link Link}: a service's exception travels as a wire value
 * ({@link Codec}), or as its class and message when it cannot be serialized, and becomes an
 * exception again on the caller's side.
 */
final class Failures {
    private Failures() {
    }

    /** The wire form of a service's failure. */
    static Object toWire(Exception failure) {
        try {
            return Codec.toWire(failure);
        } catch (RuntimeException e) {
            return failure.getClass().getName() + ": " + failure.getMessage();
        }
    }

    /** The exception a failure reply carries. */
    static Exception of(Msg failureReply) {
        Object wire = failureReply.value();
        if (wire instanceof String s) {
            return new IllegalStateException(s);
        }
        try {
            Object t = Codec.fromWire(wire);
            if (t instanceof Exception e) {
                return e;
            }
            return new IllegalStateException(String.valueOf(t));
        } catch (RuntimeException e) {
            return e;
        }
    }
}
