package jconc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import jconc.spi.Host;
import jconc.spi.Hosts;
import jconc.spi.Resources;

/**
 * The tutorial's "complex thread pool": worker threads created on demand up to {@code maxNum},
 * a task queue, and a callback {@code (success, result)} after each task; {@link #close()}
 * finishes the queued work and then stops the workers, {@link #terminate()} stops now.
 *
 * <pre>{@code
 * ThreadPool pool = new ThreadPool(5);
 * for (int i = 0; i < 30; i++) pool.run(n -> n * n, i, (ok, square) -> System.out.println(square));
 * pool.close(); pool.join();
 * }</pre>
 *
 * <p>Pitfall: a task must return a value (a void method: {@code n -> { work(n); return null; }}),
 * and a failed task reaches its callback only as {@code success == false} with a {@code null}
 * result, as in the original: the exception itself is lost. Use {@code ExecutorService} and
 * {@code CompletableFuture} in real code.
 *
 * <p>Mirrors the tutorial's {@code ThreadPool(max_num, max_task_num)} with {@code run(func,
 * args, callback)}, {@code close()}, {@code terminate()} and the lengths of
 * {@code generate_list} / {@code free_list} ({@link #workerCount()} / {@link #freeCount()}).
 * Differences: it fixes the original's races (all counts are kept under one lock, and a new
 * worker is started whenever no free worker is left for a queued task); {@link #terminate()}
 * also interrupts running tasks (Python cannot); {@link #join()} waits for the workers to
 * end; workers are daemon threads, so a forgotten {@code close()} never keeps a program alive.
 * Tasks and callbacks run in the context of the thread that called {@code run} (in a
 * notebook, their output lands in that cell); the callback runs on the worker thread.
 */
public final class ThreadPool {

    /** Called after each task: Python's {@code callback(status, result)}. */
    @FunctionalInterface
    public interface Callback<R> {
        /** Receives whether the task succeeded and its result ({@code null} when it failed). */
        void call(boolean success, R result) throws Exception;
    }

    /** A task taking one argument. */
    @FunctionalInterface
    public interface Func1<A, R> {
        /** Runs the task. */
        R call(A a) throws Exception;
    }

    /** A task taking two arguments. */
    @FunctionalInterface
    public interface Func2<A, B, R> {
        /** Runs the task. */
        R call(A a, B b) throws Exception;
    }

    private static final Runnable STOP = () -> { };
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Set<ThreadPool> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Resources.register(owner -> {
            for (ThreadPool pool : LIVE) {
                if (owner == null || owner.equals(pool.owner)) {
                    pool.terminate();
                }
            }
        });
    }

    private final int maxNum;
    private final int poolNumber = POOLS.incrementAndGet();
    private final Object owner = Hosts.current().owner();
    private final LinkedBlockingDeque<Runnable> queue = new LinkedBlockingDeque<>();
    private final Semaphore room;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allGone = lock.newCondition();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger taskNumber = new AtomicInteger();
    private int free;
    private int workersEverStarted;
    private boolean closed;
    private boolean terminated;

    /** A pool of at most {@code maxNum} workers and an unbounded task queue. */
    public ThreadPool(int maxNum) {
        this(maxNum, 0);
    }

    /**
     * A pool of at most {@code maxNum} workers and a queue of at most {@code maxTaskNum} waiting
     * tasks ({@code 0} = unbounded): {@code run} blocks while the queue is full.
     */
    public ThreadPool(int maxNum, int maxTaskNum) {
        if (maxNum < 1 || maxTaskNum < 0) {
            throw new IllegalArgumentException("need maxNum >= 1 and maxTaskNum >= 0");
        }
        this.maxNum = maxNum;
        this.room = maxTaskNum == 0 ? null : new Semaphore(maxTaskNum);
        LIVE.add(this);
    }

    /**
     * Queues {@code func} and, when it has run, calls {@code callback} (may be {@code null}).
     *
     * @return {@code false} if the pool is closed and the task was not accepted
     * @throws InterruptedException if interrupted while waiting for room in a full queue
     */
    public <R> boolean run(Callable<R> func, Callback<? super R> callback) throws InterruptedException {
        return submit(job(func, callback));
    }

    /** Queues {@code func} without a callback. */
    public <R> boolean run(Callable<R> func) throws InterruptedException {
        return run(func, null);
    }

    /** Queues {@code func(a)}: Python's {@code run(func, (a,), callback)}. */
    public <A, R> boolean run(Func1<A, R> func, A a, Callback<? super R> callback) throws InterruptedException {
        return run(() -> func.call(a), callback);
    }

    /** Queues {@code func(a, b)}: Python's {@code run(func, (a, b), callback)}. */
    public <A, B, R> boolean run(Func2<A, B, R> func, A a, B b, Callback<? super R> callback)
            throws InterruptedException {
        return run(() -> func.call(a, b), callback);
    }

    /**
     * Stops accepting tasks; the workers finish everything queued, then end. Does not wait:
     * see {@link #join()}.
     */
    public void close() {
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

    /**
     * Stops now: drops the queued tasks (their callbacks never run), interrupts the running
     * ones and ends the workers.
     *
     * @return how many queued tasks were dropped
     */
    public int terminate() {
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

    /**
     * Waits until the pool is closed and every worker has ended.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void join() throws InterruptedException {
        lock.lock();
        try {
            while (!(closed && workers.isEmpty())) {
                allGone.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, at most the timeout, until the pool is closed and every worker has ended.
     *
     * @return whether that happened in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
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

    /** Live workers: Python's {@code len(pool.generate_list)}. */
    public int workerCount() {
        lock.lock();
        try {
            return workers.size();
        } finally {
            lock.unlock();
        }
    }

    /** Workers idle, waiting for a task: Python's {@code len(pool.free_list)}. */
    public int freeCount() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }

    /** Workers running a task (or its callback) now. */
    public int busyCount() {
        lock.lock();
        try {
            return workers.size() - free;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks accepted but not started yet. */
    public int queuedCount() {
        int stops = 0;
        for (Runnable job : queue) {
            if (job == STOP) {
                stops++;
            }
        }
        return queue.size() - stops;
    }

    /** Workers started since the pool was created (never more than {@code maxNum} at once). */
    public int workersEverStarted() {
        lock.lock();
        try {
            return workersEverStarted;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} or {@link #terminate()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "ThreadPool[max " + maxNum + ", workers " + workers.size() + ", free " + free
                    + ", queued " + queuedCount() + (terminated ? ", terminated" : closed ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }

    // ---- internals -----------------------------------------------------------------------

    private <R> Runnable job(Callable<R> func, Callback<? super R> callback) {
        int number = taskNumber.incrementAndGet();
        Host host = Hosts.current();
        return host.propagate(() -> {
            Timeline tl = Timeline.current();
            Held span = tl == null ? null : tl.span("task " + number);
            R result = null;
            boolean success;
            try {
                result = func.call();
                success = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                success = false;
            } catch (Exception e) {
                success = false;
            } finally {
                if (span != null) {
                    span.close();
                }
            }
            if (callback != null) {
                try {
                    callback.call(success, result);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    System.err.println("callback of task " + number + " failed:");
                    e.printStackTrace();
                }
            }
        });
    }

    private boolean submit(Runnable job) throws InterruptedException {
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
            if (queuedCount() >= free && workers.size() < maxNum) {
                startWorker();
            }
            queue.addLast(job);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void startWorker() {
        workersEverStarted++;
        String name = "ThreadPool-" + poolNumber + "-worker-" + workersEverStarted;
        Thread worker = new Thread(Hosts.current().propagate(this::workLoop), name);
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

    /** Called with the lock held: signals join() and forgets the pool once it is over. */
    private void endIfIdle() {
        if (closed && workers.isEmpty()) {
            allGone.signalAll();
            LIVE.remove(this);
        }
    }
}
