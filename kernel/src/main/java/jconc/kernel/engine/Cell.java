package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import jconc.kernel.output.CellStreams;
import jconc.kernel.output.OrderedOutput;
import jconc.kernel.protocol.CellOutput;

/**
 * One execution of a notebook cell: where its output goes, the thread group that holds every
 * thread it starts, and whether it is being stopped.
 */
public final class Cell {
    private final int number;
    private final CellOutput output;
    private final ThreadGroup threads;
    private final CellStreams streams;
    private volatile boolean stopping;
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private final AtomicBoolean survivorsReported = new AtomicBoolean();

    Cell(int number, CellOutput output, ThreadGroup parent) {
        this.number = number;
        this.threads = parent == null ? null : new ThreadGroup(parent, "cell-" + number);
        this.streams = output == null ? null : new CellStreams(output);
        this.output = output == null ? null : new OrderedOutput(output, streams);
    }

    public int number() {
        return number;
    }

    /**
     * Where the cell's messages go: text written to {@link #streams()} before a message is sent
     * before it (a display, a result, an input request appear after what was printed before them).
     */
    public CellOutput output() {
        return output;
    }

    public ThreadGroup threads() {
        return threads;
    }

    /** The cell's stdout and stderr, batched: what is written is sent at the next flush. */
    public CellStreams streams() {
        return streams;
    }

    /** The threads that survived an interrupt have been named in the cell. */
    void survivorsReported() {
        survivorsReported.set(true);
    }

    /** True once, for the first caller that names the threads that survived an interrupt. */
    boolean claimSurvivorReport() {
        return survivorsReported.compareAndSet(false, true);
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
