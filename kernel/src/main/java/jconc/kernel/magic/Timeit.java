package jconc.kernel.magic;

import java.util.Locale;

/** The measuring loop of {@code %timeit}, called from the cell's own thread. */
public final class Timeit {
    static final int RUNS = 7;
    static final long TARGET_NANOS = 200_000_000L;

    private Timeit() {
    }

    /** Times {@code body} like IPython: loops per run chosen to last about 0.2 s, seven runs. */
    public static void run(Runnable body) {
        long loops = 1;
        while (true) {
            long t = timeLoops(body, loops);
            if (t >= TARGET_NANOS / 10 || loops >= 1_000_000_000L) {
                loops = Math.max(1, (long) (loops * (double) TARGET_NANOS / Math.max(1, t)));
                break;
            }
            loops *= 10;
        }
        double[] perLoop = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            perLoop[r] = timeLoops(body, loops) / (double) loops;
        }
        double mean = 0;
        for (double v : perLoop) {
            mean += v / RUNS;
        }
        double var = 0;
        for (double v : perLoop) {
            var += (v - mean) * (v - mean) / RUNS;
        }
        System.out.println(Timing.format((long) mean) + " ± " + Timing.format((long) Math.sqrt(var))
                + " per loop (mean ± std. dev. of " + RUNS + " runs, "
                + String.format(Locale.ROOT, "%,d", loops) + " loop" + (loops == 1 ? "" : "s") + " each)");
    }

    private static long timeLoops(Runnable body, long loops) {
        long start = System.nanoTime();
        for (long i = 0; i < loops; i++) {
            body.run();
        }
        return System.nanoTime() - start;
    }
}
