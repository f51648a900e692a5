package jconc.kernel.engine;

import java.util.Locale;
import jconc.kernel.protocol.Log;

/**
 * The kernel's limits on what one cell may do to it, read the way every jconc limit is (see
 * {@link jconc.kernel.protocol.Limits#setting}): the system property {@code -Djconc.NAME=} in
 * kernel.json's argv, else the environment variable {@code JCONC_NAME}. A value that is not a
 * positive whole number is ignored, with a warning in the kernel's log (the default holds).
 */
final class Limits {
    /** How deeply brackets may nest in code before it is refused with a compile error. */
    static final String MAX_NESTING_SETTING = "max_nesting";
    static final int MAX_NESTING = read(MAX_NESTING_SETTING, 1_000);
    /** How long turning a cell's value into text may take before it is stopped, in milliseconds. */
    static final String RENDER_TIMEOUT_SETTING = "render_timeout_ms";
    static final int RENDER_TIMEOUT_MS = read(RENDER_TIMEOUT_SETTING, 10_000);
    /** The stack of the thread on which JShell compiles and analyses code, in megabytes. */
    static final int COMPILER_STACK_MB = read("compiler_stack_mb", 512);

    private Limits() {
    }

    /** How a cell's error names a setting: {@code -Djconc.NAME=N in kernel.json's argv, or JCONC_NAME=N}. */
    static String howToSet(String name) {
        return "-Djconc." + name + "=N in kernel.json's argv, or JCONC_" + name.toUpperCase(Locale.ROOT) + "=N";
    }

    static int read(String name, int fallback) {
        String text = jconc.kernel.protocol.Limits.setting(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // warned below
        }
        Log.warn("ignored jconc." + name + "=" + text + " (not a positive whole number); using " + fallback, null);
        return fallback;
    }
}
