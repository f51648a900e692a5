package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ThreadsTest {

    @Test
    void startRunsTheTargetOnANamedThread() throws InterruptedException {
        AtomicReference<String> ranOn = new AtomicReference<>();

        Thread t = Threads.start(() -> ranOn.set(Thread.currentThread().getName()), "t1");
        t.join();

        assertEquals("t1", ranOn.get());
    }

    @Test
    void targetWithArgsNameAndDaemonReadsLikePython() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();

        Thread t = Threads.target((String s, Integer n) -> seen.add(s + n))
                .args("task-", 1).name("t1").daemon(true).start();
        t.join();

        assertEquals(List.of("task-1"), seen);
        assertEquals("t1", t.getName());
        assertTrue(t.isDaemon());
    }

    @Test
    void oneAndThreeArgumentTargetsGetTheirArguments() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();

        Threads.target((String s) -> seen.add(s)).args("one").start().join();
        Threads.target((String a, String b, String c) -> seen.add(a + b + c)).args("t", "h", "ree").start().join();

        assertEquals(List.of("one", "three"), seen);
    }

    @Test
    void createReturnsAThreadThatIsNotStarted() {
        Thread t = Threads.target(() -> { }).name("later").create();

        assertEquals(Thread.State.NEW, t.getState());
        assertEquals("later", t.getName());
    }

    @Test
    void aTargetMayThrowCheckedExceptionsWhichReachTheUncaughtHandler() throws InterruptedException {
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        Thread t = Threads.target(() -> {
            throw new IOException("disk gone");
        }).create();
        t.setUncaughtExceptionHandler((thread, e) -> uncaught.set(e));

        t.start();
        t.join();

        assertTrue(uncaught.get() instanceof IOException);
    }

    @Test
    void anInterruptedTargetEndsQuietlyWithItsInterruptStatus() throws InterruptedException {
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        CountDownLatch sleeping = new CountDownLatch(1);
        Thread t = Threads.target(() -> {
            sleeping.countDown();
            Thread.sleep(10_000);
        }).create();
        t.setUncaughtExceptionHandler((thread, e) -> uncaught.set(e));
        t.start();
        sleeping.await();

        t.interrupt();
        t.join();

        assertEquals(null, uncaught.get());
    }

    @Test
    void activeCountIncludesAStartedThreadUntilItEnds() throws InterruptedException {
        Event done = new Event();
        int before = Threads.activeCount();

        Thread t = Threads.start(done::await, "counted");
        int during = Threads.activeCount();
        boolean listed = Threads.enumerate().contains(t);
        done.set();
        t.join();

        assertEquals(before + 1, during);
        assertTrue(listed);
        assertFalse(Threads.enumerate().contains(t));
        assertTrue(Threads.enumerate().contains(Thread.currentThread()));
    }

    @Test
    void aStartedThreadRunsInTheStartersContext() throws InterruptedException {
        ThreadLocal<String> context = new ThreadLocal<>();
        jconc.spi.Hosts.install(new jconc.spi.Host() {
            @Override
            public Runnable propagate(Runnable task) {
                String captured = context.get();
                return () -> {
                    context.set(captured);
                    task.run();
                };
            }
        });
        AtomicReference<String> seen = new AtomicReference<>();
        try {
            context.set("cell-7");
            Threads.start(() -> seen.set(context.get())).join();
        } finally {
            context.remove();
            jconc.spi.Hosts.install(jconc.spi.Host.PLAIN);
        }

        assertEquals("cell-7", seen.get());
    }

    @Test
    void aRecordingTimelineDoesNotAddToTheActiveCount() {
        int before = Threads.activeCount();
        Timeline tl = Timeline.startQuiet("invisible sampler");
        try {
            assertEquals(before, Threads.activeCount());
        } finally {
            tl.stop();
        }
    }
}
