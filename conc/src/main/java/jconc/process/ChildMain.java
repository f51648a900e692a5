package jconc.process;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import jconc.process.ChildContract.ChildOp;
import jconc.process.ChildContract.ControlOp;
import jconc.process.ChildContract.Hello;
import jconc.process.ChildContract.Result;
import jconc.process.ChildContract.Run;
import jconc.spi.DynamicClasses;
import jconc.spi.Host;
import jconc.spi.Hosts;

/**
 * Internal: the main class of a child JVM. It connects back to its parent's {@link Hub}
 * (address, authkey and token in its environment), then runs the jobs the parent sends on its
 * main thread. A one-shot child (a {@code ChildProcess}) waits for the non-daemon threads its
 * job started, as Python's child processes do, and exits with 0, or 1 if the job threw. The
 * child halts at once if its parent goes away.
 *
 * <p>Public because it is the main class of every child JVM, which the {@link Launcher} starts by
 * name, and the helper API asks it for the name of the process it runs in.
 */
public final class ChildMain {
    private static volatile String name = "MainProcess";
    private static volatile boolean exiting;

    private ChildMain() {
    }

    /** The name of this process: "MainProcess", or the name its parent gave it. */
    public static String processName() {
        return name;
    }

    public static void main(String[] args) throws Exception {
        trace("main");
        String parent = System.getenv(ChildContract.HUB_ENV);
        String token = System.getenv(ChildContract.TOKEN_ENV);
        if (parent == null || token == null) {
            System.err.println("jconc: this class is started by jconc for child processes only");
            System.exit(2);
        }
        Daemons.start("jconc-early-init", ChildMain::initEarly);
        // a child that starts children of its own does so rarely: no standby JVM for it
        System.setProperty(ChildContract.STANDBY_PROPERTY, "false");
        Loaders.Shipped loader = Loaders.installShipped();
        Thread.currentThread().setContextClassLoader(loader);
        Hosts.install(new Host() {
            @Override
            public DynamicClasses dynamicClasses() {
                return loader;
            }
        });
        // A standby child links the serialization and lambda machinery while it waits for a
        // job. A child started for a job does not: the job links what it needs, and the whole
        // warm-up beside it only competes for the processor (about a fifth of a cold start's
        // CPU time); only initEarly runs beside the connection.
        Thread warm = System.getenv(ChildContract.STANDBY_ENV) != null
                ? Daemons.start("jconc-warm-up", ChildMain::warmUp) : null;
        BlockingQueue<Optional<Run>> runs = new LinkedBlockingQueue<>();
        Hub hub = Hub.local();
        hub.registerNamed(ChildContract.CHILD, (op, a, from) -> {
            runs.add(Service.op(ChildOp.class, op) == ChildOp.EXIT ? Optional.empty() : Optional.of(Run.of(a)));
            return null;
        });
        Link link;
        try {
            link = hub.connect(parent);
        } catch (IOException e) {
            Runtime.getRuntime().halt(70);
            return;
        }
        link.onClose(() -> {
            if (!exiting && !Hub.local().isShuttingDown()) {
                // the parent is gone: end at once, with no thread left in a native read
                // (HotSpot would wait up to 300 ms for it)
                Hub.local().shutdownInputs();
                Hub.local().removeDirectory();
                Runtime.getRuntime().halt(1);
            }
        });
        loader.fetcher = className -> {
            try {
                return (byte[]) link.call(ChildContract.CONTROL, ControlOp.CLASS.name(), className);
            } catch (Exception e) {
                return null;
            }
        };
        trace("connected");
        long pid = ProcessHandle.current().pid();
        link.call(ChildContract.CONTROL, ControlOp.HELLO.name(), new Hello(token, pid).args());
        trace("hello answered");
        if (warm != null) {
            warm.join();
        }
        while (true) {
            Optional<Run> next = runs.take();
            if (next.isEmpty()) {
                finish(0);
            }
            Run run = next.get();
            trace("run received");
            boolean oneShot = run.oneShot();
            name = run.name();
            if (oneShot) {
                Thread.currentThread().setName("main");
            }
            loader.add(run.classes());
            long start = micros();
            boolean ok;
            Object value;
            try {
                if (run.globals() != null) {
                    Globals.restore(run.globals());
                }
                Object result;
                if (FunctionCall.isOne(run.payload())) {
                    result = FunctionCall.run(run.payload());
                } else {
                    result = ((Job) Codec.deserialize(run.payload())).call();
                }
                value = Codec.toWire(result);
                ok = true;
            } catch (Throwable t) {
                ok = false;
                value = RemoteFailure.wire(t);
                if (oneShot) {
                    System.err.println("Process " + name + " (pid " + pid + "):");
                    t.printStackTrace();
                }
            }
            long end = micros();
            trace("run done");
            System.out.flush();
            System.err.flush();
            Object[] result = new Result(token, run.id(), ok, value, start, end, pid).args();
            if (!oneShot && !runs.isEmpty()) {
                // more tasks wait: this result leaves with the next one, in one write
                link.enqueue(ChildContract.CONTROL, ControlOp.RESULT.name(), result);
            } else {
                link.oneway(ChildContract.CONTROL, ControlOp.RESULT.name(), result);
            }
            if (oneShot) {
                trace("result sent");
                awaitUserThreads();
                trace("user threads done");
                finish(ok ? 0 : 1);
            }
        }
    }

    /**
     * Initializes, beside the main thread's connection to the parent, the two pieces of the JDK
     * that a first connection and a first job initialize one after the other: Unix-domain
     * sockets (their class initialization seeds a SecureRandom, which loads the security
     * providers: about 20 ms) and Java serialization (about 30 ms on first use). Run on a thread
     * of their own, they overlap: a cold start measured 6-8% quicker on JDK 17 and 25.
     */
    private static void initEarly() {
        try {
            java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
            Codec.deserialize(Codec.serialize(new java.util.concurrent.atomic.AtomicLong(1)));
        } catch (IOException | RuntimeException e) {
            // only an early start: the main thread meets the same failure, if any, and reports it
        }
    }

    /**
     * Runs, once, what a first job runs (deserializing a lambda and a record, a thread, string
     * building), so that a standby child has it loaded and linked before its job arrives.
     */
    private static void warmUp() {
        try {
            new ChildTraining().call();
            String warm = "warm " + micros() + " " + name;
            if (warm.isEmpty()) {
                System.out.print(warm);
            }
        } catch (Exception e) {
            // only a warm-up
        }
    }

    /** Microseconds since the epoch, comparable across processes on one machine. */
    static long micros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private static void awaitUserThreads() throws InterruptedException {
        Thread me = Thread.currentThread();
        ThreadGroup group = me.getThreadGroup();
        while (true) {
            Thread[] threads = new Thread[group.activeCount() + 8];
            int n = group.enumerate(threads, true);
            Thread waitFor = null;
            for (int i = 0; i < n; i++) {
                Thread t = threads[i];
                if (t != me && !t.isDaemon() && t.isAlive() && !t.getName().equals("DestroyJavaVM")) {
                    waitFor = t;
                    break;
                }
            }
            if (waitFor == null) {
                return;
            }
            if (TRACE) {
                trace("waiting for " + waitFor.getName());
            }
            waitFor.join();
        }
    }

    /** JCONC_TRACE=1 in the environment prints when a child reaches each step of its start and exit. */
    private static final boolean TRACE = System.getenv(ChildContract.TRACE_ENV) != null;

    private static void trace(String what) {
        if (TRACE) {
            System.err.println("trace " + what + " " + micros());
        }
    }

    private static void finish(int code) {
        exiting = true;
        System.out.flush();
        System.err.flush();
        // no thread may be blocked in a native read at exit: HotSpot would wait up to 300 ms for it
        Hub.local().shutdownInputs();
        if (TRACE) {
            trace("inputs shut, cpu " + ProcessHandle.current().info().totalCpuDuration()
                    .map(d -> d.toMillis() + " ms").orElse("unknown"));
        }
        System.exit(code);
    }
}
