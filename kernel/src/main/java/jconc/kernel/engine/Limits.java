package jconc.kernel.engine;

/**
 * The kernel's limits on what one cell may do to it, each settable per kernel with a system
 * property in kernel.json's argv ({@code -Djconc.maxNesting=500}) or an environment variable
 * ({@code JCONC_MAX_NESTING=500}); the property wins. A value that is not a positive number
 * is ignored (the default holds).
 */
final class Limits {
    /** How deeply brackets may nest in code before it is refused with a compile error. */
    static final int MAX_NESTING = read("jconc.maxNesting", "JCONC_MAX_NESTING", 1_000);
    /** How long turning a cell's value into text may take before it is stopped, in milliseconds. */
    static final int RENDER_TIMEOUT_MS = read("jconc.renderTimeoutMs", "JCONC_RENDER_TIMEOUT_MS", 10_000);
    /** The stack of the thread on which JShell compiles and analyses code, in megabytes. */
    static final int COMPILER_STACK_MB = read("jconc.compilerStackMb", "JCONC_COMPILER_STACK_MB", 512);

    private Limits() {
    }

    static int read(String property, String env, int fallback) {
        String text = System.getProperty(property);
        if (text == null) {
            text = System.getenv(env);
        }
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            return value > 0 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
