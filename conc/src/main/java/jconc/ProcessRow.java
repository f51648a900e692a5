package jconc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jconc.process.Daemons;

/**
 * Internal: the row of a worker process in the recording {@link Timeline}, named
 * {@code "pid 1234"}, with one span per task the worker runs. A timeline draws one row per
 * thread, so the row belongs to a small daemon thread of that name in this process; it records
 * the spans when told, and ends itself when the worker is gone.
 */
final class ProcessRow {
    private final String name;
    private final LinkedBlockingQueue<Runnable> actions = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private Thread thread;

    ProcessRow(long pid) {
        this.name = "pid " + pid;
    }

    /**
     * Starts a span labelled {@code label} on this row of {@code timeline} now; closing the
     * result ends it. Works from any thread.
     */
    synchronized Held begin(Timeline timeline, String label) {
        CompletableFuture<Held> span = new CompletableFuture<>();
        if (thread == null) {
            thread = Daemons.start(name, this::serve);
        }
        actions.add(() -> span.complete(timeline.span(label)));
        return Held.once(() -> span.thenAccept(Held::close));
    }

    /** The row's thread ends once the spans given so far are recorded. */
    void close() {
        closed = true;
        actions.add(() -> { });
    }

    private void serve() {
        try {
            while (!closed || !actions.isEmpty()) {
                Runnable r = actions.poll(1, TimeUnit.SECONDS);
                if (r != null) {
                    r.run();
                }
            }
        } catch (InterruptedException e) {
            // ends the row
        }
    }
}
