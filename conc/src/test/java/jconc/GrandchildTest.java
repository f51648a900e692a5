package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Children start children of their own; daemon ones end with their parent. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GrandchildTest {

    static final String LONG = "long";

    static void startLongGrandchild(ProcessQueue<Long> q) throws Exception {
        var running = new ProcessQueue<Long>();
        new ChildProcess((ProcessQueue<Long> qq, ProcessQueue<Long> r) -> {
            qq.put(Processes.pid());
            r.put(Processes.pid());
            Thread.sleep(60_000);
        }, q, running).start();
        running.get(30, TimeUnit.SECONDS);
    }

    @Test
    void terminatingAParentEndsItsNonDaemonGrandchild() throws Exception {
        var q = new ProcessQueue<Long>();
        var parent = new ChildProcess((ProcessQueue<Long> qq) -> startLongGrandchild(qq), q).start();
        long grandchild = q.get(60, TimeUnit.SECONDS);
        assertFalse(parent.join(500, TimeUnit.MILLISECONDS));

        parent.terminate();

        assertTrue(parent.join(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(20);
        }
        String state = "";
        try {
            state = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + grandchild + "/stat"));
        } catch (java.io.IOException e) {
            state = "gone";
        }
        assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false), state);
    }

    static void startGrandchild(ProcessQueue<Long> q, boolean daemon) throws Exception {
        var running = new ProcessQueue<Long>();
        var g = new ChildProcess((ProcessQueue<Long> qq, ProcessQueue<Long> r) -> {
            qq.put(Processes.pid());
            r.put(Processes.pid());
            Thread.sleep(daemon ? 60_000 : 500);
        }, q, running).daemon(daemon).start();
        running.get(30, TimeUnit.SECONDS);
        System.out.println("grandchild " + g.pid() + " started by " + Processes.pid());
    }

    @Test
    void aDaemonGrandchildEndsWhenItsParentEnds() throws Exception {
        var q = new ProcessQueue<Long>();
        var parent = new ChildProcess((ProcessQueue<Long> qq) -> startGrandchild(qq, true), q).start();
        long grandchild = q.get(60, TimeUnit.SECONDS);

        assertTrue(parent.join(30, TimeUnit.SECONDS));
        assertEquals(0, parent.exitCode());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aParentWaitsForItsNonDaemonGrandchild() throws Exception {
        var q = new ProcessQueue<Long>();
        long t0 = System.nanoTime();
        var parent = new ChildProcess((ProcessQueue<Long> qq) -> startGrandchild(qq, false), q).start();
        long grandchild = q.get(60, TimeUnit.SECONDS);

        assertTrue(parent.join(30, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(500));
    }
}
