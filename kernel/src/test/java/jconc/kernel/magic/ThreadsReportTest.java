package jconc.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import jconc.kernel.engine.Cell;
import jconc.kernel.engine.Cells;
import jconc.kernel.engine.Magic;
import jconc.kernel.engine.RecordingEvaluator;
import jconc.kernel.engine.RecordingOutput;
import jconc.kernel.engine.TestCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ThreadsReportTest {
    @Test
    @Timeout(30)
    void threadsShowsTheNotebooksThreadsAndADeadlockCycle() throws Exception {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread first = new Thread(Cells.userThreads(), () -> crossLock(a, b, bothHold), "first-worker");
        Thread second = new Thread(Cells.userThreads(), () -> crossLock(b, a, bothHold), "second-worker");
        first.setDaemon(true);
        second.setDaemon(true);
        first.start();
        second.start();
        try {
            assertTrue(bothHold.await(10, TimeUnit.SECONDS));
            while (!a.hasQueuedThreads() || !b.hasQueuedThreads()) {
                Thread.sleep(10); // until both wait for the other's lock
            }
            RecordingOutput out = new RecordingOutput();
            Cell cell = TestCells.cell(1, out);
            cell.streams().write("stdout", "before\n");
            MagicCalls.magic(Magic.Kind.LINE, "threads").action().run(MagicCalls.line(new RecordingEvaluator(), cell, "", 0));
            List<String> messages = out.messages();
            assertEquals("stdout: before\n", messages.get(0), "text written before the table comes before it");
            String shown = messages.get(1);
            assertTrue(shown.startsWith("display: "), shown);
            assertTrue(shown.contains("first-worker") && shown.contains("second-worker") && shown.contains("WAITING"), shown);
            assertTrue(shown.contains("DEADLOCK: "), shown);
        } finally {
            first.interrupt();
            second.interrupt();
        }
    }

    private static void crossLock(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHold) {
        mine.lock();
        try {
            bothHold.countDown();
            bothHold.await();
            theirs.lockInterruptibly();
            theirs.unlock();
        } catch (InterruptedException e) {
            // the test is over
        } finally {
            mine.unlock();
        }
    }
}
