package jconc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Test helper: asks ThreadMXBean for deadlocked threads, polling until some show up. */
final class Deadlocks {
    private Deadlocks() {
    }

    static long[] awaitDeadlock(long timeout, TimeUnit unit) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            long[] ids = mx.findDeadlockedThreads();
            if (ids != null) {
                Arrays.sort(ids);
                return ids;
            }
            Thread.sleep(10);
        }
        return new long[0];
    }

    @SuppressWarnings("deprecation")
    static long id(Thread t) {
        return t.getId();
    }
}
