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
    private static final long MAIN_EXIT_MS = 20;
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jconc-settler");
        t.setDaemon(true);
        return t;
    });

    private Settler() {
    }

    static void watch(Cell cell) {
        awaitMainThread(cell);
        if (!holdsOpen(cell)) {
            settle(cell);
            return;
        }
        POLLER.schedule(() -> poll(cell), POLL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The cell's statement thread has been told to finish and runs nothing more: it ends within
     * microseconds. Waiting for it here spares a trivial cell a poll interval before its idle.
     */
    private static void awaitMainThread(Cell cell) {
        Thread main = cell.mainThread();
        if (main == null || cell.stopping()) {
            return;
        }
        try {
            main.join(MAIN_EXIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
