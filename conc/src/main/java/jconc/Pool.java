package jconc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jconc.process.Codec;

/**
 * A fixed number of worker processes that run tasks: Python's {@code multiprocessing.Pool}.
 * {@code applyAsync} returns at once and calls your callback in THIS process when the result
 * arrives; {@code apply} waits for each task in turn; {@code map} runs a function over a list.
 *
 * <pre>{@code
 * int myFun(int i) throws InterruptedException { Thread.sleep(200); return i + 100; }
 * var pool = new Pool(5);
 * for (int i = 0; i < 10; i++) pool.applyAsync(x -> myFun(x), i, r -> System.out.println("end_call>> " + r));
 * pool.close(); pool.join();
 * }</pre>
 *
 * <p>What the workers print goes to the output of the thread that created the pool (in a
 * notebook: the cell that created it). Callbacks run one at a time on a thread of this process (in a notebook, their output goes to
 * the cell that submitted the task), before the task's {@link AsyncResult} becomes ready, as in
 * Python. A task that throws fails its {@link AsyncResult} with the
 * worker's exception; a worker that dies (crash, {@code System.exit}, killed) fails the task it
 * was running and is replaced, so no result waits for ever.
 *
 * <p>While a {@link Timeline} records, each worker process has a row of its own in it, named
 * {@code "pid 1234"}, with a bar per task, labelled with its arguments ({@code "(3)"}), from
 * when the worker started it until its result arrived here: the waves of a {@code Pool(5)}
 * running ten tasks show as two columns of five bars.
 *
 * <p>Pitfall: {@link #join()} waits for the workers to exit, so call {@link #close()} (or
 * {@link #terminate()}) first, as in Python; {@code join} on an open pool is an error.
 *
 * <p>Differences from Python: {@link #close()} is also {@link AutoCloseable#close()}, so a
 * try-with-resources block lets queued tasks finish instead of terminating them (Python's
 * {@code with Pool()} terminates). Workers stay until the pool is closed.
 */
public final class Pool implements AutoCloseable {
    private final PoolScheduler scheduler;
    private final PoolFunctions functions = new PoolFunctions();

    /** A pool of {@link Processes#cpuCount()} worker processes. */
    public Pool() {
        this(Processes.cpuCount());
    }

    /**
     * A pool of {@code processes} worker processes, started now.
     *
     * @throws IllegalStateException if the workers would pass the limit of live child JVMs of
     *                               this process ({@code JCONC_MAX_CHILDREN}); then none is started
     */
    public Pool(int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("processes must be at least 1: " + processes);
        }
        scheduler = new PoolScheduler(processes);
    }

    /** The number of worker processes. */
    public int processes() {
        return scheduler.processes();
    }

    /** The ids of the worker processes now. */
    public List<Long> pids() {
        return scheduler.pids();
    }

    // ---- applyAsync ----

    /** Runs {@code f} in a worker; returns at once. */
    public <R> AsyncResult<R> applyAsync(ProcessCallable<R> f) {
        return submit(Objects.requireNonNull(f), new Object[0], null, null);
    }

    /** Runs {@code f(a)} in a worker; returns at once. */
    public <A, R> AsyncResult<R> applyAsync(ProcessFunction<A, R> f, A a) {
        return submit(Objects.requireNonNull(f), new Object[] {a}, null, null);
    }

    /** Runs {@code f(a)} in a worker and calls {@code callback} here with its result. */
    public <A, R> AsyncResult<R> applyAsync(ProcessFunction<A, R> f, A a, Consumer<? super R> callback) {
        return submit(Objects.requireNonNull(f), new Object[] {a}, callback, null);
    }

    /**
     * Runs {@code f(a)} in a worker; calls {@code callback} here with its result, or
     * {@code errorCallback} with its exception (Python's {@code error_callback}).
     */
    public <A, R> AsyncResult<R> applyAsync(ProcessFunction<A, R> f, A a, Consumer<? super R> callback,
                                            Consumer<? super Throwable> errorCallback) {
        return submit(Objects.requireNonNull(f), new Object[] {a}, callback, errorCallback);
    }

    /** Runs {@code f(a, b)} in a worker; returns at once. */
    public <A, B, R> AsyncResult<R> applyAsync(ProcessBiFunction<A, B, R> f, A a, B b) {
        return submit(Objects.requireNonNull(f), new Object[] {a, b}, null, null);
    }

    /** Runs {@code f(a, b)} in a worker and calls {@code callback} here with its result. */
    public <A, B, R> AsyncResult<R> applyAsync(ProcessBiFunction<A, B, R> f, A a, B b, Consumer<? super R> callback) {
        return submit(Objects.requireNonNull(f), new Object[] {a, b}, callback, null);
    }

    // ---- apply and map ----

    /**
     * Runs {@code f} in a worker and waits for its result (Python's serial {@code apply}).
     * Interrupted (the stop button), the task is cancelled: see {@link #map}.
     */
    public <R> R apply(ProcessCallable<R> f) throws InterruptedException {
        return awaitOrCancel(applyAsync(f));
    }

    /** Runs {@code f(a)} in a worker and waits for its result. */
    public <A, R> R apply(ProcessFunction<A, R> f, A a) throws InterruptedException {
        return awaitOrCancel(applyAsync(f, a));
    }

    /** Runs {@code f(a, b)} in a worker and waits for its result. */
    public <A, B, R> R apply(ProcessBiFunction<A, B, R> f, A a, B b) throws InterruptedException {
        return awaitOrCancel(applyAsync(f, a, b));
    }

    private <R> R awaitOrCancel(AsyncResult<R> r) throws InterruptedException {
        boolean ended = false;
        try {
            R value = await(r);
            ended = true;
            return value;
        } finally {
            if (!ended) {
                scheduler.cancel(List.of(r));
            }
        }
    }

    /**
     * Runs {@code f} on every item, spread over the workers, and returns the results in the
     * order of the items. The first failure is thrown after all have ended.
     *
     * <p>Interrupted while waiting (the stop button), {@code map} cancels its tasks: those not
     * started are dropped, and a worker running one is killed and replaced (a task may never
     * end by itself), so the pool is ready for the next call. Tasks of other calls that the same
     * worker held fail with a {@link ChildProcessException}.
     */
    public <A, R> List<R> map(ProcessFunction<A, R> f, Collection<? extends A> items) throws InterruptedException {
        List<AsyncResult<R>> results = new ArrayList<>();
        for (A item : items) {
            results.add(applyAsync(f, item));
        }
        List<R> out = new ArrayList<>(results.size());
        ChildProcessException first = null;
        boolean ended = false;
        try {
            for (AsyncResult<R> r : results) {
                try {
                    out.add(await(r));
                } catch (ChildProcessException e) {
                    if (first == null) {
                        first = e;
                    }
                    out.add(null);
                }
            }
            ended = true;
        } finally {
            if (!ended) {
                scheduler.cancel(results); // interrupted, or stopped by any other means
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    private static <R> R await(AsyncResult<R> r) throws InterruptedException {
        try {
            return r.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChildProcessException c) {
                throw new ChildProcessException(c.getMessage(), c.pid(), c.getCause());
            }
            throw new ChildProcessException("the task failed: " + cause, r.pid(), cause);
        }
    }

    @SuppressWarnings("unchecked")
    private <R> AsyncResult<R> submit(Object function, Object[] args, Consumer<? super R> callback,
                                      Consumer<? super Throwable> errorCallback) {
        PoolTask.Function f = functions.of(function);
        Object[] wires = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            wires[i] = Codec.toWire(args[i]);
        }
        PoolTask task = new PoolTask(f, wires, callback, errorCallback);
        scheduler.submit(task);
        return (AsyncResult<R>) task.result();
    }

    /** No more tasks: the workers exit when the tasks already given are done (Python's {@code close}). */
    @Override
    public void close() {
        scheduler.close();
    }

    /** Stops the workers now (SIGKILL); tasks not finished fail. */
    public void terminate() {
        scheduler.terminate();
    }

    /**
     * Waits until every worker has exited; after {@link #close()} that is when all tasks are done.
     *
     * @throws IllegalStateException if the pool is still open
     */
    public void join() throws InterruptedException {
        join(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /** Waits at most {@code timeout} for every worker to exit; returns whether they have. */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        if (scheduler.state() == PoolScheduler.State.OPEN) {
            throw new IllegalStateException("join() needs close() or terminate() first");
        }
        return scheduler.awaitEnd(System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 4));
    }

    @Override
    public String toString() {
        return "Pool[" + scheduler + "]";
    }
}
