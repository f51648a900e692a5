package jconc;

import java.util.HashMap;
import java.util.Map;
import jconc.process.Worker;

/**
 * Internal: the rows of a {@link Pool}'s worker processes in a recording {@link Timeline}, one
 * per worker process ({@code "pid 1234"}), made when a timeline records, with a bar per task from
 * when the worker started it until its result arrived here. A worker runs its tasks in order,
 * so a task starts when the one before it has ended. Not thread-safe: the scheduler's lock
 * guards it.
 */
final class WorkerRows {
    /** A worker slot's row, for the process {@code pid}. */
    private record Row(long pid, ProcessRow row) {
    }

    private final Map<Integer, Row> rows = new HashMap<>();

    /** Starts the bar of {@code task}, the one worker {@code slot} runs now, if a timeline records. */
    void begin(int slot, Worker worker, PoolTask task) {
        Timeline tl = Timeline.current();
        if (tl == null) {
            return;
        }
        Row row = rows.get(slot);
        if (row == null || row.pid() != worker.pid()) {
            if (row != null) {
                row.row().close();
            }
            row = new Row(worker.pid(), new ProcessRow(worker.pid()));
            rows.put(slot, row);
        }
        task.bar = row.row().begin(tl, task.label());
    }

    /** Ends the bar of {@code task}, if it has one. */
    void end(PoolTask task) {
        if (task.bar != null) {
            task.bar.close();
        }
    }

    /** Every row's thread ends once the bars given so far are recorded. */
    void closeAll() {
        rows.values().forEach(r -> r.row().close());
    }
}
