package jconc.kernel.engine;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jconc.kernel.engine.runtime.Trap;
import jconc.spi.Resources;

/**
 * Ends a cell on the frontend's interrupt: its threads are flagged (the stop check in every
 * loop of cell code throws) and interrupted (sleep, join, wait, locks and queues return),
 * and what it started through the helper API (child processes) is closed. On a JVM that still
 * has {@code Thread.stop} a thread that ignores both is stopped the old way. A thread that
 * cannot be stopped at all (a loop inside JDK code) is named in the cell.
 */
final class Stopper {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jconc-stopper");
        t.setDaemon(true);
        return t;
    });

    private Stopper() {
    }

    static void install() {
        Trap.install(() -> {
            Cell own = Cells.own();
            return own != null && own.stopping();
        });
    }

    static void stop(Cell cell) {
        cell.markStopping();
        Trap.setAnyStop(true);
        interruptAll(cell);
        Resources.closeOwnedBy(cell);
        TIMER.schedule(() -> interruptAll(cell), 100, TimeUnit.MILLISECONDS);
        TIMER.schedule(() -> forceStop(cell), 400, TimeUnit.MILLISECONDS);
        TIMER.schedule(() -> report(cell), 1000, TimeUnit.MILLISECONDS);
    }

    private static void interruptAll(Cell cell) {
        for (Thread t : cell.liveThreads()) {
            t.interrupt();
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void forceStop(Cell cell) {
        for (Thread t : cell.liveThreads()) {
            try {
                t.stop();
            } catch (UnsupportedOperationException e) {
                return; // JDK 20+: nothing more to try
            }
        }
    }

    private static void report(Cell cell) {
        List<Thread> alive = cell.liveThreads();
        Trap.setAnyStop(anyStopLeft());
        if (alive.isEmpty() || cell.survivorsReported || cell.streams() == null) {
            return;
        }
        cell.survivorsReported = true;
        cell.streams().write("stderr", survivors(alive));
        cell.streams().flush();
    }

    /** A message naming each thread that outlived an interrupt, or "" when none did. */
    static String survivors(List<Thread> alive) {
        StringBuilder text = new StringBuilder();
        for (Thread t : alive) {
            text.append("jconc could not stop ").append(describe(t))
                .append(": it keeps running in the background.\n");
        }
        return text.toString();
    }

    private static boolean anyStopLeft() {
        for (Cell c : Cells.unsettled()) {
            if (c.stopping() && !c.liveThreads().isEmpty()) {
                return true;
            }
        }
        Cell r = Cells.running();
        return r != null && r.stopping();
    }

    /** "thread 'worker' (RUNNABLE in java.util.stream.LongPipeline.sum)". */
    static String describe(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        String where = stack.length == 0 ? "" : " in " + stack[0].getClassName() + "." + stack[0].getMethodName();
        return "thread '" + t.getName() + "' (" + t.getState() + where + ")";
    }
}
