package jconc.bench;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Java side of the threads benchmark: the same workloads as bench/reference/py_threads.py,
 * on plain JDK threads and locks and on jconc's helpers. Prints one JSON object on stdout.
 *
 * <p>Run by bench/threads_bench.py, alternating with Python; {@code --quick} shrinks every
 * workload for a smoke run.
 */
public final class ThreadsBench {
    /** Read by the CPU workload and the lock loops so the JIT cannot drop their results. */
    static volatile long sink;

    private ThreadsBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Measure m = new Measure(quick ? 1 : 3, quick ? 3 : 5);
        if (List.of(args).contains("--virtual-only")) {
            VirtualThreads.measure(m, quick);
            System.out.println(m.toJson());
            return;
        }
        m.median("thread_start_join_us", () -> threadStartJoinUs(quick ? 200 : 2000));
        m.median("lock_pair_ns", () -> reentrantLockPairNs(quick ? 200_000 : 5_000_000));
        m.median("contended_counter_per_s", () -> contendedCounterPerS(4, quick ? 50_000 : 500_000));
        m.median("cpu_speedup_2_threads", () -> cpuSpeedup(quick ? 20_000_000 : 100_000_000));
        JconcWorkloads.measure(m, quick);
        m.note("runtime", "Java " + Runtime.version());
        System.out.println(m.toJson());
    }

    /** Start a thread with an empty body and join it, n times; microseconds per thread. */
    static double threadStartJoinUs(int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> { });
            t.start();
            joinUninterruptibly(t);
        }
        return Measure.secondsSince(t0) / n * 1e6;
    }

    /** lock() + unlock() of an uncontended ReentrantLock; nanoseconds per pair. */
    static double reentrantLockPairNs(int n) {
        ReentrantLock lock = new ReentrantLock();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            lock.lock();
            lock.unlock();
        }
        double ns = Measure.secondsSince(t0) / n * 1e9;
        sink += lock.getHoldCount();
        return ns;
    }

    /** 4 threads each increment one shared counter under one ReentrantLock; increments/s. */
    static double contendedCounterPerS(int threads, int perThread) {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = {0};
        return runContended(threads, perThread, () -> {
            lock.lock();
            try {
                counter[0]++;
            } finally {
                lock.unlock();
            }
        }, () -> counter[0]);
    }

    /** Starts the threads behind a barrier, times them from release to the last join. */
    static double runContended(int threads, int perThread, Runnable increment,
                               java.util.function.LongSupplier count) {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            ts[i] = new Thread(() -> {
                awaitUninterruptibly(start);
                for (int k = 0; k < perThread; k++) {
                    increment.run();
                }
            });
            ts[i].start();
        }
        awaitUninterruptibly(start);
        long t0 = System.nanoTime();
        for (Thread t : ts) {
            joinUninterruptibly(t);
        }
        double seconds = Measure.secondsSince(t0);
        long expected = (long) threads * perThread;
        if (count.getAsLong() != expected) {
            throw new AssertionError("lost updates: " + count.getAsLong() + " != " + expected);
        }
        return expected / seconds;
    }

    /** Pure CPU: the integer hash loop of the Python side. */
    static long cpuWork(long n) {
        long x = 0;
        for (long i = 0; i < n; i++) {
            x = (x * 31 + i) & 0xFFFFFFFFL;
        }
        return x;
    }

    /** Two equal CPU-bound jobs: sequential time / time on 2 threads. */
    static double cpuSpeedup(long n) {
        long t0 = System.nanoTime();
        sink += cpuWork(n);
        sink += cpuWork(n);
        double sequential = Measure.secondsSince(t0);
        Thread a = new Thread(() -> sink += cpuWork(n));
        Thread b = new Thread(() -> sink += cpuWork(n));
        t0 = System.nanoTime();
        a.start();
        b.start();
        joinUninterruptibly(a);
        joinUninterruptibly(b);
        double parallel = Measure.secondsSince(t0);
        return sequential / parallel;
    }

    static void joinUninterruptibly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + t.getName(), e);
        }
    }

    static void awaitUninterruptibly(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("barrier broken", e);
        }
    }
}
