package jconc.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jconc.spi.Resources;

/**
 * Internal: one child JVM that runs {@link Job}s sent by this process, over a control
 * {@link Link} to this process's {@link Hub}. A {@code ChildProcess} uses a worker for a single
 * job; a {@code Pool} keeps workers for many. One worker is kept started and idle in advance
 * (a warm standby, like Python's forkserver) so that the next start costs a message, not a JVM
 * boot.
 *
 * <p>The child ends itself when its control link closes, so no child outlives this process,
 * however this process ends.
 */
public final class Worker {
    private static final Map<String, Worker> BY_TOKEN = new ConcurrentHashMap<>();
    private static final Map<Worker, Boolean> LIVE = new ConcurrentHashMap<>();
    private static final AtomicReference<Worker> STANDBY = new AtomicReference<>();
    private static final AtomicLong TASK_IDS = new AtomicLong();

    static {
        Hub.local().registerNamed("control", new Control());
        Resources.register(owner -> {
            for (Worker w : LIVE.keySet()) {
                if (owner == null || owner.equals(w.owner)) {
                    w.kill();
                }
            }
        });
    }

    /** How a job ended in the child. */
    public record Outcome(boolean ok, Object value, long startMicros, long endMicros, long pid) {
    }

    private final String token = UUID.randomUUID().toString();
    private final CompletableFuture<Link> link = new CompletableFuture<>();
    private final CompletableFuture<Void> linkClosed = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<Outcome>> tasks = new ConcurrentHashMap<>();
    private final Map<String, byte[]> sentClasses = new ConcurrentHashMap<>();
    private volatile Process process;
    private volatile Object owner;
    private volatile boolean counted;

    private Worker() {
    }

    /** Starts a child JVM (it connects back asynchronously). */
    static Worker launch(Path archiveAtExit, Object owner) throws IOException {
        return launch(archiveAtExit, owner, false);
    }

    private static Worker launch(Path archiveAtExit, Object owner, boolean standby) throws IOException {
        Hub hub = Hub.local();
        Worker w = new Worker();
        w.owner = owner;
        ChildLimits limits = ChildLimits.current();
        ProcessBuilder pb = new ProcessBuilder(Launcher.command(archiveAtExit, limits));
        Map<String, String> env = pb.environment();
        limits.passTo(env);
        env.put("JCONC_HUB", hub.address());
        env.put(Hub.AUTHKEY_ENV, hub.authKeyHex());
        env.put("JCONC_TOKEN", w.token);
        if (standby) {
            env.put("JCONC_STANDBY", "1");
        } else {
            env.remove("JCONC_STANDBY");
        }
        BY_TOKEN.put(w.token, w);
        try {
            w.process = pb.start();
        } catch (IOException e) {
            BY_TOKEN.remove(w.token);
            throw e;
        }
        LIVE.put(w, Boolean.TRUE);
        w.process.getOutputStream().close();
        w.process.onExit().thenRun(w::processExited);
        return w;
    }

    /**
     * A worker for a new child process owned by {@code owner}: the warm standby when there is
     * one, else a fresh JVM; either way a new standby starts in the background.
     *
     * @throws IllegalStateException if this process already runs as many children as
     *                               {@link ChildLimits} allows
     */
    public static Worker obtain(Object owner) throws IOException {
        Worker standby = null;
        Worker w;
        synchronized (LIVE) {
            ChildLimits.current().checkRoom(liveChildren());
            standby = standbyEnabled() ? STANDBY.getAndSet(null) : null;
            if (standby != null && !standby.process.isAlive()) {
                standby = null;
            }
            w = standby != null ? standby : launch(null, owner);
            w.owner = owner;
            w.counted = true;
        }
        if (standby == null) {
            if (standbyEnabled()) {
                refillStandby();
            }
        } else {
            // start the next standby when this child is done (or soon): booting a JVM now
            // would compete for the processor with the child just started
            w.process.onExit().completeOnTimeout(null, 1, TimeUnit.SECONDS)
                    .thenRun(Worker::refillStandby);
        }
        return w;
    }

    /**
     * A fresh child JVM owned by {@code owner}, never the standby.
     *
     * @throws IllegalStateException if this process already runs as many children as
     *                               {@link ChildLimits} allows
     */
    public static Worker launchFor(Object owner) throws IOException {
        synchronized (LIVE) {
            ChildLimits.current().checkRoom(liveChildren());
            Worker w = launch(null, owner);
            w.counted = true;
            return w;
        }
    }

    /** The live children started for jobs (not the standby, not a training run). */
    static int liveChildren() {
        int n = 0;
        for (Worker w : LIVE.keySet()) {
            if (w.counted && w.process.isAlive()) {
                n++;
            }
        }
        return n;
    }

    static boolean standbyEnabled() {
        return !"false".equals(System.getProperty("jconc.process.standby"));
    }

    /** Starts a standby child in the background if none is waiting. */
    public static void refillStandby() {
        if (STANDBY.get() != null) {
            return;
        }
        Daemons.start("jconc-standby-start", () -> {
            try {
                Worker w = launch(null, null, true);
                if (!STANDBY.compareAndSet(null, w)) {
                    w.kill();
                }
            } catch (IOException e) {
                System.getLogger("jconc").log(System.Logger.Level.DEBUG, "no standby child", e);
            }
        });
    }

    /** Ends the standby child, if any (for measurements, and at shutdown). */
    public static void dropStandby() {
        Worker w = STANDBY.getAndSet(null);
        if (w != null) {
            w.kill();
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
    public CompletableFuture<Outcome> submit(Job job, byte[] payload, byte[] globals, boolean oneShot, String name) {
        long id = TASK_IDS.incrementAndGet();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        tasks.put(id, outcome);
        Object[] classes = unsentClasses();
        sendInOrder("run", id, classes, globals, payload, oneShot, name);
        if (!process.isAlive()) {
            processExited();
        }
        return outcome;
    }

    /**
     * Like {@link #submit} but the job waits in this process until {@link #flush()}: a pool
     * giving a worker several tasks at once sends them in one write.
     */
    public CompletableFuture<Outcome> submitHeld(byte[] payload, String name) {
        long id = TASK_IDS.incrementAndGet();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        tasks.put(id, outcome);
        Object[] classes = unsentClasses();
        synchronized (unsent) {
            unsent.add(new Object[] {"run", new Object[] {id, classes, null, payload, false, name}});
        }
        if (!process.isAlive()) {
            processExited();
        }
        return outcome;
    }

    /** Sends the jobs held by {@link #submitHeld}. */
    public void flush() {
        boolean start;
        synchronized (unsent) {
            start = !draining && !unsent.isEmpty();
            if (start) {
                draining = true;
            }
        }
        if (!start) {
            return;
        }
        if (link.isDone()) {
            drain();
        } else {
            link.thenRun(this::drain);
        }
    }

    /** Tells a pool worker to finish after the jobs it has. */
    public void stop() {
        sendInOrder("exit");
    }

    private final java.util.ArrayDeque<Object[]> unsent = new java.util.ArrayDeque<>();
    private boolean draining;

    /**
     * Sends a control message to the child, after those sent before it: messages given before
     * the child has connected wait, in order, and leave when it connects.
     */
    private void sendInOrder(String op, Object... args) {
        synchronized (unsent) {
            unsent.add(new Object[] {op, args});
            if (draining) {
                return;
            }
            draining = true;
        }
        if (link.isDone()) {
            drain();
        } else {
            link.thenRun(this::drain);
        }
    }

    private void drain() {
        Link l = link.getNow(null);
        while (true) {
            Object[] next;
            synchronized (unsent) {
                next = unsent.poll();
                if (next == null) {
                    draining = false;
                }
            }
            try {
                if (next == null) {
                    l.flush();
                    return;
                }
                l.enqueue("child", (String) next[0], (Object[]) next[1]);
            } catch (IOException | RuntimeException e) {
                // the child is gone: processExited() reports it
                if (next == null) {
                    return;
                }
            }
        }
    }

    private static volatile Map<String, byte[]> classSnapshot;
    private static volatile long classSnapshotAt;

    /**
     * The classes of this process's memory, re-read at most every 200 ms: a pool submitting
     * thousands of tasks must not copy them each time. A class newer than the snapshot is
     * fetched by the child when it needs it.
     */
    private static Map<String, byte[]> dynamicClasses() {
        long now = System.nanoTime();
        Map<String, byte[]> snapshot = classSnapshot;
        if (snapshot == null || now - classSnapshotAt > 200_000_000L) {
            snapshot = Loaders.dynamicClassBytes();
            classSnapshot = snapshot;
            classSnapshotAt = now;
        }
        return snapshot;
    }

    private Object[] unsentClasses() {
        Map<String, byte[]> all = dynamicClasses();
        List<Object> out = new ArrayList<>();
        for (var e : all.entrySet()) {
            byte[] before = sentClasses.put(e.getKey(), e.getValue());
            if (before != e.getValue() && !Arrays.equals(before, e.getValue())) {
                out.add(e.getKey());
                out.add(e.getValue());
            }
        }
        return out.toArray();
    }

    private void processExited() {
        LIVE.remove(this);
        if (link.isDone()) {
            linkClosed.thenRun(this::failPending);
            // a child that died without closing leaves the link to notice EOF itself
        } else {
            link.completeExceptionally(new IOException("child exited before connecting"));
            linkClosed.complete(null);
            failPending();
        }
        BY_TOKEN.remove(token);
    }

    private void failPending() {
        int code = process.exitValue();
        for (var e : tasks.entrySet()) {
            e.getValue().completeExceptionally(new ChildDied(process.pid(), code));
        }
        tasks.clear();
    }

    /** Waits (bounded) until the child has connected; for measurements and tests. */
    public boolean awaitConnected(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            link.get(timeout, unit);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** A child that ended before it reported the result of its job. */
    public static final class ChildDied extends IOException {
        private final long pid;
        private final int exitCode;

        ChildDied(long pid, int exitCode) {
            super(describe(pid, exitCode));
            this.pid = pid;
            this.exitCode = exitCode;
        }

        public long pid() {
            return pid;
        }

        public int exitCode() {
            return exitCode;
        }

        static String describe(long pid, int code) {
            String how = code > 128 && code < 160 ? "was killed by signal " + (code - 128) + signalName(code - 128)
                    : code == 3 ? "exited with code 3 (out of memory, or System.exit(3))"
                    : "exited with code " + code;
            return "child process " + pid + " " + how + " before it reported a result";
        }

        private static String signalName(int signal) {
            return switch (signal) {
                case 9 -> " (SIGKILL)";
                case 15 -> " (SIGTERM)";
                case 6 -> " (SIGABRT)";
                case 11 -> " (SIGSEGV)";
                default -> "";
            };
        }
    }

    /** The parent's side of the control protocol. */
    private static final class Control implements Service {
        @Override
        public Object handle(String op, Object[] args, Link from) {
            switch (op) {
                case "hello" -> {
                    Worker w = BY_TOKEN.get((String) args[0]);
                    if (w == null) {
                        from.close();
                        return null;
                    }
                    from.onClose(() -> w.linkClosed.complete(null));
                    w.link.complete(from);
                    return null;
                }
                case "result" -> {
                    Worker w = BY_TOKEN.get((String) args[0]);
                    if (w != null) {
                        CompletableFuture<Outcome> f = w.tasks.remove(((Number) args[1]).longValue());
                        if (f != null) {
                            f.complete(new Outcome((Boolean) args[2], args[3], (Long) args[4], (Long) args[5], (Long) args[6]));
                        }
                    }
                    return null;
                }
                case "class" -> {
                    return Loaders.dynamicClassBytes().get((String) args[0]);
                }
                default -> throw new IllegalArgumentException("unknown control operation " + op);
            }
        }
    }
}
