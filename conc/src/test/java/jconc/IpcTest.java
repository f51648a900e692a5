package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class IpcTest {

    record Point(int x, int y) implements Serializable {
    }

    static void joinAll(List<ChildProcess> children) throws InterruptedException {
        for (ChildProcess c : children) {
            assertTrue(c.join(60, TimeUnit.SECONDS), c + " did not end");
        }
    }

    @Test
    void aListPutByAChildArrivesEqual() throws Exception {
        var q = new ProcessQueue<List<String>>();
        var p = new ChildProcess(qq -> qq.put(Arrays.asList("Hello", null, "World")), q).start();

        assertEquals(Arrays.asList("Hello", null, "World"), q.get(30, TimeUnit.SECONDS));
        p.join();
    }

    @Test
    void queueGetWithTimeoutThrowsWhenEmptyAndPollReturnsNull() throws Exception {
        var q = new ProcessQueue<Integer>();

        assertThrows(TimeoutException.class, () -> q.get(50, TimeUnit.MILLISECONDS));
        assertNull(q.poll());
        assertTrue(q.isEmpty());
    }

    @Test
    void manyProducersAndConsumersAcrossProcessesLoseNothing() throws Exception {
        var work = new ProcessQueue<Integer>();
        var done = new ProcessQueue<Integer>();
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int base = p * 1000;
            children.add(new ChildProcess((ProcessQueue<Integer> w, Integer b) -> {
                for (int i = 0; i < 500; i++) {
                    w.put(b + i);
                }
            }, work, base).start());
        }
        for (int c = 0; c < 2; c++) {
            children.add(new ChildProcess((ProcessQueue<Integer> w, ProcessQueue<Integer> d) -> {
                while (true) {
                    Integer n = w.get();
                    if (n < 0) {
                        return;
                    }
                    d.put(n);
                }
            }, work, done).start());
        }
        var seen = new HashSet<Integer>();
        for (int i = 0; i < 1000; i++) {
            seen.add(done.get(30, TimeUnit.SECONDS));
        }
        work.put(-1);
        work.put(-1);
        joinAll(children);

        assertEquals(1000, seen.size());
    }

    /** Interrupts the calling thread once, {@code millis} from now. */
    static void interruptMeAfter(long millis) {
        Thread me = Thread.currentThread();
        new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            me.interrupt();
        }).start();
    }

    static String waitsInAChild(ProcessQueue<String> q, Connection c) throws Exception {
        StringBuilder log = new StringBuilder();
        try {
            q.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.append("timeout;");
        }
        interruptMeAfter(200);
        try {
            q.get();
        } catch (InterruptedException e) {
            log.append("interrupted;");
        }
        log.append("poll=").append(c.poll(100, TimeUnit.MILLISECONDS)).append(';');
        c.send("ready");
        log.append("got=").append(q.get(30, TimeUnit.SECONDS)).append(';');
        try {
            c.recv();
        } catch (EOFException e) {
            log.append("eof;");
        }
        return log.toString();
    }

    @Test
    void remoteWaitsTimeOutAndCancelWithoutLosingItems() throws Exception {
        var q = new ProcessQueue<String>();
        var pipe = new Pipe();
        var report = new ProcessQueue<String>();
        var p = new ChildProcess((ProcessQueue<String> qq, Connection c, ProcessQueue<String> r) -> r.put(waitsInAChild(qq, c)),
                q, pipe.second(), report).start();

        assertEquals("ready", pipe.first().recv());
        q.put("item");
        pipe.first().close();

        assertEquals("timeout;interrupted;poll=false;got=item;eof;", report.get(30, TimeUnit.SECONDS));
        p.join();
        assertTrue(q.isEmpty());
    }

    /** In a child: a recv interrupted while it waits, then a recv that gets what was sent. */
    static String interruptedRecvInAChild(Connection c, Map<String, Integer> shared) throws Exception {
        StringBuilder log = new StringBuilder();
        interruptMeAfter(300);
        try {
            c.recv();
            log.append("got something;");
        } catch (InterruptedException e) {
            log.append("interrupted;");
        }
        shared.put("after", 1);
        c.send("ready");
        log.append("got=").append(c.recv()).append(';');
        log.append("map=").append(shared.get("after")).append(';');
        return log.toString();
    }

    @Test
    void anInterruptedRecvInAChildLosesNothingAndTheConnectionStillWorks() throws Exception {
        var pipe = new Pipe();
        var report = new ProcessQueue<String>();
        try (var manager = new Manager()) {
            Map<String, Integer> shared = manager.dict();
            var p = new ChildProcess((Connection c, Map<String, Integer> m, ProcessQueue<String> r) -> r.put(interruptedRecvInAChild(c, m)),
                    pipe.second(), shared, report).start();

            assertEquals("ready", pipe.first().recv());
            pipe.first().send("x");

            assertEquals("interrupted;got=x;map=1;", report.get(30, TimeUnit.SECONDS));
            p.join();
            assertEquals(0, p.exitCode());
        }
    }

    /** In a child: more threads than there are private connections, all writing at once. */
    static int manyThreadsWriteInAChild(Map<Integer, Integer> shared, int threads) throws Exception {
        var allWrote = new java.util.concurrent.CountDownLatch(threads);
        var release = new java.util.concurrent.CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int key = i;
            Thread t = new Thread(() -> {
                shared.put(key, key * key);
                allWrote.countDown();
                try {
                    release.await();   // stay alive, so every thread keeps its connection open
                } catch (InterruptedException ignored) {
                    // ends
                }
            });
            t.start();
            started.add(t);
        }
        allWrote.await();
        release.countDown();
        for (Thread t : started) {
            t.join();
        }
        return shared.size();
    }

    @Test
    void moreThreadsThanPrivateConnectionsStillReachTheManager() throws Exception {
        var report = new ProcessQueue<Integer>();
        try (var manager = new Manager()) {
            Map<Integer, Integer> shared = manager.dict();
            var p = new ChildProcess((Map<Integer, Integer> m, ProcessQueue<Integer> r) -> r.put(manyThreadsWriteInAChild(m, 150)),
                    shared, report).start();

            assertEquals(150, report.get(60, TimeUnit.SECONDS));
            p.join();
            assertEquals(0, p.exitCode());
            assertEquals(150, shared.size());
            assertEquals(149 * 149, shared.get(149));
        }
    }

    @Test
    void recordsTravelBothWaysThroughAPipe() throws Exception {
        var pipe = new Pipe();
        var p = new ChildProcess(c -> {
            Point got = (Point) c.recv();
            c.send(new Point(got.y(), got.x()));
            c.close();
        }, pipe.second()).start();

        pipe.first().send(new Point(1, 2));

        assertEquals(new Point(2, 1), pipe.first().recv());
        assertThrows(EOFException.class, () -> pipe.first().recv());
        p.join();
    }

    @Test
    void recvRaisesWhenThePeerProcessDiesInsteadOfHanging() throws Exception {
        var pipe = new Pipe();
        var p = new ChildProcess(c -> Runtime.getRuntime().halt(9), pipe.second()).start();

        assertThrows(EOFException.class, () -> pipe.first().recv());
        p.join();
        assertEquals(9, p.exitCode());
    }

    @Test
    void pollWaitsAtMostItsTimeout() throws Exception {
        var pipe = new Pipe();

        assertFalse(pipe.first().poll(50, TimeUnit.MILLISECONDS));
        pipe.second().send("x");
        assertTrue(pipe.first().poll());
        assertEquals("x", pipe.first().recv());
    }

    @Test
    void tenProcessesWriteIntoOneManagedMapAndList() throws Exception {
        try (var manager = new Manager()) {
            Map<String, String> dict = manager.dict();
            List<Long> list = manager.list();
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                children.add(new ChildProcess((Map<String, String> d, List<Long> l) -> {
                    d.put("k1", "v1");
                    d.put("k2", "v2");
                    l.add(Processes.pid());
                }, dict, list).start());
            }
            joinAll(children);

            assertEquals(Map.of("k1", "v1", "k2", "v2"), Map.copyOf(dict));
            assertEquals(10, new HashSet<>(list).size());
            assertTrue(list.containsAll(children.stream().map(ChildProcess::pid).toList()));
        }
    }

    @Test
    void criticalSectionsUnderTheProcessLockNeverOverlap() throws Exception {
        var lock = new ProcessLock();
        try (var manager = new Manager()) {
            List<String> log = manager.list();
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                children.add(new ChildProcess((ProcessLock l, List<String> g, Integer n) -> {
                    for (int k = 0; k < 5; k++) {
                        l.acquire();
                        try {
                            g.add("enter " + n);
                            Thread.sleep(2);
                            g.add("leave " + n);
                        } finally {
                            l.release();
                        }
                    }
                }, lock, log, i).start());
            }
            joinAll(children);

            List<String> events = new ArrayList<>(log);
            assertEquals(40, events.size());
            for (int i = 0; i < events.size(); i += 2) {
                assertTrue(events.get(i).startsWith("enter"), events.toString());
                assertEquals(events.get(i).replace("enter", "leave"), events.get(i + 1), events.toString());
            }
        }
    }

    @Test
    void aLockHeldByAChildThatDiesIsGivenBack() throws Exception {
        var lock = new ProcessLock();
        var p = new ChildProcess(l -> {
            l.acquire();
            Runtime.getRuntime().halt(1);
        }, lock).start();
        p.join();

        assertTrue(lock.acquire(10, TimeUnit.SECONDS));
        lock.release();
        assertThrows(IllegalStateException.class, lock::release);
    }
}
