package jconc.kernel.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jconc.kernel.display.Renderer;
import jconc.kernel.engine.runtime.Trap;
import jconc.kernel.protocol.Interpreter.Failed;

/**
 * Turns a cell's value into its MIME bundle on the cell's own main thread, never on a thread
 * that serves the protocol: the value's {@code toString} (or {@code mimeBundle}) is user code
 * that may loop, sleep, recurse or throw. The stop button ends it like any statement; after
 * {@link Limits#RENDER_TIMEOUT_MS} it is stopped without anyone pressing it; whatever it
 * throws becomes the cell's error. The value itself stays where the cell put it.
 */
final class ValueRendering {
    /** What rendering gave: the bundle, the error to show instead, or a stop of the cell. */
    sealed interface Rendered {
    }

    record Bundle(Map<String, Object> data) implements Rendered {
    }

    record Failure(Failed failed) implements Rendered {
    }

    record Stopped() implements Rendered {
    }

    private ValueRendering() {
    }

    static Rendered render(Cell cell, Object value) {
        CellRunner runner = cell.runner();
        Thread thread = runner.thread();
        CompletableFuture<CellRunner.Result> done = runner.submit(() -> {
            try {
                return Renderer.bundle(value);
            } finally {
                Stopper.spare(Thread.currentThread());
            }
        });
        CellRunner.Result result = CellRunner.await(cell, done, Limits.RENDER_TIMEOUT_MS);
        boolean overran = false;
        if (result == null && !cell.stopping()) {
            overran = true;
            Stopper.stopThread(thread, true); // the cell's runner survives a late stop
            result = CellRunner.await(cell, done, CellExecutionControl.STOP_GRACE_MS);
        }
        if (result == null) {
            result = CellRunner.within(done, CellExecutionControl.STOP_GRACE_MS);
        }
        String what = "turning the value " + describe(value) + " into text";
        if (result == null) {
            Stopper.spare(thread);
            cell.abandon(thread);
            return failed("RenderTimeout", what + " did not end and could not be stopped; "
                    + "jconc could not stop " + Stopper.describe(thread) + ": it keeps running in the background");
        }
        Throwable t = result.thrown();
        if (t == null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> bundle = (Map<String, Object>) result.value();
            return new Bundle(bundle);
        }
        if (overran) {
            return failed("RenderTimeout", what + " took longer than " + Limits.RENDER_TIMEOUT_MS
                    + " ms and was stopped (the limit is set with " + Limits.howToSet(Limits.RENDER_TIMEOUT_SETTING) + ")");
        }
        if (cell.stopping() || t instanceof Trap.CellStopped) {
            return new Stopped();
        }
        String name = StackTrimmer.simpleName(t.getClass().getName());
        return failed(name, name + (t.getMessage() == null ? "" : ": " + t.getMessage()) + " (thrown while " + what
                + (t instanceof StackOverflowError ? ": a toString that calls itself, or a structure that contains itself?)" : ")"));
    }

    private static Rendered failed(String ename, String evalue) {
        return new Failure(Errors.failed(ename, evalue));
    }

    /** "of class Foo", naming the class without calling any of the value's methods. */
    private static String describe(Object value) {
        return "of class " + value.getClass().getName().replaceFirst("^REPL\\.\\$JShell\\$\\d+\\$", "");
    }
}
