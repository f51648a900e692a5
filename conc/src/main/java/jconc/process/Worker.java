package jconc.process;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jconc.process.ChildContract.ChildOp;
import jconc.process.ChildContract.Result;
import jconc.process.ChildContract.Run;

/**
 * Internal: one child JVM that runs jobs sent by this process, over a control {@link Link} to
 * this process's {@link Hub} ({@link ChildContract}). A {@code ChildProcess} uses a worker for a
 * single job; a {@code Pool} keeps workers for many. Children are started, counted and kept in
 * standby by the {@link WorkerRegistry}.
 *
 * <p>The child ends itself when its control link closes, so no child outlives this process,
 * however this process ends.
 *
 * <p>Public because the helper API runs a child's or a pool's work on workers (and the benchmarks
 * drop and refill the standby child to measure a cold start).
 */
public final class Worker {
    private static final AtomicLong TASK_IDS = new AtomicLong();

    /** How a job ended in the child. */
    public record Outcome(boolean ok, Object value, long startMicros, long endMicros, long pid) {
    }

    private final String token = UUID.randomUUID().toString();
    private final CompletableFuture<Link> link = new CompletableFuture<>();
    private final CompletableFuture<Void> linkClosed = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<Outcome>> tasks = new ConcurrentHashMap<>();
    private final ClassShipment classes = new ClassShipment();
    private final SendQueue queue = new SendQueue(link);
    private volatile Process process;
    private volatile Object owner;
    private volatile boolean counted;
    private final String heap;

    Worker(Object owner, String heap) {
        this.owner = owner;
        this.heap = heap;
    }

    /**
     * A worker for a new child process owned by {@code owner}: the warm standby when there is
     * one, else a fresh JVM; either way a new standby starts in the background.
     *
     * @throws IllegalStateException if this process already runs as many children as
     *                               {@link ChildLimits} allows
     */
    public static Worker obtain(Object owner) throws IOException {
        return WorkerRegistry.obtain(owner);
    }

    /**
     * A fresh child JVM owned by {@code owner}, never the standby.
     *
     * @throws IllegalStateException if this process already runs as many children as
     *                               {@link ChildLimits} allows
     */
    public static Worker launchFor(Object owner) throws IOException {
        return WorkerRegistry.launchFor(owner);
    }

    /** Starts a standby child in the background if none is waiting. */
    public static void refillStandby() {
        WorkerRegistry.refillStandby();
    }

    /** Ends the standby child, if any (for measurements, and at shutdown). */
    public static void dropStandby() {
        WorkerRegistry.dropStandby();
    }

    String token() {
        return token;
    }

    Object owner() {
        return owner;
    }

    /** The heap setting the child was started with ({@link ChildLimits#heap()}). */
    String heap() {
        return heap;
    }

    boolean isCounted() {
        return counted;
    }

    /** From now on the child is {@code owner}'s and counts against the limit of live children. */
    void countFor(Object owner) {
        this.owner = owner;
        this.counted = true;
    }

    /** The child's process has started. */
    void started(Process p) {
        process = p;
        p.onExit().thenRun(this::processExited);
    }

    /** The child has connected over {@code from}. */
    void connected(Link from) {
        from.onClose(() -> linkClosed.complete(null));
        link.complete(from);
    }

    /** The child reports how a job ended. */
    void finished(Result r) {
        CompletableFuture<Outcome> f = tasks.remove(r.id());
        if (f != null) {
            f.complete(new Outcome(r.ok(), r.value(), r.startMicros(), r.endMicros(), r.pid()));
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Whether the child has booted and connected (it can take a job at once). */
    public boolean isConnected() {
        return link.isDone() && !link.isCompletedExceptionally();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, when the process has ended. */
    public CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Completes when the process has ended and every message it sent has been handled. */
    public CompletableFuture<Void> settled() {
        return exit().thenCompose(code -> link.isDone() ? linkClosed : CompletableFuture.completedFuture(null));
    }

    public void terminate() {
        process.destroy();
    }

    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Sends a job. {@code payload} is the serialized job, made by the caller so that a failure
     * surfaces there; {@code globals} the optional copy of top-level variables. The classes this
     * process holds in memory that the child has not been sent yet go along.
     */
    public CompletableFuture<Outcome> submit(byte[] payload, byte[] globals, boolean oneShot, String name) {
        CompletableFuture<Outcome> outcome = queueRun(payload, globals, oneShot, name);
        queue.release();
        return outcome;
    }

    /**
     * Sends a pool task: {@link Job.Function} {@code functionId} applied to {@code argWires}
     * (wire values); {@code function} is the serialized function, or null when this worker
     * already has it (it keeps the last one it received). The task waits in this process until
     * {@link #flush()}: a pool giving a worker several tasks at once sends them in one write.
     */
    public CompletableFuture<Outcome> submitCall(long functionId, byte[] function, Object[] argWires, String name) {
        return queueRun(FunctionCall.encode(functionId, function, argWires), null, false, name);
    }

    private CompletableFuture<Outcome> queueRun(byte[] payload, byte[] globals, boolean oneShot, String name) {
        long id = TASK_IDS.incrementAndGet();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        tasks.put(id, outcome);
        queue.hold(ChildOp.RUN, new Run(id, classes.unsent(), globals, payload, oneShot, name).args());
        if (!process.isAlive()) {
            processExited();
        }
        return outcome;
    }

    /** Sends the jobs held by {@link #submitCall}. */
    public void flush() {
        queue.release();
    }

    /** Tells a pool worker to finish after the jobs it has. */
    public void stop() {
        queue.send(ChildOp.EXIT);
    }

    private void processExited() {
        if (link.isDone()) {
            linkClosed.thenRun(this::failPending);
            // a child that died without closing leaves the link to notice EOF itself
        } else {
            link.completeExceptionally(new IOException("child exited before connecting"));
            linkClosed.complete(null);
            failPending();
        }
        WorkerRegistry.exited(this);
    }

    private void failPending() {
        int code = process.exitValue();
        for (var e : tasks.entrySet()) {
            e.getValue().completeExceptionally(new ChildDied(process.pid(), code));
        }
        tasks.clear();
    }
}
