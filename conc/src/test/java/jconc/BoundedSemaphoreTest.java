package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BoundedSemaphoreTest {

    @Test
    void neverLetsMoreThanTheBoundIn() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(5);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            threads.add(Threads.start(() -> {
                try (Held permit = semaphore.hold()) {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(20);
                    inside.decrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertTrue(most.get() <= 5, "at most 5 inside, saw " + most.get());
        assertEquals(5, semaphore.availablePermits());
    }

    @Test
    void releasingMoreThanAcquiredThrowsIllegalState() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(2);
        semaphore.acquire();
        semaphore.release();

        assertThrows(IllegalStateException.class, semaphore::release);
        assertEquals(2, semaphore.availablePermits());
    }

    @Test
    void timedAcquireGivesUpWhenNoPermitIsLeft() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(1);
        assertTrue(semaphore.tryAcquire());

        assertFalse(semaphore.tryAcquire());
        assertFalse(semaphore.acquire(30, TimeUnit.MILLISECONDS));
    }

    @Test
    void anotherThreadMayReleaseAPermit() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(1);
        semaphore.acquire();

        Thread t = Threads.start(semaphore::release);
        t.join();

        assertEquals(1, semaphore.availablePermits());
    }

    @Test
    void acquireIsInterruptible() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(0);
        AtomicInteger interrupted = new AtomicInteger();
        Thread t = new Thread(() -> {
            try {
                semaphore.acquire();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        });
        t.start();
        Thread.sleep(30);

        t.interrupt();
        t.join();

        assertEquals(1, interrupted.get());
    }

    @Test
    void negativeBoundIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    }
}
