package jconc;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Internal: turns the checked failures of remote calls into what public methods declare. */
final class Calls {
    private Calls() {
    }

    /** Rethrows {@code e} unchecked unless it is an InterruptedException (returned for the caller to throw). */
    static InterruptedException rethrow(Exception e) {
        if (e instanceof InterruptedException ie) {
            return ie;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof IOException io) {
            throw new UncheckedIOException("the process that owns this object cannot be reached: " + io.getMessage(), io);
        }
        throw new IllegalStateException(e);
    }
}
