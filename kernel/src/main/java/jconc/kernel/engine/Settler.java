package jconc.kernel.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Completes a cell's {@link Cell#settled()} once it has returned and every non-daemon thread
 * it started has ended (as a Java program only ends then), after sending their last output.
 * Daemon threads do not hold a cell open; their output still goes to the cell.
 */
final class Settler {
    static final long POLL_MS = 10;
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jconc-settler");
        t.setDaemon(true);
        return t;
    });

    private Settler() {
    }

    static void watch(Cell cell) {
        if (!holdsOpen(cell)) {
            settle(cell);
            return;
        }
        POLLER.schedule(() -> poll(cell), POLL_MS, TimeUnit.MILLISECONDS);
    }

    private static void poll(Cell cell) {
        if (holdsOpen(cell)) {
            POLLER.schedule(() -> poll(cell), POLL_MS, TimeUnit.MILLISECONDS);
        } else {
            settle(cell);
        }
    }

    /** An interrupted cell is over: threads that survived the interrupt have been named. */
    private static boolean holdsOpen(Cell cell) {
        return !cell.stopping() && cell.hasLiveNonDaemonThreads();
    }

    private static void settle(Cell cell) {
        cell.streams().flush();
        if (cell.liveThreads().isEmpty()) {
            Cells.settledNow(cell);
        }
        cell.settled().complete(null);
    }
}
