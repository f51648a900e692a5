package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AcquirableTest {

    private static boolean nestedAcquireSucceeds(Acquirable lock) throws InterruptedException {
        lock.acquire();
        try {
            boolean again = lock.acquire(50, TimeUnit.MILLISECONDS);
            if (again) {
                lock.release();
            }
            return again;
        } finally {
            lock.release();
        }
    }

    @Test
    void theSameCodeRunsWithEitherLockAndOnlyTheRLockIsReentrant() throws InterruptedException {
        assertTrue(nestedAcquireSucceeds(new RLock()));
        assertFalse(nestedAcquireSucceeds(new Mutex()));
    }

    @Test
    void aBoundedSemaphoreOfTwoAdmitsTheSameThreadTwice() throws InterruptedException {
        BoundedSemaphore two = new BoundedSemaphore(2);

        assertTrue(nestedAcquireSucceeds(two));
        assertEquals(2, two.availablePermits());
    }

    @Test
    void everyImplementationIsFreeAfterHoldIsClosed() throws InterruptedException {
        for (Acquirable lock : new Acquirable[] {new Mutex(), new RLock(), new BoundedSemaphore(1)}) {
            try (Held held = lock.hold()) {
                assertTrue(held != null);
            }
            assertTrue(lock.tryAcquire(), lock + " is free again");
            lock.release();
        }
    }
}
