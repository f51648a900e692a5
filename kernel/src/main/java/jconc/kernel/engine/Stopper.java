package jconc.kernel.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Single threads being stopped apart from their cell (see {@link #stopThread}). */
    private static final Set<Thread> doomed = ConcurrentHashMap.newKeySet();

    /** Threads whose next stop check throws, once (see {@link #stopOnce}). */
    private static final Set<Thread> stopOnce = ConcurrentHashMap.newKeySet();

    static void install() {
        Trap.install(() -> {
            if (!doomed.isEmpty() && doomed.contains(Thread.currentThread())) {
                return true;
            }
            if (!stopOnce.isEmpty() && stopOnce.remove(Thread.currentThread())) {
                return true;
            }
            Cell own = Cells.own();
            return own != null && own.stopping();
        });
    }

    /**
     * Stops one thread without stopping its cell (a value's toString that overran, the
     * finalizer stuck in cell code): flagged for the stop check and interrupted; with
     * {@code force}, on a JVM with {@code Thread.stop}, stopped if still flagged after a moment
     * (only for a thread that survives a stop arriving late). {@link #spare} ends it.
     */
    static void stopThread(Thread t, boolean force) {
        doomed.add(t);
        Trap.setAnyStop(true);
        t.interrupt();
        if (force) {
            TIMER.schedule(() -> {
                if (doomed.contains(t)) {
                    forceStop(t);
                }
            }, 400, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Ends what {@code t} runs now and nothing after it: its next stop check throws once, and
     * it is interrupted. For a thread that serves others (the finalizer), whose next task must
     * not be stopped too.
     */
    static void stopOnce(Thread t) {
        stopOnce.add(t);
        Trap.setAnyStop(true);
        t.interrupt();
    }

    /** The thread may run on: what {@link #stopThread} asked of it is over. */
    static void spare(Thread t) {
        if (doomed.remove(t) | stopOnce.remove(t)) {
            Trap.setAnyStop(anyStopLeft());
        }
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

    private static void forceStop(Cell cell) {
        for (Thread t : cell.liveThreads()) {
            if (!forceStop(t)) {
                return;
            }
        }
    }

    /** Thread.stop where the JVM still has it; false on JDK 20+, where nothing more can be tried. */
    @SuppressWarnings({"deprecation", "removal"})
    private static boolean forceStop(Thread t) {
        try {
            t.stop();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static void report(Cell cell) {
        List<Thread> alive = cell.liveThreads();
        Trap.setAnyStop(anyStopLeft());
        if (alive.isEmpty() || cell.output() == null || !cell.claimSurvivorReport()) {
            return;
        }
        cell.output().stream("stderr", survivors(alive));
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
        if (!doomed.isEmpty() || !stopOnce.isEmpty()) {
            return true;
        }
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
