package jconc.kernel.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the JVM's finalizer thread, which runs the {@code finalize()} methods of objects
 * that cells created. It belongs to no cell, so the stop button never reaches it, and a
 * {@code finalize()} that loops would burn a core for the rest of the session. When the
 * finalizer is found in cell code at every sample for {@link #STUCK_SAMPLES} samples in a
 * row, it is stopped (the stop check in the cell's code ends that one finalize(); the
 * finalizer thread itself lives on and runs the others) and named in the latest cell.
 */
final class FinalizerWatch {
    static final long SAMPLE_MS = 500;
    static final int STUCK_SAMPLES = 4;

    private static Thread finalizer;
    private static int stuckFor;
    private static boolean reported;

    private FinalizerWatch() {
    }

    static void start() {
        finalizer = find("Finalizer");
        if (finalizer == null) {
            return; // a JVM without finalization
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jconc-finalizer-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(FinalizerWatch::sample, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    private static void sample() {
        try {
            String where = cellCodeRunning(finalizer);
            if (where == null) {
                stuckFor = 0;
                reported = false;
                Stopper.spare(finalizer); // a stop that found nothing to end must not end the next finalize()
                return;
            }
            stuckFor++;
            if (stuckFor == STUCK_SAMPLES) {
                Stopper.stopOnce(finalizer); // not Thread.stop: a late one could end the finalizer thread itself
                tell("jconc stopped the JVM's finalizer thread 'Finalizer': it ran " + where + " of cell code for "
                        + (STUCK_SAMPLES * SAMPLE_MS / 1000.0) + " s. Other objects are finalized again.\n");
            } else if (stuckFor == 2 * STUCK_SAMPLES && !reported) {
                reported = true;
                tell("jconc could not stop " + Stopper.describe(finalizer) + ": it keeps running " + where
                        + "; no other object will be finalized in this session (restart the kernel to end it).\n");
            }
        } catch (RuntimeException e) {
            // a sample failed: try again at the next one
        }
    }

    /** "F.finalize" if the thread runs code of a cell's class, else null. */
    private static String cellCodeRunning(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("REPL.")) {
                return StackTrimmer.simpleName(e.getClassName()) + "." + e.getMethodName();
            }
        }
        return null;
    }

    private static void tell(String text) {
        Cell cell = Cells.latest();
        if (cell != null && cell.output() != null) {
            cell.output().stream("stderr", text);
        }
    }

    private static Thread find(String name) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 32];
        int n = root.enumerate(all, true);
        for (int i = 0; i < n; i++) {
            if (all[i].getName().equals(name) && all[i].isDaemon()) {
                return all[i];
            }
        }
        return null;
    }
}
