package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jconc.kernel.protocol.CellOutput;

/**
 * Which cell a thread works for. Every thread a cell starts inherits the cell (an
 * {@link InheritableThreadLocal}), also threads started by those threads, so output and
 * errors find their cell after it has returned. Threads that inherit nothing (a shared
 * pool's workers) count for the running cell, else the last one.
 */
public final class Cells {
    /** Marks the kernel's own threads, whose output is the kernel's log. */
    private static final Cell KERNEL = new Cell(0, null, null);
    private static final InheritableThreadLocal<Cell> CURRENT = new InheritableThreadLocal<>();
    private static final ThreadGroup USER = new ThreadGroup("jconc-user");
    private static volatile Cell running;
    private static volatile Cell last;
    private static final List<Cell> unsettled = new CopyOnWriteArrayList<>();

    private Cells() {
    }

    /** Marks the calling thread (and all it will start) as the kernel's own. */
    public static void markKernelThread() {
        CURRENT.set(KERNEL);
    }

    /** The thread group above every cell's threads. */
    public static ThreadGroup userThreads() {
        return USER;
    }

    static Cell begin(int number, CellOutput output) {
        Cell cell = new Cell(number, output, USER);
        running = cell;
        last = cell;
        return cell;
    }

    static void end(Cell cell) {
        cell.finishStatements();
        if (running == cell) {
            running = null;
        }
        unsettled.add(cell);
    }

    /** The cell being executed now, or null. */
    public static Cell running() {
        return running;
    }

    /** The cells that returned but still have non-daemon threads. */
    static List<Cell> unsettled() {
        return unsettled;
    }

    static void settledNow(Cell cell) {
        unsettled.remove(cell);
    }

    /**
     * The user's cell the calling thread works for, if any: its own, else the running one, else
     * the last; empty on the kernel's own threads and before the first cell.
     */
    public static Optional<Cell> user() {
        Cell c = current();
        return c == null || c == KERNEL ? Optional.empty() : Optional.of(c);
    }

    /** The cell the calling thread works for (the kernel's marker on its own threads): its own, else the running one, else the last. */
    static Cell current() {
        Cell own = CURRENT.get();
        if (own != null) {
            return own;
        }
        Cell r = running;
        return r != null ? r : last;
    }

    /** The cell being executed, else the last one executed (null before the first). */
    static Cell latest() {
        Cell r = running;
        return r != null ? r : last;
    }

    /** The cell the calling thread was started by, or null if it inherited none. */
    static Cell own() {
        return CURRENT.get();
    }

    /** Runs {@code body} as if the calling thread worked for {@code cell}. */
    public static void runAs(Cell cell, Runnable body) {
        Cell before = CURRENT.get();
        CURRENT.set(cell);
        try {
            body.run();
        } finally {
            CURRENT.set(before);
        }
    }

    static void enter(Cell cell) {
        CURRENT.set(cell);
    }

    /** Every cell with live threads, newest first. */
    static List<Cell> withLiveThreads() {
        List<Cell> cells = new ArrayList<>();
        for (Cell c : unsettled) {
            if (!c.liveThreads().isEmpty()) {
                cells.add(0, c);
            }
        }
        return cells;
    }
}
