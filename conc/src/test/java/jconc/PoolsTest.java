package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jconc.spi.Host;
import jconc.spi.Hosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PoolsTest {

    // ---- SimpleThreadPool ----

    @Test
    void simplePoolHandsOutAtMostMaxNumFactories() throws InterruptedException {
        SimpleThreadPool pool = new SimpleThreadPool(2);

        assertNotNull(pool.getThread());
        assertNotNull(pool.getThread());

        assertNull(pool.getThread(30, TimeUnit.MILLISECONDS));
        pool.putThread();
        assertNotNull(pool.tryGetThread());
    }

    @Test
    void simplePoolFactoryMakesUnstartedThreads() throws InterruptedException {
        ThreadFactory thread = new SimpleThreadPool(1).getThread();

        assertEquals(Thread.State.NEW, thread.newThread(() -> { }).getState());
    }

    @Test
    void anExtraPutThreadRaisesTheLimitAsInTheOriginal() {
        SimpleThreadPool pool = new SimpleThreadPool(5);

        pool.putThread();

        assertEquals(6, pool.available());
    }

    @Test
    void simplePoolStartLimitsConcurrencyAndReturnsPermitsEvenOnFailure() throws InterruptedException {
        SimpleThreadPool pool = new SimpleThreadPool(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Thread t = pool.start(() -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                Thread.sleep(15);
                inside.decrementAndGet();
                throw new IllegalStateException("every task fails");
            });
            t.setUncaughtExceptionHandler((thread, e) -> { });
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }

        assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
        assertEquals(3, pool.available());
    }

    // ---- ThreadPool ----

    @Test
    void runCallsTheCallbackWithSuccessAndResult() throws InterruptedException {
        ThreadPool pool = new ThreadPool(2);
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);

        pool.run(n -> n * n, 7, (ok, r) -> { calls.add(ok + ":" + r); done.countDown(); });
        pool.run((a, b) -> a + b, "x", "y", (ok, r) -> { calls.add(ok + ":" + r); done.countDown(); });
        done.await();
        pool.close();
        pool.join();

        assertEquals(Set.of("true:49", "true:xy"), Set.copyOf(calls));
    }

    @Test
    void aFailedTaskReportsFailureAndANullResult() throws InterruptedException {
        ThreadPool pool = new ThreadPool(1);
        List<String> calls = new CopyOnWriteArrayList<>();

        pool.run(() -> {
            throw new IllegalStateException("boom");
        }, (ok, r) -> calls.add(ok + ":" + r));
        pool.close();
        pool.join();

        assertEquals(List.of("false:null"), calls);
    }

    @Test
    void workersGrowUpToMaxNumAndTheRestQueues() throws InterruptedException {
        ThreadPool pool = new ThreadPool(3);
        Event release = new Event();
        for (int i = 0; i < 10; i++) {
            pool.run(release::await);
        }
        Thread.sleep(100);

        assertEquals(3, pool.workerCount());
        assertEquals(3, pool.busyCount());
        assertEquals(0, pool.freeCount());
        assertEquals(7, pool.queuedCount());

        release.set();
        pool.close();
        pool.join();
        assertEquals(0, pool.workerCount());
        assertEquals(3, pool.workersEverStarted());
    }

    @Test
    void idleWorkersAreCountedAsFreeAndReused() throws InterruptedException {
        ThreadPool pool = new ThreadPool(5);
        CountDownLatch done = new CountDownLatch(1);
        pool.run(() -> "first", (ok, r) -> done.countDown());
        done.await();
        Thread.sleep(50);

        assertEquals(1, pool.freeCount());
        assertEquals(0, pool.busyCount());
        CountDownLatch second = new CountDownLatch(1);
        pool.run(() -> "second", (ok, r) -> second.countDown());
        second.await();
        assertEquals(1, pool.workersEverStarted());
        pool.close();
        pool.join();
    }

    @Test
    void closeFinishesEveryQueuedTaskThenStops() throws InterruptedException {
        ThreadPool pool = new ThreadPool(3);
        AtomicInteger callbacks = new AtomicInteger();
        for (int i = 0; i < 30; i++) {
            pool.run(n -> { Thread.sleep(2); return n; }, i, (ok, r) -> callbacks.incrementAndGet());
        }

        pool.close();
        pool.join();

        assertEquals(30, callbacks.get());
        assertEquals(0, pool.workerCount());
        assertFalse(pool.run(() -> 1), "a closed pool accepts nothing");
    }

    @Test
    void terminateDropsQueuedTasksAndInterruptsRunningOnes() throws InterruptedException {
        ThreadPool pool = new ThreadPool(2);
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 10; i++) {
            pool.run(() -> {
                ran.incrementAndGet();
                started.countDown();
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
                return null;
            });
        }
        started.await();

        int dropped = pool.terminate();
        assertTrue(pool.join(5, TimeUnit.SECONDS));

        assertEquals(8, dropped);
        assertEquals(2, ran.get());
        assertEquals(2, interrupted.get());
    }

    @Test
    void boundedTaskQueueMakesRunWaitForRoom() throws InterruptedException {
        ThreadPool pool = new ThreadPool(1, 1);
        Event release = new Event();
        pool.run(release::await);
        Thread.sleep(50);
        pool.run(() -> 2);
        AtomicInteger accepted = new AtomicInteger();

        Thread submitter = Threads.start(() -> {
            pool.run(() -> 3);
            accepted.incrementAndGet();
        });
        Thread.sleep(100);
        int acceptedWhileFull = accepted.get();
        release.set();
        submitter.join();

        assertEquals(0, acceptedWhileFull);
        assertEquals(1, accepted.get());
        pool.close();
        pool.join();
    }

    @Test
    void tasksAndCallbacksRunInTheSubmittersContext() throws InterruptedException {
        ThreadLocal<String> context = new ThreadLocal<>();
        Hosts.install(new Host() {
            @Override
            public Runnable propagate(Runnable task) {
                String captured = context.get();
                return () -> {
                    context.set(captured);
                    try {
                        task.run();
                    } finally {
                        context.remove();
                    }
                };
            }
        });
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try {
            ThreadPool pool = new ThreadPool(2);
            context.set("cell-1");
            pool.run(() -> context.get(), (ok, r) -> { seen.add("task:" + r); seen.add("callback:" + context.get()); });
            context.set("cell-2");
            pool.run(() -> context.get(), (ok, r) -> { seen.add("task:" + r); seen.add("callback:" + context.get()); });
            pool.close();
            pool.join();
        } finally {
            context.remove();
            Hosts.install(Host.PLAIN);
        }

        assertEquals(Set.of("task:cell-1", "callback:cell-1", "task:cell-2", "callback:cell-2"), seen);
    }
}
