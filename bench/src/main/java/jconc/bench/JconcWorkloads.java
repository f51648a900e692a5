package jconc.bench;

import jconc.Event;
import jconc.Mutex;
import jconc.Threads;

/**
 * The thread workloads on jconc's own helpers (Threads, Mutex, Event), the counterparts of
 * Python's {@code threading.Thread}, {@code threading.Lock} and {@code threading.Event}.
 */
final class JconcWorkloads {
    private JconcWorkloads() {
    }

    static void measure(Measure m, boolean quick) {
        m.median("jconc_thread_start_join_us", () -> threadsStartJoinUs(quick ? 200 : 2000));
        m.median("mutex_pair_ns", () -> mutexPairNs(quick ? 200_000 : 5_000_000));
        m.median("mutex_contended_counter_per_s",
                () -> mutexContendedCounterPerS(4, quick ? 50_000 : 500_000));
        m.median("event_ping_pong_us", () -> eventPingPongUs(quick ? 1000 : 20_000));
    }

    /** Threads.start(target) + join, n times; microseconds per thread. */
    static double threadsStartJoinUs(int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ThreadsBench.joinUninterruptibly(Threads.start(() -> { }));
        }
        return Measure.secondsSince(t0) / n * 1e6;
    }

    /** acquire() + release() of an uncontended Mutex; nanoseconds per pair. */
    static double mutexPairNs(int n) {
        Mutex mutex = new Mutex();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                mutex.acquire();
                mutex.release();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        double ns = Measure.secondsSince(t0) / n * 1e9;
        ThreadsBench.sink += mutex.isLocked() ? 1 : 0;
        return ns;
    }

    /** 4 threads each increment one shared counter under one Mutex; increments/s. */
    static double mutexContendedCounterPerS(int threads, int perThread) {
        Mutex mutex = new Mutex();
        long[] counter = {0};
        return ThreadsBench.runContended(threads, perThread, () -> {
            try {
                mutex.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            try {
                counter[0]++;
            } finally {
                mutex.release();
            }
        }, () -> counter[0]);
    }

    /** Two threads hand a turn back and forth with two Events; microseconds per round trip. */
    static double eventPingPongUs(int n) {
        Event ping = new Event();
        Event pong = new Event();
        Thread responder = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    ping.await();
                    ping.clear();
                    pong.set();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        responder.start();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                ping.set();
                pong.await();
                pong.clear();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        double seconds = Measure.secondsSince(t0);
        ThreadsBench.joinUninterruptibly(responder);
        return seconds / n * 1e6;
    }
}
