package jconc.kernel.engine;

/** The kernel's version, from the jar manifest when there is one. */
public final class Version {
    public static final String VALUE = value();

    private Version() {
    }

    private static String value() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
