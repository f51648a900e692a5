package jconc.kernel.engine;

import jconc.kernel.output.CellInput;
import jconc.kernel.engine.runtime.Trap;
import jconc.kernel.output.OutputRouter;
import jconc.kernel.protocol.Log;
import jconc.spi.Hosts;

/**
 * Installs the kernel into its JVM: System.out, System.err and System.in routed by cell (and
 * put back after a cell that replaced them), the handler that prints a thread's uncaught
 * exception in its cell, the stop check, the watch on finalizers, and the helper API's host;
 * and starts building JShell.
 */
public final class KernelRuntime {
    private KernelRuntime() {
    }

    /** Installs the kernel, whose sessions know {@code magics}. */
    public static JShellInterpreter install(Magics magics) {
        Cells.markKernelThread();
        JShellInterpreter interpreter = new JShellInterpreter(magics);
        new OutputRouter(KernelRuntime::streamsOfCaller, Log.stream(), Trap::check).install();
        System.setIn(new CellInput(() -> Cells.user().map(Cell::output).orElse(null)));
        // JShell (javac, the default imports) builds from now on, beside the rest of the kernel's
        // start: the first cell waits for it, so it starts as soon as the streams it takes are set.
        interpreter.startAsync();
        interpreter.keepStandardStreams(new StandardStreams());
        FinalizerWatch.start();
        Stopper.install();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught(interpreter, thread, error));
        Hosts.install(new KernelHost(interpreter.control()));
        return interpreter;
    }

    private static jconc.kernel.output.CellStreams streamsOfCaller() {
        return Cells.user().map(Cell::streams).orElse(null);
    }

    private static void uncaught(JShellInterpreter interpreter, Thread thread, Throwable error) {
        if (error instanceof Trap.CellStopped
                || error.getClass().getName().equals("java.lang.ThreadDeath")) {
            return;
        }
        Cell cell = Cells.user().orElse(null);
        if (cell == null) {
            Log.warn("uncaught in kernel thread " + thread.getName(), error);
            return;
        }
        StringBuilder text = new StringBuilder();
        if (error instanceof Trap.ExitRequest exit) {
            text.append("Thread '").append(thread.getName()).append("' called ").append(exit.getMessage())
                .append(": the kernel does not exit; that thread ended.\n");
        } else {
            text.append("Exception in thread \"").append(thread.getName()).append("\" ");
            for (String line : interpreter.trimmer().lines(error)) {
                text.append(line).append('\n');
            }
        }
        cell.output().stream("stderr", text.toString());
    }
}
