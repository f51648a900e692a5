package jconc;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jconc.process.Codec;
import jconc.process.Job;
import jconc.process.Transfers;
import jconc.process.Worker;
import jconc.spi.Hosts;

/**
 * A function from a notebook cell (or any serializable lambda) run in a new child JVM, with
 * its own process id: Java's answer to Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * void f(String name) { System.out.println("hello " + name + " from " + Processes.pid()); }
 * var p = new ChildProcess(ChildProcessDemo::f, "bob").start();   // or (String n) -> f(n)
 * p.join();                                                      // p.exitCode() == 0
 * }</pre>
 *
 * <p>The child's output streams live into the cell that called {@link #start()}. Classes
 * and records defined in cells travel to the child, and back as results through queues and
 * pipes. An exception in the child is printed there (with the child's stack trace), the exit
 * code is 1, and {@link #exception()} returns it to the parent.
 *
 * <p>Pitfall: the child starts fresh, like Python's {@code spawn}: top-level variables
 * of the notebook have their default values there ({@code null}, 0) unless the lambda
 * captures them or {@link #copyTopLevelVariables(boolean)} is set. Changes made in the child
 * are never seen by the parent.
 *
 * <p>Differences from Python: a daemon child ends when its parent ends (as in Python), and so
 * does every other child if the parent dies; the parent waits for non-daemon children before a
 * plain program exits. In a notebook, a cell that started a non-daemon child counts as running
 * until the child ends, as it does for a non-daemon thread; a daemon child does not hold it. A child killed by a signal has exit code 128 + the signal (137 for
 * SIGKILL), as the shell shows it, where Python shows -9.
 */
public final class ChildProcess {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Map<ChildProcess, Boolean> ACTIVE = new ConcurrentHashMap<>();

    private final Job job;
    private volatile String name = "Process-" + COUNTER.incrementAndGet();
    private volatile boolean daemon;
    private volatile boolean copyTopLevel;
    private volatile Worker worker;
    private volatile Throwable exception;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /** A child that will run {@code target}. */
    public ChildProcess(ProcessTask target) {
        this.job = new Jobs.Run0(Objects.requireNonNull(target, "target"));
    }

    /** A child that will run {@code target} with argument {@code a}. */
    public <A> ChildProcess(ProcessTask1<A> target, A a) {
        this.job = new Jobs.Run1<>(Objects.requireNonNull(target, "target"), a);
    }

    /** A child that will run {@code target} with arguments {@code a, b}. */
    public <A, B> ChildProcess(ProcessTask2<A, B> target, A a, B b) {
        this.job = new Jobs.Run2<>(Objects.requireNonNull(target, "target"), a, b);
    }

    /** A child that will run {@code target} with arguments {@code a, b, c}. */
    public <A, B, C> ChildProcess(ProcessTask3<A, B, C> target, A a, B b, C c) {
        this.job = new Jobs.Run3<>(Objects.requireNonNull(target, "target"), a, b, c);
    }

    /** The name, {@code Process-N} unless set; the child sees it as {@link Processes#name()}. */
    public String name() {
        return name;
    }

    /** Sets the name (before {@link #start()}). */
    public ChildProcess name(String name) {
        requireNotStarted();
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Whether this child is a daemon: ended with its parent, never waited for. */
    public boolean isDaemon() {
        return daemon;
    }

    /** Makes this child a daemon or not (before {@link #start()}); the default is not. */
    public ChildProcess daemon(boolean daemon) {
        requireNotStarted();
        this.daemon = daemon;
        return this;
    }

    /**
     * Opts in to a fork-like copy: the child starts with the current values of the notebook's
     * top-level variables, those whose values are serializable (the others keep their defaults).
     * In a plain program there are none: static fields are never copied.
     */
    public ChildProcess copyTopLevelVariables(boolean copy) {
        requireNotStarted();
        this.copyTopLevel = copy;
        return this;
    }

    /**
     * Starts the child. Serializes the work first, so that a captured value that cannot travel
     * fails here, with its name, and no process is started.
     *
     * @throws IllegalArgumentException if the target or an argument is not serializable
     * @throws IllegalStateException    if already started, or no JVM could be started, or this
     *                                  process already runs as many child JVMs as allowed (32 by
     *                                  default: {@code JCONC_MAX_CHILDREN}; each child's heap is
     *                                  256 MiB unless {@code JCONC_CHILD_HEAP} says otherwise)
     */
    public ChildProcess start() {
        synchronized (this) {
            requireNotStarted();
            List<Runnable> onExit = new java.util.ArrayList<>();
            byte[] payload = Transfers.serialize(job, onExit);
            byte[] globals = copyTopLevel ? Transfers.captureGlobals() : null;
            Worker w;
            try {
                w = Worker.obtain(Hosts.current().owner());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a child JVM: " + e.getMessage(), e);
            }
            worker = w;
            ACTIVE.put(this, Boolean.TRUE);
            CompletableFuture<Void> output = Pumps.start(w.process(), name);
            CompletableFuture<Worker.Outcome> outcome = w.submit(payload, globals, true, name);
            CompletableFuture<Void> recorded = outcome.handle((o, failure) -> {
                record(o, failure);
                return null;
            });
            w.settled().thenRun(() -> onExit.forEach(Runnable::run));
            CompletableFuture.allOf(w.settled(), recorded).thenCompose(v -> output.completeOnTimeout(null, 2, TimeUnit.SECONDS))
                    .whenComplete((v, t) -> {
                        ACTIVE.remove(this);
                        finished.complete(null);
                    });
            Thread waiter = new Thread(() -> {
                try {
                    finished.get();
                } catch (InterruptedException | ExecutionException e) {
                    // nothing to wait for any more
                }
            }, "jconc-wait " + name);
            waiter.setDaemon(daemon);
            waiter.start();
        }
        return this;
    }

    private void record(Worker.Outcome o, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : failure;
            exception = new ChildProcessException(cause.getMessage(), worker.pid(), null);
        } else if (!o.ok()) {
            Throwable cause;
            try {
                cause = (Throwable) Codec.fromWire(o.value());
            } catch (RuntimeException e) {
                cause = e;
            }
            exception = new ChildProcessException("child process " + name + " (pid " + o.pid() + ") failed: "
                    + cause, o.pid(), cause);
        }
    }

    /** Waits until the child has ended and all its output has arrived. */
    public void join() throws InterruptedException {
        requireStarted();
        try {
            finished.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits at most {@code timeout}; returns whether the child has ended. */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        requireStarted();
        try {
            finished.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits at most {@code timeout}; returns whether the child has ended. */
    public boolean join(Duration timeout) throws InterruptedException {
        return join(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the child has been started and has not ended yet. Never waits. */
    public boolean isAlive() {
        Worker w = worker;
        return w != null && w.isAlive();
    }

    /**
     * The exit code: {@code null} before the child ends, 0 on success, 1 if the work threw,
     * the argument of {@code System.exit}, or 128 + signal when killed.
     */
    public Integer exitCode() {
        Worker w = worker;
        if (w == null || w.isAlive()) {
            return null;
        }
        return w.process().exitValue();
    }

    /** The child's process id (the same as {@link Processes#pid()} inside it). */
    public long pid() {
        requireStarted();
        return worker.pid();
    }

    /**
     * The failure of the child once it has ended: its exception, with the child's stack trace
     * as the cause, or a description of a crash; {@code null} when the work completed.
     */
    public Throwable exception() {
        return exception;
    }

    /** Asks the child to stop (SIGTERM): shutdown hooks run, exit code 143. */
    public void terminate() {
        requireStarted();
        worker.terminate();
    }

    /** Stops the child at once (SIGKILL): exit code 137. */
    public void kill() {
        requireStarted();
        worker.kill();
    }

    /** The children started by this process that have not ended yet. */
    static List<ChildProcess> active() {
        return List.copyOf(ACTIVE.keySet());
    }

    private void requireNotStarted() {
        if (worker != null) {
            throw new IllegalStateException(name + " has already been started");
        }
    }

    private void requireStarted() {
        if (worker == null) {
            throw new IllegalStateException(name + " has not been started");
        }
    }

    @Override
    public String toString() {
        Worker w = worker;
        String state = w == null ? "initial" : w.isAlive() ? "started" : "stopped exitcode=" + exitCode();
        return "<ChildProcess name='" + name + "'" + (w == null ? "" : " pid=" + w.pid()) + " " + state
                + (daemon ? " daemon" : "") + ">";
    }
}
