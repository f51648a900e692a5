package jconc;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jconc.process.Codec;
import jconc.process.Daemons;
import jconc.process.Worker;
import jconc.spi.Hosts;

/**
 * Internal: the machinery of a {@link Pool}: gives tasks to its worker processes, takes their
 * results back, replaces a worker that dies, and ends the workers when the pool is closed. A
 * worker is given more tasks before it has finished the first only when more tasks wait than
 * there are workers (so that a burst of small tasks does not pay a round trip each, and the
 * tasks given to one worker leave in one write); with few tasks, each goes to an idle worker,
 * as in Python.
 */
final class PoolScheduler {
    /** Where a pool is in its life. */
    enum State {
        OPEN, CLOSED, TERMINATED;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /** How many tasks a worker may hold at once when many wait (they leave in one write). */
    private static final int MAX_IN_FLIGHT = 32;
    /** A worker is topped up when it holds no more than this many. */
    private static final int LOW_WATER = MAX_IN_FLIGHT / 2;

    /** One worker process and the tasks it has been given, oldest (running) first. */
    private static final class Slot {
        final int index;
        Worker worker;
        /** The id of the function the worker has last been sent, or -1. */
        long lastFunction = -1;
        final List<PoolTask> running = new ArrayList<>();

        Slot(int index) {
            this.index = index;
        }
    }

    private final Object lock = new Object();
    private final Deque<PoolTask> pending = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final WorkerRows rows = new WorkerRows();
    private final ExecutorService callbacks;
    private final Object owner = Hosts.current().owner();
    private final List<CompletableFuture<Void>> outputs = new CopyOnWriteArrayList<>();
    /** The context of the thread that created the pool: the workers' output goes there. */
    private final InContext outputTo = InContext.ofCaller();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private State state = State.OPEN;
    /** Tasks submitted and not yet ended. */
    private int outstanding;

    /**
     * Starts {@code processes} workers; if one cannot start (the limit of live children, say),
     * those already started end and none is left.
     */
    PoolScheduler(int processes) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Daemons.factory("jconc-pool-callbacks"));
        executor.allowCoreThreadTimeOut(true);
        callbacks = executor;
        synchronized (lock) {
            try {
                for (int i = 0; i < processes; i++) {
                    Slot s = new Slot(i);
                    s.worker = startWorker(i == 0);
                    slots.add(s);
                }
            } catch (RuntimeException e) {
                slots.forEach(s -> s.worker.kill());
                callbacks.shutdown();
                throw e;
            }
        }
    }

    private Worker startWorker(boolean mayUseStandby) {
        try {
            Worker w = mayUseStandby ? Worker.obtain(owner) : Worker.launchFor(owner);
            outputTo.run(() -> outputs.add(Pumps.start(w.process(), "PoolWorker-" + w.pid())));
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a pool worker: " + e.getMessage(), e);
        }
    }

    int processes() {
        return slots.size();
    }

    List<Long> pids() {
        synchronized (lock) {
            return slots.stream().map(s -> s.worker.pid()).toList();
        }
    }

    /** Queues a task and gives it to a worker when one has room. */
    void submit(PoolTask task) {
        synchronized (lock) {
            if (state != State.OPEN) {
                throw new IllegalStateException("the pool is " + state);
            }
            outstanding++;
            pending.add(task);
            dispatch();
        }
    }

    /** Drops the given tasks not yet started and kills (to replace) the workers running the others. */
    void cancel(Collection<? extends AsyncResult<?>> results) {
        Set<AsyncResult<?>> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        targets.addAll(results);
        List<PoolTask> dropped = new ArrayList<>();
        synchronized (lock) {
            pending.removeIf(t -> targets.contains(t.result()) && dropped.add(t));
            outstanding -= dropped.size();
            for (Slot s : slots) {
                if (s.running.stream().anyMatch(t -> targets.contains(t.result()) && !t.result().ready())) {
                    s.worker.kill();
                }
            }
            completeIfDrained();
        }
        for (PoolTask t : dropped) {
            t.result().fail(new ChildProcessException("cancelled: the call that submitted it was interrupted", -1, null));
        }
    }

    /** Gives pending tasks to the least busy workers (lock held). */
    private void dispatch() {
        List<Worker> touched = new ArrayList<>(slots.size());
        try {
            while (!pending.isEmpty()) {
                Slot s = leastBusy();
                int load = s.running.size();
                if (load >= MAX_IN_FLIGHT || load >= 1 && pending.size() <= slots.size()) {
                    return;
                }
                PoolTask t = pending.poll();
                s.running.add(t);
                if (s.running.size() == 1) {
                    rows.begin(s.index, s.worker, t);
                }
                Worker w = s.worker;
                long fid = t.function().id();
                byte[] function = s.lastFunction == fid ? null : t.function().bytes();
                s.lastFunction = fid;
                if (!touched.contains(w)) {
                    touched.add(w);
                }
                w.submitCall(fid, function, t.args(), "PoolWorker-" + (s.index + 1))
                        .whenCompleteAsync((o, failure) -> finished(s, w, t, o, failure), callbacks);
            }
        } finally {
            touched.forEach(Worker::flush);
        }
    }

    /** The slot with the fewest tasks, a connected worker first; a dead idle worker is replaced (lock held). */
    private Slot leastBusy() {
        Slot best = null;
        for (Slot s : slots) {
            if (s.running.isEmpty() && !s.worker.isAlive() && state == State.OPEN) {
                replaceWorker(s);
            }
            if (best == null || s.running.size() < best.running.size()
                    || s.running.size() == best.running.size() && s.worker.isConnected() && !best.worker.isConnected()) {
                best = s;
            }
        }
        return best;
    }

    private void replaceWorker(Slot s) {
        s.worker = startWorker(false);
        s.lastFunction = -1;
    }

    /** Task {@code t}, given to worker {@code w} of slot {@code s}, has ended (callback thread). */
    private void finished(Slot s, Worker w, PoolTask t, Worker.Outcome o, Throwable failure) {
        synchronized (lock) {
            rows.end(t);
            // the worker's next task starts now
            if (failure == null && s.worker == w && s.running.size() > 1 && s.running.get(0) == t) {
                rows.begin(s.index, w, s.running.get(1));
            }
        }
        if (o != null) {
            t.result().ran(o.pid(), o.startMicros(), o.endMicros());
        }
        deliver(t, w, o, failure);
        synchronized (lock) {
            outstanding--;
            s.running.remove(t);
            if (s.worker == w && failure != null && state != State.TERMINATED) {
                // the worker died: the tasks it held have failed with it
                s.running.clear();
                replaceWorker(s);
            }
            if (state != State.TERMINATED && (s.running.size() <= LOW_WATER || s.worker != w)) {
                dispatch();
            }
            if (state == State.CLOSED && outstanding == 0) {
                stopWorkers();
            }
            completeIfDrained();
        }
    }

    /** Decodes how the task ended and gives it to the task (its callbacks, then its result). */
    private static void deliver(PoolTask t, Worker w, Worker.Outcome o, Throwable failure) {
        Throwable error = null;
        Object value = null;
        try {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                error = new ChildProcessException(cause.getMessage(), w.pid(), null);
            } else if (!o.ok()) {
                error = (Throwable) Codec.fromWire(o.value());
            } else {
                value = Codec.fromWire(o.value());
            }
        } catch (RuntimeException e) {
            error = e;
        }
        t.deliver(value, error);
    }

    private void stopWorkers() {
        slots.forEach(x -> x.worker.stop());
        rows.closeAll();
    }

    /** Once the pool is no longer open and no task is left, the pool is drained (lock held). */
    private void completeIfDrained() {
        if (state != State.OPEN && outstanding == 0) {
            drained.complete(null);
        }
    }

    /** No more tasks: the workers exit when the tasks already given are done. */
    void close() {
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSED;
            if (outstanding == 0) {
                stopWorkers();
            }
            completeIfDrained();
        }
    }

    /** Kills the workers now; tasks not finished fail. */
    void terminate() {
        List<PoolTask> dropped;
        synchronized (lock) {
            state = State.TERMINATED;
            dropped = new ArrayList<>(pending);
            pending.clear();
            outstanding -= dropped.size();
            completeIfDrained();
            slots.forEach(s -> s.worker.kill());
            rows.closeAll();
        }
        for (PoolTask t : dropped) {
            t.result().fail(new ChildProcessException("the pool was terminated before the task ran", -1, null));
        }
    }

    State state() {
        synchronized (lock) {
            return state;
        }
    }

    /**
     * Waits until no task is left, every worker has exited and what they printed has arrived,
     * until {@code deadline} ({@link System#nanoTime()}); returns whether that happened.
     */
    boolean awaitEnd(long deadline) throws InterruptedException {
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
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return slots.size() + " processes, " + state + ", " + outstanding + " tasks outstanding";
        }
    }
}
