package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventTest {

    @Test
    void newEventIsClear() {
        assertFalse(new Event().isSet());
    }

    @Test
    void awaitReturnsTrueAtOnceWhenSet() throws InterruptedException {
        Event event = new Event();
        event.set();

        assertTrue(event.await());
        assertTrue(event.await(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void timedAwaitReturnsFalseWhenNeverSet() throws InterruptedException {
        Event event = new Event();

        assertFalse(event.await(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void setWakesEveryWaitingThread() throws InterruptedException {
        Event event = new Event("go");
        AtomicInteger woken = new AtomicInteger();
        CountDownLatch waiting = new CountDownLatch(10);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(Threads.start(() -> {
                waiting.countDown();
                event.await();
                woken.incrementAndGet();
            }));
        }
        waiting.await();
        Thread.sleep(50);
        assertEquals(0, woken.get());

        event.set();
        for (Thread t : threads) {
            t.join();
        }

        assertEquals(10, woken.get());
    }

    @Test
    void clearMakesLaterWaitsBlockAgain() throws InterruptedException {
        Event event = new Event();
        event.set();

        event.clear();

        assertFalse(event.isSet());
        assertFalse(event.await(30, TimeUnit.MILLISECONDS));
    }

    @Test
    void awaitIsInterruptible() throws InterruptedException {
        Event event = new Event();
        AtomicInteger interrupted = new AtomicInteger();
        Thread waiter = new Thread(() -> {
            try {
                event.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        });
        waiter.start();
        Thread.sleep(50);

        waiter.interrupt();
        waiter.join();

        assertEquals(1, interrupted.get());
    }

    @Test
    void interruptedThreadDoesNotWaitAtAll() {
        Event event = new Event();
        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, event::await);
    }

    @Test
    void toStringShowsNameAndState() {
        Event event = new Event("ready");
        event.set();

        assertEquals("Event[ready, set]", event.toString());
    }
}
