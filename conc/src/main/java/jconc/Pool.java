package jconc;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jconc.process.Codec;
import jconc.process.FunctionCall;
import jconc.process.Worker;
import jconc.spi.Hosts;

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
    private static final int OPEN = 1, CLOSED = 2, TERMINATED = 3;
    /** How many tasks a worker may hold at once when many wait (they leave in one write). */
    private static final int MAX_IN_FLIGHT = 32;
    /** A worker is topped up when it holds no more than this many. */
    private static final int LOW_WATER = MAX_IN_FLIGHT / 2;

    private final Object lock = new Object();
    private final Deque<Task> pending = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final ExecutorService callbacks;
    private final Object owner = Hosts.current().owner();
    private final List<CompletableFuture<Void>> outputs = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Runs work in the context of the thread that created the pool (its cell, in a notebook). */
    private final java.util.function.Consumer<Runnable> outputTo = capture();
    private int state = OPEN;
    private int outstanding;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    /** A task waiting for, or running in, a worker. */
    private record Task(Function function, Object[] args, AsyncResult<Object> result, Runnable onSuccess,
                        Consumer<Throwable> onError, Consumer<Object> valueSink, Held[] bar) {
    }

    /** A task's function, serialized once; {@code id} names it for workers that have it. */
    private record Function(long id, byte[] bytes) {
    }

    /** One worker process and the tasks it has been given. */
    private final class Slot {
        final int index;
        Worker worker;
        /** The worker's row in a recording {@link Timeline}, made when one records. */
        jconc.process.ProcessRow row;
        long rowPid;
        long lastFunction = -1;
        final List<Task> running = new ArrayList<>();

        Slot(int index) {
            this.index = index;
        }
    }

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
        callbacks = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                jconc.process.Daemons.factory("jconc-pool-callbacks"));
        ((ThreadPoolExecutor) callbacks).allowCoreThreadTimeOut(true);
        synchronized (lock) {
            try {
                for (int i = 0; i < processes; i++) {
                    Slot s = new Slot(i);
                    s.worker = startWorker(i == 0);
                    slots.add(s);
                }
            } catch (RuntimeException e) {
                // a pool that cannot start all its workers (the limit of live children, say)
                // starts none: the ones already started end here
                slots.forEach(s -> s.worker.kill());
                callbacks.shutdown();
                throw e;
            }
        }
    }

    private Worker startWorker(boolean mayUseStandby) {
        try {
            Worker w = mayUseStandby ? Worker.obtain(owner) : Worker.launchFor(owner);
            outputTo.accept(() -> outputs.add(jconc.process.Pumps.start(w.process(), "PoolWorker-" + w.pid())));
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a pool worker: " + e.getMessage(), e);
        }
    }

    private static java.util.function.Consumer<Runnable> capture() {
        var host = Hosts.current();
        java.util.concurrent.atomic.AtomicReference<Runnable> next = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable inContext = host.propagate(() -> next.getAndSet(null).run());
        return r -> {
            synchronized (next) {
                next.set(r);
                inContext.run();
            }
        };
    }

    /** The number of worker processes. */
    public int processes() {
        return slots.size();
    }

    /** The ids of the worker processes now. */
    public List<Long> pids() {
        synchronized (lock) {
            return slots.stream().map(s -> s.worker.pid()).toList();
        }
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
                cancel(List.of(r));
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
                cancel(results); // interrupted, or stopped by any other means
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    /** Drops the given tasks not yet started and kills (to replace) the workers running the others. */
    private void cancel(Collection<? extends AsyncResult<?>> results) {
        java.util.Set<AsyncResult<?>> targets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        targets.addAll(results);
        List<Task> dropped = new ArrayList<>();
        synchronized (lock) {
            pending.removeIf(t -> targets.contains(t.result()) && dropped.add(t));
            outstanding -= dropped.size();
            for (Slot s : slots) {
                if (s.running.stream().anyMatch(t -> targets.contains(t.result()) && !t.result().ready())) {
                    s.worker.kill();
                }
            }
            if (state != OPEN && outstanding == 0) {
                drained.complete(null);
            }
        }
        for (Task t : dropped) {
            t.result().fail(new ChildProcessException("cancelled: the call that submitted it was interrupted", -1, null));
        }
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

    // ---- the machinery ----

    @SuppressWarnings("unchecked")
    private <R> AsyncResult<R> submit(Object function, Object[] args, Consumer<? super R> callback,
                                      Consumer<? super Throwable> errorCallback) {
        Function f = functionOf(function);
        Object[] wires = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            wires[i] = Codec.toWire(args[i]);
        }
        AsyncResult<Object> result = new AsyncResult<>();
        var host = Hosts.current();
        Object[] value = new Object[1];
        Runnable onSuccess = callback == null ? null
                : host.propagate(() -> ((Consumer<Object>) callback).accept(value[0]));
        Consumer<Throwable> onError = null;
        if (errorCallback != null) {
            Throwable[] failure = new Throwable[1];
            Runnable r = host.propagate(() -> errorCallback.accept(failure[0]));
            onError = t -> {
                failure[0] = t;
                r.run();
            };
        }
        synchronized (lock) {
            Task task = new Task(f, wires, result, onSuccess, onError, v -> value[0] = v, new Held[1]);
            if (state != OPEN) {
                throw new IllegalStateException("the pool is " + (state == CLOSED ? "closed" : "terminated"));
            }
            outstanding++;
            pending.add(task);
            dispatch();
        }
        return (AsyncResult<R>) result;
    }

    private Object lastFunctionObject;
    private Function lastFunction;
    private long functionIds;

    /** The serialized function, reused while the same function object comes again. */
    private Function functionOf(Object function) {
        synchronized (lock) {
            if (function == lastFunctionObject) {
                return lastFunction;
            }
        }
        byte[] bytes = Codec.serialize(function);
        synchronized (lock) {
            lastFunctionObject = function;
            lastFunction = new Function(++functionIds, bytes);
            return lastFunction;
        }
    }

    /**
     * Gives pending tasks to the least busy workers. Holds the lock. A worker gets more tasks
     * before it has finished the first only when more tasks wait than there are workers (so that
     * a burst of small tasks does not pay a round trip each, and the tasks given to one worker
     * leave in one write); with few tasks, each goes to an idle worker, as in Python.
     */
    private void dispatch() {
        List<Worker> touched = new ArrayList<>(slots.size());
        try {
            while (!pending.isEmpty()) {
                Slot best = null;
                for (Slot s : slots) {
                    if (s.running.isEmpty() && !s.worker.isAlive() && state == OPEN) {
                        s.worker = startWorker(false);
                        s.lastFunction = -1;
                    }
                    if (best == null || s.running.size() < best.running.size()
                            || s.running.size() == best.running.size() && s.worker.isConnected() && !best.worker.isConnected()) {
                        best = s;
                    }
                }
                int load = best.running.size();
                if (load >= MAX_IN_FLIGHT || load >= 1 && pending.size() <= slots.size()) {
                    return;
                }
                Task t = pending.poll();
                Slot s = best;
                s.running.add(t);
                if (s.running.size() == 1) {
                    beginBar(s, t);
                }
                Worker w = s.worker;
                long fid = t.function().id();
                byte[] payload = FunctionCall.encode(fid, s.lastFunction == fid ? null : t.function().bytes(), t.args());
                s.lastFunction = fid;
                if (!touched.contains(w)) {
                    touched.add(w);
                }
                w.submitHeld(payload, "PoolWorker-" + (s.index + 1))
                        .whenCompleteAsync((o, failure) -> finished(s, w, t, o, failure), callbacks);
            }
        } finally {
            touched.forEach(Worker::flush);
        }
    }

    private void finished(Slot s, Worker w, Task t, Worker.Outcome o, Throwable failure) {
        synchronized (lock) {
            if (t.bar()[0] != null) {
                t.bar()[0].close();
            }
            // the worker's next task starts now
            if (failure == null && s.worker == w && s.running.size() > 1 && s.running.get(0) == t) {
                beginBar(s, s.running.get(1));
            }
        }
        if (o != null) {
            t.result().ran(o.pid(), o.startMicros(), o.endMicros());
        }
        Throwable error = null;
        Object value = null;
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            error = new ChildProcessException(cause.getMessage(), w.pid(), null);
        } else if (!o.ok()) {
            try {
                error = (Throwable) Codec.fromWire(o.value());
            } catch (RuntimeException e) {
                error = e;
            }
        } else {
            try {
                value = Codec.fromWire(o.value());
            } catch (RuntimeException e) {
                error = e;
            }
        }
        // as in Python, the callback has run by the time the result is ready
        if (error == null) {
            t.valueSink().accept(value);
            if (t.onSuccess() != null) {
                runCallback(t.onSuccess());
            }
            t.result().complete(value);
        } else {
            if (t.onError() != null) {
                Throwable e = error;
                runCallback(() -> t.onError().accept(e));
            }
            t.result().fail(error);
        }
        synchronized (lock) {
            outstanding--;
            s.running.remove(t);
            if (s.worker == w && failure != null && state != TERMINATED) {
                s.running.clear();
                s.worker = startWorker(false);
                s.lastFunction = -1;
            }
            if ((state == OPEN || state == CLOSED) && (s.running.size() <= LOW_WATER || s.worker != w)) {
                dispatch();
            }
            if (state == CLOSED && outstanding == 0) {
                slots.forEach(x -> x.worker.stop());
                closeRows();
            }
            if (state != OPEN && outstanding == 0) {
                drained.complete(null);
            }
        }
    }

    /**
     * When a {@link Timeline} records, starts the bar of task {@code t} on its worker's row: a
     * worker runs its tasks in order, so a task starts when the one before it has ended.
     * Holds the lock.
     */
    private void beginBar(Slot s, Task t) {
        Timeline tl = Timeline.current();
        if (tl == null) {
            return;
        }
        if (s.row == null || s.rowPid != s.worker.pid()) {
            if (s.row != null) {
                s.row.close();
            }
            s.row = new jconc.process.ProcessRow(s.worker.pid());
            s.rowPid = s.worker.pid();
        }
        t.bar()[0] = s.row.begin(tl, label(t));
    }

    /** A task's bar label: its arguments, as in {@code (3)}. */
    private static String label(Task t) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < t.args().length; i++) {
            Object wire = t.args()[i];
            sb.append(i > 0 ? ", " : "").append(wire instanceof byte[] || wire instanceof Codec.Blob ? "..." : String.valueOf(wire));
        }
        String text = sb.append(')').toString();
        return text.length() <= 16 ? text : text.substring(0, 15) + "\u2026";
    }

    private void closeRows() {
        for (Slot s : slots) {
            if (s.row != null) {
                s.row.close();
            }
        }
    }

    private static void runCallback(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.err.println("exception in a Pool callback: " + e);
            e.printStackTrace();
        }
    }

    /** No more tasks: the workers exit when the tasks already given are done (Python's {@code close}). */
    @Override
    public void close() {
        synchronized (lock) {
            if (state != OPEN) {
                return;
            }
            state = CLOSED;
            if (outstanding == 0) {
                slots.forEach(s -> s.worker.stop());
                closeRows();
                drained.complete(null);
            }
        }
    }

    /** Stops the workers now (SIGKILL); tasks not finished fail. */
    public void terminate() {
        List<Task> dropped;
        synchronized (lock) {
            state = TERMINATED;
            dropped = new ArrayList<>(pending);
            pending.clear();
            outstanding -= dropped.size();
            if (outstanding == 0) {
                drained.complete(null);
            }
            slots.forEach(s -> s.worker.kill());
            closeRows();
        }
        for (Task t : dropped) {
            t.result().fail(new ChildProcessException("the pool was terminated before the task ran", -1, null));
        }
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
        synchronized (lock) {
            if (state == OPEN) {
                throw new IllegalStateException("join() needs close() or terminate() first");
            }
        }
        long deadline = System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 4);
        try {
            drained.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            List<Worker> workers;
            synchronized (lock) {
                workers = slots.stream().map(s -> s.worker).toList();
            }
            for (Worker w : workers) {
                w.settled().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            // what the workers printed last has arrived (bounded: a grandchild may hold the pipe)
            CompletableFuture.allOf(outputs.toArray(CompletableFuture[]::new))
                    .completeOnTimeout(null, 2, TimeUnit.SECONDS)
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            String s = switch (state) {
                case OPEN -> "open";
                case CLOSED -> "closed";
                default -> "terminated";
            };
            return "Pool[" + slots.size() + " processes, " + s + ", " + outstanding + " tasks outstanding]";
        }
    }
}
