package jconc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pipe whose ends live in different processes: what arrives, in which order, and how it ends. */
@Timeout(90)
class PipeTest {

    @Test
    void twoChildrenTalkThroughAPipeTheParentMade() throws Exception {
        var pipe = new Pipe();
        var report = new ProcessQueue<String>();
        var sender = new ChildProcess(c -> {
            for (int i = 1; i <= 500; i++) {
                c.send(i);
            }
            c.close();
        }, pipe.first());
        var receiver = new ChildProcess((Connection c, ProcessQueue<String> r) -> {
            long sum = 0;
            int count = 0;
            int last = 0;
            boolean ordered = true;
            try {
                while (true) {
                    int v = (Integer) c.recv();
                    ordered &= v == last + 1;
                    last = v;
                    sum += v;
                    count++;
                }
            } catch (EOFException e) {
                r.put(count + " " + sum + " " + ordered);
            }
        }, pipe.second(), report);
        receiver.start();
        sender.start();

        assertEquals("500 125250 true", report.get(60, TimeUnit.SECONDS));
        sender.join();
        receiver.join();
        assertEquals(0, sender.exitCode());
        assertEquals(0, receiver.exitCode());
    }

    @Test
    void whatAChildSentBeforeItEndedIsStillReceived() throws Exception {
        var pipe = new Pipe();
        var p = new ChildProcess(c -> {
            for (int i = 0; i < 1000; i++) {
                c.send("item " + i);
            }
        }, pipe.second()).start();
        p.join();

        for (int i = 0; i < 1000; i++) {
            assertEquals("item " + i, pipe.first().recv());
        }
        assertThrows(EOFException.class, () -> pipe.first().recv());
        assertEquals(true, pipe.first().poll());  // the end of the stream can be received now
    }

    @Test
    void whenTheParentClosesItsEndTheChildReadsWhatIsLeftThenTheEnd() throws Exception {
        var pipe = new Pipe();
        var report = new ProcessQueue<String>();
        var go = new ProcessQueue<String>();
        pipe.first().send("a");
        var p = new ChildProcess((Connection c, ProcessQueue<String> g, ProcessQueue<String> r) -> {
            StringBuilder log = new StringBuilder();
            log.append(c.recv()).append(';');   // sent before this process was up
            g.get();
            log.append(c.poll(5, TimeUnit.SECONDS)).append(';');
            try {
                while (true) {
                    log.append(c.recv()).append(';');
                }
            } catch (EOFException e) {
                log.append("eof;");
            }
            try {
                c.send("too late");
            } catch (EOFException e) {
                log.append("send refused;");
            }
            r.put(log.toString());
        }, pipe.second(), go, report).start();

        pipe.first().send("b");
        pipe.first().send(null);
        pipe.first().close();
        go.put("go");

        assertEquals("a;true;b;null;eof;send refused;", report.get(60, TimeUnit.SECONDS));
        p.join();
        assertEquals(0, p.exitCode());
    }

    @Test
    void aChildEndWaitsAtMostItsTimeoutAndIsClosedOnlyForItself() throws Exception {
        var pipe = new Pipe();
        var report = new ProcessQueue<String>();
        var p = new ChildProcess((Connection c, ProcessQueue<String> r) -> {
            StringBuilder log = new StringBuilder();
            long t0 = System.nanoTime();
            log.append(c.poll(200, TimeUnit.MILLISECONDS)).append(';');
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            log.append(waitedMs >= 150 ? "waited;" : "waited only " + waitedMs + " ms;");
            c.send("ready");
            log.append(c.recv()).append(';');
            c.close();
            log.append(c.isClosed()).append(';');
            try {
                c.send("after close");
            } catch (IllegalStateException e) {
                log.append("closed here;");
            }
            r.put(log.toString());
        }, pipe.second(), report).start();

        assertEquals("ready", pipe.first().recv());
        pipe.first().send("x");

        assertEquals("false;waited;x;true;closed here;", report.get(60, TimeUnit.SECONDS));
        assertThrows(EOFException.class, () -> pipe.first().recv());
        assertThrows(EOFException.class, () -> pipe.first().send("nobody listens"));
        p.join();
    }

    @Test
    void manyParentThreadsReceiveFromOneChildAndNothingIsLostOrDoubled() throws Exception {
        var pipe = new Pipe();
        var p = new ChildProcess(c -> {
            for (int i = 0; i < 2000; i++) {
                c.send(i);
            }
        }, pipe.second()).start();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(Threads.start(() -> {
                try {
                    while (true) {
                        if (!seen.add((Integer) pipe.first().recv())) {
                            throw new AssertionError("received twice");
                        }
                    }
                } catch (EOFException e) {
                    // all read
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : readers) {
            t.join();
        }
        p.join();
        assertEquals(2000, seen.size());
    }

    @Test
    void largeValuesTravelBothWays() throws Exception {
        var pipe = new Pipe();
        var p = new ChildProcess(c -> {
            while (true) {
                byte[] got = (byte[]) c.recv();
                if (got.length == 0) {
                    break;
                }
                c.send(got);
            }
        }, pipe.second()).start();
        for (int i = 0; i < 4; i++) {
            byte[] big = new byte[3 << 20];
            big[0] = (byte) i;
            big[big.length - 1] = (byte) (i + 1);
            pipe.first().send(big);
            assertArrayEquals(big, (byte[]) pipe.first().recv());
        }
        pipe.first().send(new byte[0]);
        p.join();
        assertEquals(0, p.exitCode());
    }

    @Test
    void aByteArrayChangedAfterItWasSentArrivesAsItWasSent() throws Exception {
        var q = new ProcessQueue<byte[]>();
        var pipe = new Pipe();
        byte[] mine = {1, 2, 3};
        q.put(mine);
        pipe.second().send(mine);
        mine[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, q.get());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) pipe.first().recv());

        var p = new ChildProcess((ProcessQueue<byte[]> qq, Connection c) -> {
            byte[] x = {1, 2, 3};
            qq.put(x);
            c.send(x);
            x[0] = 9;
            qq.put(x);
            c.send(x);
        }, q, pipe.second()).start();
        assertArrayEquals(new byte[] {1, 2, 3}, q.get(30, TimeUnit.SECONDS));
        assertArrayEquals(new byte[] {9, 2, 3}, q.get(30, TimeUnit.SECONDS));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) pipe.first().recv());
        assertArrayEquals(new byte[] {9, 2, 3}, (byte[]) pipe.first().recv());
        p.join();
    }

    @Test
    void twoChildrenSendingThroughTheSameEndAreBothHeard() throws Exception {
        var pipe = new Pipe();
        List<ChildProcess> children = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int from = k;
            children.add(new ChildProcess(c -> {
                for (int i = 0; i < 50; i++) {
                    c.send(from * 1000 + i);
                }
            }, pipe.second()).start());
        }
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 100; i++) {
            seen.add((Integer) pipe.first().recv());
        }
        for (ChildProcess p : children) {
            p.join();
            assertEquals(0, p.exitCode());
        }
        assertEquals(100, seen.size());
    }

    @Test
    void aChildThatEndsFirstDoesNotCloseTheEndTheOthersStillSendOn() throws Exception {
        var pipe = new Pipe();
        List<ChildProcess> children = new ArrayList<>();
        // The first sends at once and ends; the second starts later and sends slowly; the third
        // starts after the second and ends while the second is still sending.
        long[] start = {0, 300, 600};
        long[] gap = {0, 60, 0};
        for (int k = 0; k < 3; k++) {
            int from = k;
            long pause = start[k];
            long between = gap[k];
            children.add(new ChildProcess(c -> {
                Thread.sleep(pause);
                for (int i = 0; i < 20; i++) {
                    c.send(from * 1000 + i);
                    Thread.sleep(between);
                }
            }, pipe.second()).start());
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            seen.add((Integer) pipe.first().recv());
        }
        for (ChildProcess p : children) {
            p.join();
            assertEquals(0, p.exitCode());
        }
        assertEquals(60, seen.size());
        assertThrows(EOFException.class, () -> pipe.first().recv());
    }

    @Test
    void aReceiverThatStartsAfterTheSenderStillGetsEverything() throws Exception {
        for (int round = 0; round < 3; round++) {
            var pipe = new Pipe();
            var report = new ProcessQueue<String>();
            var sender = new ChildProcess(c -> {
                for (int i = 1; i <= 500; i++) {
                    c.send(i);
                }
            }, pipe.first()).start();
            Thread.sleep(100 + 150L * round);  // the parent buffers what nobody receives yet
            var receiver = new ChildProcess((Connection c, ProcessQueue<String> r) -> {
                int count = 0;
                try {
                    while (true) {
                        c.recv();
                        count++;
                    }
                } catch (EOFException e) {
                    r.put(count + " then the end");
                }
            }, pipe.second(), report).start();

            assertEquals("500 then the end", report.get(60, TimeUnit.SECONDS));
            sender.join();
            receiver.join();
            assertEquals(0, sender.exitCode());
        }
    }
}
