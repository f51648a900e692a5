package jconc;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of a task given to a {@link Pool} with {@code applyAsync}: it becomes ready when a
 * worker process has run the task. A {@link Future}, with Python's names beside Java's.
 *
 * <pre>{@code
 * AsyncResult<Integer> r = pool.applyAsync(i -> i + 100, 1);
 * r.waitFor(5, TimeUnit.SECONDS);           // Python's r.wait(5)
 * if (r.ready() && r.successful()) System.out.println(r.get() + " from pid " + r.pid());
 * }</pre>
 *
 * <p>Pitfall: {@link #successful()} throws if the result is not ready yet, as Python's does.
 *
 * <p>Mirrors Python's {@code multiprocessing.pool.AsyncResult}: {@code get([timeout])},
 * {@code wait([timeout])}, {@code ready()}, {@code successful()}. {@link #get()} throws
 * {@link ExecutionException} whose cause is the task's exception with the worker's stack trace
 * (Python re-raises that exception itself). It also tells which worker ran the task and when.
 *
 * @param <R> the type of the result
 */
public final class AsyncResult<R> implements Future<R> {
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private volatile long pid = -1;
    private volatile Instant started;
    private volatile Instant finished;

    AsyncResult() {
    }

    void ran(long pid, long startMicros, long endMicros) {
        this.pid = pid;
        this.started = Instant.EPOCH.plusNanos(startMicros * 1000);
        this.finished = Instant.EPOCH.plusNanos(endMicros * 1000);
    }

    boolean complete(R value) {
        return result.complete(value);
    }

    boolean fail(Throwable t) {
        return result.completeExceptionally(t);
    }

    /** Waits for the result. */
    @Override
    public R get() throws InterruptedException, ExecutionException {
        return result.get();
    }

    /** Waits at most {@code timeout} for the result. */
    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout, unit);
    }

    /** Waits at most {@code timeout} until the result is ready; returns whether it is (Python's {@code wait}). */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            result.get(timeout, unit);
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    /** Whether the task has completed, with a value or an exception. Never waits. */
    public boolean ready() {
        return result.isDone();
    }

    /**
     * Whether the task completed without an exception.
     *
     * @throws IllegalStateException if it is not ready yet
     */
    public boolean successful() {
        if (!result.isDone()) {
            throw new IllegalStateException("the result is not ready yet");
        }
        return !result.isCompletedExceptionally();
    }

    /** The id of the worker process that ran the task, or -1 if none has (yet). */
    public long pid() {
        return pid;
    }

    /** When the task started in its worker, or null. */
    public Instant startedAt() {
        return started;
    }

    /** When the task ended in its worker, or null. */
    public Instant finishedAt() {
        return finished;
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    /** Tasks cannot be cancelled one by one (as in Python); use {@link Pool#terminate()}. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public String toString() {
        return "AsyncResult[" + (ready() ? (successful() ? "ready" : "failed") : "pending")
                + (pid >= 0 ? ", pid " + pid : "") + "]";
    }
}
