package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jconc.kernel.output.CellStreams;
import jconc.kernel.protocol.CellOutput;

/**
 * One execution of a notebook cell: where its output goes, the thread group that holds every
 * thread it starts, and what became of it (a value, an exception, an exit, an interrupt).
 */
public final class Cell {
    /** Marks the kernel's own threads, whose output is the kernel's log. */
    public static final Cell KERNEL = new Cell(0, null, null);

    private final int number;
    private final CellOutput output;
    private final ThreadGroup threads;
    private final CellStreams streams;
    private volatile boolean stopping;
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    // Results of the snippet being evaluated (written by the cell thread, read after join).
    volatile Object lastValue;
    volatile Throwable lastException;
    volatile Integer exitStatus;
    volatile boolean interrupted;
    /** Set once the threads that survived an interrupt have been named in the cell. */
    volatile boolean survivorsReported;

    Cell(int number, CellOutput output, ThreadGroup parent) {
        this.number = number;
        this.output = output;
        this.threads = parent == null ? null : new ThreadGroup(parent, "cell-" + number);
        this.streams = output == null ? null : new CellStreams(output);
    }

    public int number() {
        return number;
    }

    public CellOutput output() {
        return output;
    }

    public ThreadGroup threads() {
        return threads;
    }

    public CellStreams streams() {
        return streams;
    }

    public boolean stopping() {
        return stopping;
    }

    void markStopping() {
        stopping = true;
    }

    private CellRunner runner;

    /** The thread that runs this cell's statements, started on first use. */
    synchronized CellRunner runner() {
        if (runner == null) {
            runner = new CellRunner(this);
        }
        return runner;
    }

    /** The cell has returned: its statement thread may end. */
    synchronized void finishStatements() {
        if (runner != null) {
            runner.finish();
        }
    }

    /** The thread running the cell's statements, or null before the first one. */
    public synchronized Thread mainThread() {
        return runner == null ? null : runner.thread();
    }

    /** Completes when the cell has returned and its non-daemon threads have ended. */
    public CompletableFuture<Void> settled() {
        return settled;
    }

    /** The live threads this cell started (its own evaluation threads included). */
    public List<Thread> liveThreads() {
        if (threads == null) {
            return List.of();
        }
        Thread[] all = new Thread[threads.activeCount() + 16];
        int n = threads.enumerate(all, true);
        List<Thread> live = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (all[i].isAlive()) {
                live.add(all[i]);
            }
        }
        return live;
    }

    private final java.util.Set<Thread> abandoned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A thread the kernel could not stop and has named: it no longer holds the cell open. */
    void abandon(Thread t) {
        abandoned.add(t);
    }

    boolean hasLiveNonDaemonThreads() {
        return liveThreads().stream().anyMatch(t -> !t.isDaemon() && !abandoned.contains(t));
    }

    @Override
    public String toString() {
        return "In[" + number + "]";
    }
}
