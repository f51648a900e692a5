package jconc.kernel.engine;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;

/**
 * Redefines already loaded cell classes in place, so that a later cell's change keeps the
 * values of top-level variables. Installed as the jar's {@code Launcher-Agent-Class}.
 */
public final class Redefiner {
    private static volatile Instrumentation instrumentation;

    private Redefiner() {
    }

    public static void agentmain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    static boolean available() {
        return instrumentation != null && instrumentation.isRedefineClassesSupported();
    }

    /** Redefines the classes; false when the JVM refuses (a change of shape, say). */
    static boolean redefine(ClassDefinition... definitions) {
        if (!available()) {
            return false;
        }
        try {
            instrumentation.redefineClasses(definitions);
            return true;
        } catch (ClassNotFoundException | java.lang.instrument.UnmodifiableClassException | UnsupportedOperationException
                 | LinkageError e) {
            return false;
        }
    }
}
