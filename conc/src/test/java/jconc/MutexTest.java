package jconc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MutexTest {
    private int counter;

    @Test
    void secondAcquireByTheOwnerDoesNotSucceed() throws InterruptedException {
        Mutex lock = new Mutex();
        lock.acquire();

        assertFalse(lock.tryAcquire());
        assertFalse(lock.acquire(50, TimeUnit.MILLISECONDS));
        lock.release();
    }

    @Test
    void secondBlockingAcquireByTheOwnerBlocksUntilInterrupted() throws InterruptedException {
        Mutex lock = new Mutex();
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch holding = new CountDownLatch(1);
        Thread t = Threads.start(() -> {
            lock.acquire();
            holding.countDown();
            try {
                lock.acquire();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        holding.await();
        Thread.sleep(50);
        assertEquals(Thread.State.WAITING, t.getState());

        t.interrupt();
        t.join();

        assertTrue(interrupted.get());
    }

    @Test
    void anyThreadMayReleaseItAsInPython() throws InterruptedException {
        Mutex lock = new Mutex();
        lock.acquire();

        Thread other = Threads.start(lock::release);
        other.join();

        assertFalse(lock.isLocked());
        assertTrue(lock.tryAcquire());
    }

    @Test
    void releasingAnUnlockedMutexThrows() {
        Mutex lock = new Mutex("m");

        assertThrows(IllegalMonitorStateException.class, lock::release);
    }

    @Test
    void holdReleasesWhenClosedAndOnlyOnce() throws InterruptedException {
        Mutex lock = new Mutex();
        Held held = lock.hold();
        assertTrue(lock.isLocked());

        held.close();
        lock.acquire();
        held.close();

        assertTrue(lock.isLocked(), "a second close must not release someone else's hold");
    }

    @Test
    void ownerIsTheAcquiringThread() throws InterruptedException {
        Mutex lock = new Mutex("m");
        lock.acquire();

        assertSame(Thread.currentThread(), lock.owner());
        assertTrue(lock.toString().contains("locked by " + Thread.currentThread().getName()));
        lock.release();
        assertNull(lock.owner());
    }

    @Test
    void keepsACounterExactUnderContention() throws InterruptedException {
        Mutex lock = new Mutex();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Threads.start(() -> {
                for (int j = 0; j < 20_000; j++) {
                    try (Held held = lock.hold()) {
                        counter++;
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }

        assertEquals(80_000, counter);
    }

    @Test
    void threadMxBeanReportsItAsAnOwnableSynchronizer() throws InterruptedException {
        Mutex lock = new Mutex();
        lock.acquire();
        try {
            ThreadInfo info = ManagementFactory.getThreadMXBean()
                    .getThreadInfo(new long[] {Deadlocks.id(Thread.currentThread())}, false, true)[0];

            assertTrue(Arrays.stream(info.getLockedSynchronizers())
                    .map(LockInfo::getClassName).anyMatch(n -> n.startsWith(Mutex.class.getName())));
        } finally {
            lock.release();
        }
    }

    @Test
    void threadMxBeanFindsADeadlockBetweenTwoMutexes() throws InterruptedException {
        Mutex a = new Mutex("a");
        Mutex b = new Mutex("b");
        CountDownLatch bothHolding = new CountDownLatch(2);
        Thread t1 = Threads.start(() -> {
            a.acquire();
            bothHolding.countDown();
            bothHolding.await();
            b.acquire();
        }, "takes-a-then-b");
        Thread t2 = Threads.start(() -> {
            b.acquire();
            bothHolding.countDown();
            bothHolding.await();
            a.acquire();
        }, "takes-b-then-a");

        long[] deadlocked = Deadlocks.awaitDeadlock(5, TimeUnit.SECONDS);
        t1.interrupt();
        t2.interrupt();
        t1.join();
        t2.join();

        long[] expected = {Deadlocks.id(t1), Deadlocks.id(t2)};
        Arrays.sort(expected);
        assertArrayEquals(expected, deadlocked);
    }

    @Test
    void threadMxBeanShowsAThreadWaitingForAMutexItHoldsItself() throws InterruptedException {
        // findDeadlockedThreads() looks for cycles between threads and does not report this
        // one-thread case; ThreadInfo does show it: the lock's owner is the waiting thread.
        Mutex lock = new Mutex("self");
        CountDownLatch holding = new CountDownLatch(1);
        Thread t = Threads.start(() -> {
            lock.acquire();
            holding.countDown();
            lock.acquire();
        }, "re-acquirer");
        holding.await();
        ThreadInfo info = null;
        for (int i = 0; i < 500 && (info == null || info.getLockInfo() == null); i++) {
            Thread.sleep(10);
            info = ManagementFactory.getThreadMXBean().getThreadInfo(Deadlocks.id(t));
        }
        t.interrupt();
        t.join();

        assertEquals(Thread.State.WAITING, info.getThreadState());
        assertTrue(info.getLockName().startsWith(Mutex.class.getName()), info.getLockName());
        assertEquals(Deadlocks.id(t), info.getLockOwnerId());
    }
}
