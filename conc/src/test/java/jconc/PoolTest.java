package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PoolTest {

    static int myFun(int i) throws InterruptedException {
        Thread.sleep(100);
        return i + 100;
    }

    static int explode(int i) {
        throw new ArithmeticException("no " + i);
    }

    @Test
    void everyCallbackArrivesInThisProcess() throws Exception {
        var pool = new Pool(3);
        List<Integer> got = new CopyOnWriteArrayList<>();
        List<Long> callbackPids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 9; i++) {
            pool.applyAsync(PoolTest::myFun, i, r -> {
                got.add(r);
                callbackPids.add(Processes.pid());
            });
        }
        pool.close();
        assertTrue(pool.join(60, TimeUnit.SECONDS));

        assertEquals(9, got.size());
        assertEquals(new HashSet<>(List.of(100, 101, 102, 103, 104, 105, 106, 107, 108)), new HashSet<>(got));
        assertEquals(List.of(Processes.pid()), callbackPids.stream().distinct().toList());
    }

    @Test
    void aFunctionThatCannotTravelIsNamedWithWhatItCaptured() throws Exception {
        Thread notSerializable = new Thread(() -> { });
        try (var pool = new Pool(1)) {
            var e = assertThrows(IllegalArgumentException.class, () -> pool.apply((Integer x) -> x + notSerializable.getName().length(), 1));

            assertTrue(e.getMessage().contains("to another process: captured value #1 of the lambda in jconc.PoolTest"), e.getMessage());
            assertFalse(e.getMessage().contains("PoolFunctions"), e.getMessage());
            assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
            assertEquals(3, pool.apply((Integer a, Integer b) -> a + b, 1, 2), "the pool still runs tasks");
        }
    }

    @Test
    void asyncResultsTellWhichWorkerRanThemAndApplyWaits() throws Exception {
        try (var pool = new Pool(2)) {
            AsyncResult<Long> r = pool.applyAsync(() -> Processes.pid());
            long pid = r.get(30, TimeUnit.SECONDS);

            assertTrue(r.ready());
            assertTrue(r.successful());
            assertEquals(pid, r.pid());
            assertTrue(pool.pids().contains(pid));
            assertFalse(r.startedAt().isAfter(r.finishedAt()));
            assertEquals(5, pool.apply((Integer a, Integer b) -> a + b, 2, 3));
            assertEquals(List.of(101, 102, 103), pool.map(PoolTest::myFun, List.of(1, 2, 3)));
        }
    }

    @Test
    void aFailingTaskReachesTheErrorCallbackAndGet() throws Exception {
        try (var pool = new Pool(1)) {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AsyncResult<Integer> r = pool.applyAsync(PoolTest::explode, 7, v -> { }, errors::add);

            var e = assertThrows(ExecutionException.class, () -> r.get(30, TimeUnit.SECONDS));
            assertInstanceOf(ArithmeticException.class, e.getCause());
            assertEquals("explode", e.getCause().getStackTrace()[0].getMethodName());
            assertFalse(r.successful());
            var applied = assertThrows(ChildProcessException.class, () -> pool.apply(PoolTest::explode, 8));
            assertEquals("no 8", applied.getCause().getMessage());
            for (int i = 0; i < 100 && errors.isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertEquals(1, errors.size());
        }
    }

    @Test
    void aWorkerThatDiesFailsItsTaskAndIsReplaced() throws Exception {
        try (var pool = new Pool(1)) {
            AsyncResult<Integer> dead = pool.applyAsync(i -> {
                Runtime.getRuntime().halt(i);
                return 0;
            }, 42);

            var e = assertThrows(ExecutionException.class, () -> dead.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("exited with code 42"), e.getCause().getMessage());
            assertEquals(101, pool.apply(PoolTest::myFun, 1));
        }
    }

    @Test
    void terminateEndsTheWorkersAndFailsWhatIsLeft() throws Exception {
        var pool = new Pool(1);
        AsyncResult<Integer> slow = pool.applyAsync(i -> {
            Thread.sleep(60_000);
            return i;
        }, 1);
        AsyncResult<Integer> queued = pool.applyAsync(PoolTest::myFun, 2);
        Thread.sleep(300);

        pool.terminate();

        assertTrue(pool.join(30, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> slow.get(30, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> queued.get(30, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> pool.applyAsync(PoolTest::myFun, 3));
    }

    @Test
    void whatAWorkerPrintsReachesThisProcess() throws Exception {
        var captured = new java.io.ByteArrayOutputStream();
        var before = System.out;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            var pool = new Pool(1);
            pool.apply(x -> {
                System.out.println("printed by worker " + Processes.pid() + " for " + x);
                return x;
            }, 7);
            pool.close();
            assertTrue(pool.join(30, TimeUnit.SECONDS));
        } finally {
            System.setOut(before);
        }

        assertTrue(captured.toString().contains("printed by worker"), captured.toString());
        assertTrue(captured.toString().contains("for 7"), captured.toString());
    }

    @Test
    void joinOnAnOpenPoolIsAnError() {
        var pool = new Pool(1);
        assertThrows(IllegalStateException.class, pool::join);
        pool.terminate();
    }

    @Test
    void aRecordingTimelineShowsOneRowPerWorkerWithABarPerTask() throws Exception {
        var pool = new Pool(2);
        List<Long> pids = pool.pids();
        var tl = Timeline.startQuiet("pool");
        for (int i = 0; i < 4; i++) {
            pool.applyAsync(PoolTest::myFun, i);
        }
        pool.close();
        assertTrue(pool.join(60, TimeUnit.SECONDS));
        tl.stop();

        List<Timeline.Interval> bars = new java.util.ArrayList<>();
        for (long pid : pids) {
            assertTrue(tl.threads().contains("pid " + pid), "rows: " + tl.threads());
            tl.intervals("pid " + pid).stream().filter(b -> b.state() == Timeline.State.SPAN).forEach(bars::add);
        }
        assertEquals(List.of("(0)", "(1)", "(2)", "(3)"),
                bars.stream().map(Timeline.Interval::label).sorted().toList());
        for (var b : bars) {
            assertTrue(b.seconds() >= 0.05, "a 100 ms task drawn as " + b);
        }
    }
}
