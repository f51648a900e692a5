package jconc;

import jconc.process.Codec;
import jconc.process.Endpoint;

/** Internal: how a {@link Manager}'s collections perform an operation on the owner's state. */
final class ManagedOps {
    private ManagedOps() {
    }

    /** One atomic operation; failures come back unchecked, as collection methods must throw them. */
    static <O extends Enum<O>> Object call(Endpoint<O> endpoint, O op, Object... args) {
        try {
            return endpoint.callDirect(op, args);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            throw new IllegalStateException(Calls.rethrow(e));
        }
    }

    /** A value from its wire form. */
    @SuppressWarnings("unchecked")
    static <T> T value(Object wire) {
        return (T) Codec.fromWire(wire);
    }
}
