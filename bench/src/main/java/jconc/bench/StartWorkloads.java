package jconc.bench;

import jconc.ChildProcess;
import jconc.process.Worker;

/**
 * Process start + join of a child running an empty function: cold (a new JVM each time, as
 * Python's spawn) and warm (from the standby child kept ready, as Python's forkserver).
 */
final class StartWorkloads {
    private StartWorkloads() {
    }

    /** One start + join, in milliseconds. */
    static double startJoinMs() {
        return ProcessesBench.unchecked(() -> {
            long t0 = System.nanoTime();
            ChildProcess p = new ChildProcess(() -> { }).start();
            p.join();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (p.exitCode() == null || p.exitCode() != 0) {
                throw new IllegalStateException("child exited with " + p.exitCode());
            }
            return ms;
        });
    }

    /** A new JVM for every child (no standby); median milliseconds over n starts after one warm-up. */
    static double coldStartJoinMs(int n) {
        System.setProperty("jconc.process.standby", "false");
        Worker.dropStandby();
        try {
            startJoinMs();
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                ms[i] = startJoinMs();
            }
            return Measure.median(ms);
        } finally {
            System.clearProperty("jconc.process.standby");
        }
    }

    /**
     * The steady state with the warm standby: each start finds a standby child ready (the
     * bench pauses between starts, untimed, while the next standby boots); median milliseconds.
     */
    static double warmStartJoinMs(int n) {
        Worker.refillStandby();
        pause(1500);
        startJoinMs();
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            pause(600);
            ms[i] = startJoinMs();
        }
        return Measure.median(ms);
    }

    /** Starts in a tight loop, as `for i in range(n): p.start(); p.join()` does; mean milliseconds. */
    static double backToBackStartJoinMs(int n) {
        Worker.refillStandby();
        pause(1500);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            startJoinMs();
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
