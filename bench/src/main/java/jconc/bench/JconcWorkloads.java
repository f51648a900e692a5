package jconc.bench;

/**
 * The workloads that use jconc's own helpers (Mutex, Event). Kept apart from the JDK ones so
 * that the JDK baseline builds even where the helper API lacks a type.
 */
final class JconcWorkloads {
    private JconcWorkloads() {
    }

    static void measure(Measure m, boolean quick) {
        // Filled in once jconc's thread helpers exist.
    }
}
