package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChildProcessTest {

    static int counter;

    static void fail(String why) {
        throw new IllegalStateException(why);
    }

    @Test
    void childRunsInAnotherProcessWithItsArguments() throws Exception {
        var queue = new ProcessQueue<Object>();
        var p = new ChildProcess((ProcessQueue<Object> q, String who) -> q.put(who + " " + Processes.pid() + " " + Processes.ppid()),
                queue, "bob").start();

        assertTrue(p.join(30, TimeUnit.SECONDS));
        String[] got = ((String) queue.get(5, TimeUnit.SECONDS)).split(" ");
        assertEquals("bob", got[0]);
        assertEquals(p.pid(), Long.parseLong(got[1]));
        assertNotEquals(Processes.pid(), p.pid());
        assertEquals(Processes.pid(), Long.parseLong(got[2]));
        assertEquals(0, p.exitCode());
        assertNull(p.exception());
    }

    @Test
    void anExceptionInTheChildComesBackWithItsStackTraceAndExitCodeOne() throws Exception {
        var p = new ChildProcess(() -> fail("boom")).start();

        assertTrue(p.join(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitCode());
        Throwable cause = p.exception().getCause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertEquals("boom", cause.getMessage());
        assertEquals("fail", cause.getStackTrace()[0].getMethodName());
    }

    @Test
    void aChildThatCallsSystemExitIsReportedWithItsCode() throws Exception {
        var p = new ChildProcess(() -> System.exit(7)).start();

        assertTrue(p.join(30, TimeUnit.SECONDS));
        assertEquals(7, p.exitCode());
        assertTrue(p.exception().getMessage().contains("exited with code 7"), p.exception().getMessage());
    }

    @Test
    void aChildThatRunsOutOfMemoryIsReported() throws Exception {
        var p = new ChildProcess(() -> System.out.println(new long[Integer.MAX_VALUE - 8].length)).start();

        assertTrue(p.join(30, TimeUnit.SECONDS));
        assertEquals(3, p.exitCode());
        assertTrue(p.exception().getMessage().contains("out of memory"), p.exception().getMessage());
    }

    @Test
    void aKilledChildIsReportedAndJoinReturns() throws Exception {
        var p = new ChildProcess(() -> Thread.sleep(60_000)).start();
        Thread.sleep(200);

        p.kill();

        assertTrue(p.join(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitCode());
        assertFalse(p.isAlive());
    }

    @Test
    void aCaptureThatCannotBeSerializedFailsAtStartNamingIt() {
        Thread notSerializable = new Thread(() -> { });
        var p = new ChildProcess(() -> System.out.println(notSerializable));

        var e = assertThrows(IllegalArgumentException.class, p::start);

        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        assertTrue(e.getMessage().contains("captured value #1"), e.getMessage());
        System.out.println(e.getMessage());
    }

    @Test
    void staticFieldsStartFreshInTheChild() throws Exception {
        counter = 41;
        var queue = new ProcessQueue<Integer>();
        new ChildProcess((ProcessQueue<Integer> q) -> q.put(counter), queue).start().join();

        assertEquals(0, queue.get(5, TimeUnit.SECONDS));
    }

    @Test
    void theChildsOutputArrivesInThisProcessBeforeJoinReturns() throws Exception {
        var captured = new java.io.ByteArrayOutputStream();
        var before = System.out;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            new ChildProcess((String who) -> System.out.println("hello " + who + " from " + Processes.name()), "bob")
                    .name("Greeter").start().join();
        } finally {
            System.setOut(before);
        }

        assertEquals("hello bob from Greeter", captured.toString().trim());
    }

    @Test
    void aChildWaitsForTheNonDaemonThreadsItStarted() throws Exception {
        var q = new ProcessQueue<String>();
        var p = new ChildProcess((ProcessQueue<String> qq) -> {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    qq.put("thread in " + Processes.pid());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
        }, q).start();

        assertTrue(p.join(30, TimeUnit.SECONDS));
        assertEquals("thread in " + p.pid(), q.poll());
    }

    @Test
    void startTwiceIsAnError() throws Exception {
        var p = new ChildProcess(() -> { }).start();
        assertThrows(IllegalStateException.class, p::start);
        p.join();
    }
}
