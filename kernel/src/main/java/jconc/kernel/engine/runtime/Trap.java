package jconc.kernel.engine.runtime;

import java.util.function.BooleanSupplier;

/**
 * Called from instrumented cell code. Cell classes are rewritten so that
 * {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} come here instead of
 * ending the kernel, and so that every method entry and backward branch calls
 * {@link #check()}, which ends a thread of an interrupted cell even in a loop that never
 * blocks or that swallows {@link InterruptedException}.
 */
public final class Trap {
    /** True while some cell is being stopped: the only cost of {@link #check()} otherwise. */
    private static volatile boolean anyStop;
    private static volatile BooleanSupplier currentThreadMustStop = () -> false;

    private Trap() {
    }

    /** Installs the test that tells whether the calling thread belongs to a stopped cell. */
    public static void install(BooleanSupplier mustStop) {
        currentThreadMustStop = mustStop;
    }

    public static void setAnyStop(boolean value) {
        anyStop = value;
    }

    /** Throws {@link CellStopped} in a thread of a cell that is being stopped. */
    public static void check() {
        if (anyStop && currentThreadMustStop.getAsBoolean()) {
            throw new CellStopped();
        }
    }

    public static void exit(int status) {
        throw new ExitRequest(status, "System.exit");
    }

    public static void exit(Runtime runtime, int status) {
        throw new ExitRequest(status, "Runtime.exit");
    }

    public static void halt(Runtime runtime, int status) {
        throw new ExitRequest(status, "Runtime.halt");
    }

    /** Thrown where a cell's code asked the JVM to exit. An Error, so {@code catch (Exception)} lets it pass. */
    public static final class ExitRequest extends Error {
        private final int status;

        ExitRequest(int status, String how) {
            super(how + "(" + status + ")", null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Thrown in the threads of an interrupted cell. */
    public static final class CellStopped extends Error {
        CellStopped() {
            super("the cell was interrupted", null, false, false);
        }
    }
}
