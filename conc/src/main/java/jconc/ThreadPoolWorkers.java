package jconc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import jconc.spi.Hosts;

/**
 * The workers of a {@link ThreadPool} and their task queue: a worker is started whenever no
 * free one is left for a queued task (up to the maximum), each takes tasks until it takes a stop
 * marker, and every count is kept under one lock.
 */
final class ThreadPoolWorkers {
    private static final Runnable STOP = () -> { };

    private final int maxNum;
    private final String namePrefix;
    private final Runnable onEnd;
    private final LinkedBlockingDeque<Runnable> queue = new LinkedBlockingDeque<>();
    private final Semaphore room;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allGone = lock.newCondition();
    private final List<Thread> workers = new ArrayList<>();
    private int free;
    private int workersEverStarted;
    private boolean closed;
    private boolean terminated;

    /**
     * At most {@code maxNum} workers named {@code namePrefix} and a number, a queue of at most
     * {@code maxTaskNum} waiting tasks (0: unbounded); {@code onEnd} runs once closed with no
     * worker left.
     */
    ThreadPoolWorkers(int maxNum, int maxTaskNum, String namePrefix, Runnable onEnd) {
        this.maxNum = maxNum;
        this.namePrefix = namePrefix;
        this.onEnd = onEnd;
        this.room = maxTaskNum == 0 ? null : new Semaphore(maxTaskNum);
    }

    /** Queues {@code job}, waiting for room in a bounded queue; false once closed. */
    boolean submit(Runnable job) throws InterruptedException {
        if (room != null) {
            room.acquire();
        }
        lock.lock();
        try {
            if (closed) {
                if (room != null) {
                    room.release();
                }
                return false;
            }
            if (queued() >= free && workers.size() < maxNum) {
                startWorker();
            }
            queue.addLast(job);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Accepts no more tasks; the workers end after those queued. */
    void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < workers.size(); i++) {
                queue.addLast(STOP);
            }
            endIfIdle();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the queued tasks, interrupts the running ones and ends the workers; returns how many were dropped. */
    int terminate() {
        lock.lock();
        try {
            closed = true;
            terminated = true;
            int dropped = 0;
            for (Runnable job; (job = queue.pollFirst()) != null; ) {
                if (job != STOP) {
                    dropped++;
                    if (room != null) {
                        room.release();
                    }
                }
            }
            for (Thread worker : workers) {
                queue.addLast(STOP);
                worker.interrupt();
            }
            endIfIdle();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until closed with every worker ended. */
    void awaitEnd() throws InterruptedException {
        lock.lock();
        try {
            while (!(closed && workers.isEmpty())) {
                allGone.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code nanos} until closed with every worker ended; returns whether that happened. */
    boolean awaitEnd(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (!(closed && workers.isEmpty())) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = allGone.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    int count() {
        return locked(workers::size);
    }

    int free() {
        return locked(() -> free);
    }

    int busy() {
        return locked(() -> workers.size() - free);
    }

    int everStarted() {
        return locked(() -> workersEverStarted);
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks accepted but not started yet. */
    int queued() {
        int stops = 0;
        for (Runnable job : queue) {
            if (job == STOP) {
                stops++;
            }
        }
        return queue.size() - stops;
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "max " + maxNum + ", workers " + workers.size() + ", free " + free
                    + ", queued " + queued() + (terminated ? ", terminated" : closed ? ", closed" : "");
        } finally {
            lock.unlock();
        }
    }

    private int locked(IntSupplier read) {
        lock.lock();
        try {
            return read.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void startWorker() {
        workersEverStarted++;
        Thread worker = new Thread(Hosts.current().propagate(this::workLoop), namePrefix + workersEverStarted);
        worker.setDaemon(true);
        workers.add(worker);
        worker.start();
    }

    private void workLoop() {
        Timeline.threadStarted();
        try {
            while (true) {
                Runnable job;
                lock.lock();
                try {
                    if (terminated) {
                        return;
                    }
                    free++;
                } finally {
                    lock.unlock();
                }
                try {
                    job = queue.takeFirst();
                } catch (InterruptedException e) {
                    return;
                } finally {
                    lock.lock();
                    try {
                        free--;
                    } finally {
                        lock.unlock();
                    }
                }
                if (job == STOP) {
                    return;
                }
                if (room != null) {
                    room.release();
                }
                job.run();
                Thread.interrupted();   // a task's interrupt must not end the next one
            }
        } finally {
            lock.lock();
            try {
                workers.remove(Thread.currentThread());
                endIfIdle();
            } finally {
                lock.unlock();
            }
            Timeline.threadEnded();
        }
    }

    /** Called with the lock held: signals the waiters and runs {@code onEnd} once the pool is over. */
    private void endIfIdle() {
        if (closed && workers.isEmpty()) {
            allGone.signalAll();
            onEnd.run();
        }
    }
}
