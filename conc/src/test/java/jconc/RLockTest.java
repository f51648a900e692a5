package jconc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RLockTest {

    @Test
    void rlockCanBeReacquiredByItsOwner() throws InterruptedException {
        RLock lock = new RLock();

        lock.acquire();
        lock.acquire();
        assertTrue(lock.tryAcquire());

        assertEquals(3, lock.holdCount());
        assertSame(Thread.currentThread(), lock.owner());
        assertTrue(lock.isHeldByCurrentThread());
    }

    @Test
    void isFreeOnlyAfterAsManyReleasesAsAcquires() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        lock.acquire();

        lock.release();
        assertTrue(lock.isLocked());
        lock.release();

        assertFalse(lock.isLocked());
        assertNull(lock.owner());
        assertEquals(0, lock.holdCount());
    }

    @Test
    void otherThreadsCannotAcquireItWhileHeld() throws Exception {
        RLock lock = new RLock();
        lock.acquire();
        AtomicReference<Boolean> got = new AtomicReference<>();

        Thread t = Threads.start(() -> got.set(lock.acquire(50, TimeUnit.MILLISECONDS)));
        t.join();

        assertFalse(got.get());
    }

    @Test
    void releaseByANonOwnerThrows() throws Exception {
        RLock lock = new RLock();
        lock.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();

        Thread t = new Thread(() -> {
            try {
                lock.release();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join();

        assertTrue(thrown.get() instanceof IllegalMonitorStateException);
        assertEquals(1, lock.holdCount());
    }

    @Test
    void releaseOfAFreeLockThrows() {
        assertThrows(IllegalMonitorStateException.class, new RLock()::release);
    }

    @Test
    void nestedHoldsReleaseInOrder() throws InterruptedException {
        RLock lock = new RLock("data");
        try (Held outer = lock.hold()) {
            try (Held inner = lock.hold()) {
                assertEquals(2, lock.holdCount());
            }
            assertEquals(1, lock.holdCount());
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void acquireIsInterruptible() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                lock.acquire();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Thread.sleep(50);

        t.interrupt();
        t.join();

        assertTrue(thrown.get() instanceof InterruptedException);
    }

    @Test
    void threadMxBeanFindsADeadlockBetweenTwoRLocks() throws InterruptedException {
        RLock a = new RLock("a");
        RLock b = new RLock("b");
        CountDownLatch bothHolding = new CountDownLatch(2);
        Thread t1 = Threads.start(() -> {
            a.acquire();
            bothHolding.countDown();
            bothHolding.await();
            b.acquire();
        });
        Thread t2 = Threads.start(() -> {
            b.acquire();
            bothHolding.countDown();
            bothHolding.await();
            a.acquire();
        });

        long[] deadlocked = Deadlocks.awaitDeadlock(5, TimeUnit.SECONDS);
        t1.interrupt();
        t2.interrupt();
        t1.join();
        t2.join();

        long[] expected = {Deadlocks.id(t1), Deadlocks.id(t2)};
        Arrays.sort(expected);
        assertArrayEquals(expected, deadlocked);
    }
}
