package jconc.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jconc.Pool;

/** Pool(2).applyAsync with a callback in the parent, as Python's Pool.apply_async(callback=...). */
final class PoolWorkloads {
    private PoolWorkloads() {
    }

    /** {@code count} tasks squaring an int; tasks per second until the last callback ran. */
    static double applyAsyncPerS(int count) {
        return ProcessesBench.unchecked(() -> {
            try (Pool pool = new Pool(2)) {
                List<Integer> warm = IntStream.range(0, 100).boxed().collect(Collectors.toList());
                pool.map(x -> x * x, warm);  // warm-up: the workers are up
                CountDownLatch done = new CountDownLatch(count);
                AtomicInteger results = new AtomicInteger();
                long t0 = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    pool.applyAsync((Integer x) -> x * x, i, r -> {
                        results.incrementAndGet();
                        done.countDown();
                    });
                }
                if (!done.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("only " + results.get() + " of " + count + " callbacks arrived");
                }
                double seconds = Measure.secondsSince(t0);
                pool.close();
                pool.join();
                return count / seconds;
            }
        });
    }
}
