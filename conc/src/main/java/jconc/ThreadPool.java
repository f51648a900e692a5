package jconc;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final int poolNumber = POOLS.incrementAndGet();
    private final Object owner = Hosts.current().owner();
    private final ThreadPoolWorkers workers;
    private final AtomicInteger taskNumber = new AtomicInteger();

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
        this.workers = new ThreadPoolWorkers(maxNum, maxTaskNum, "ThreadPool-" + poolNumber + "-worker-",
                () -> LIVE.remove(this));
        LIVE.add(this);
    }

    /**
     * Queues {@code func} and, when it has run, calls {@code callback} (may be {@code null}).
     *
     * @return {@code false} if the pool is closed and the task was not accepted
     * @throws InterruptedException if interrupted while waiting for room in a full queue
     */
    public <R> boolean run(Callable<R> func, Callback<? super R> callback) throws InterruptedException {
        return workers.submit(job(func, callback));
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
        workers.close();
    }

    /**
     * Stops now: drops the queued tasks (their callbacks never run), interrupts the running
     * ones and ends the workers.
     *
     * @return how many queued tasks were dropped
     */
    public int terminate() {
        return workers.terminate();
    }

    /**
     * Waits until the pool is closed and every worker has ended.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void join() throws InterruptedException {
        workers.awaitEnd();
    }

    /**
     * Waits, at most the timeout, until the pool is closed and every worker has ended.
     *
     * @return whether that happened in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        return workers.awaitEnd(unit.toNanos(timeout));
    }

    /** Live workers: Python's {@code len(pool.generate_list)}. */
    public int workerCount() {
        return workers.count();
    }

    /** Workers idle, waiting for a task: Python's {@code len(pool.free_list)}. */
    public int freeCount() {
        return workers.free();
    }

    /** Workers running a task (or its callback) now. */
    public int busyCount() {
        return workers.busy();
    }

    /** Tasks accepted but not started yet. */
    public int queuedCount() {
        return workers.queued();
    }

    /** Workers started since the pool was created (never more than {@code maxNum} at once). */
    public int workersEverStarted() {
        return workers.everStarted();
    }

    /** Whether {@link #close()} or {@link #terminate()} was called. */
    public boolean isClosed() {
        return workers.isClosed();
    }

    @Override
    public String toString() {
        return "ThreadPool[" + workers + "]";
    }

    /** The task as a worker runs it: the call, its span in a recording timeline, the callback. */
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
}
