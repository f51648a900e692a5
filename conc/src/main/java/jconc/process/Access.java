package jconc.process;

/** Internal: entry points of this package that the public API needs. */
public final class Access {
    private Access() {
    }

    /** A fork-like copy of the notebook's top-level variables. */
    public static byte[] captureGlobals() {
        return Globals.capture();
    }
}
