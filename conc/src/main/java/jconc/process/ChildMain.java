package jconc.process;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import jconc.spi.DynamicClasses;
import jconc.spi.Host;
import jconc.spi.Hosts;

/**
 * Internal: the main class of a child JVM. It connects back to its parent's {@link Hub}
 * (address, authkey and token in its environment), then runs the jobs the parent sends on its
 * main thread. A one-shot child (a {@code ChildProcess}) waits for the non-daemon threads its
 * job started, as Python's child processes do, and exits with 0, or 1 if the job threw. The
 * child halts at once if its parent goes away.
 */
public final class ChildMain {
    private static final Object[] EXIT = new Object[0];
    private static volatile String name = "MainProcess";
    private static volatile boolean exiting;

    private ChildMain() {
    }

    /** The name of this process: "MainProcess", or the name its parent gave it. */
    public static String processName() {
        return name;
    }

    public static void main(String[] args) throws Exception {
        String parent = System.getenv("JCONC_HUB");
        String token = System.getenv("JCONC_TOKEN");
        if (parent == null || token == null) {
            System.err.println("jconc: this class is started by jconc for child processes only");
            System.exit(2);
        }
        // a child that starts children of its own does so rarely: no standby JVM for it
        System.setProperty("jconc.process.standby", "false");
        Loaders.Shipped loader = Loaders.installShipped();
        Thread.currentThread().setContextClassLoader(loader);
        Hosts.install(new Host() {
            @Override
            public DynamicClasses dynamicClasses() {
                return loader;
            }
        });
        // link the serialization and lambda machinery on another core while this thread connects
        Thread warm = new Thread(ChildMain::warmUp, "jconc-warm-up");
        warm.setDaemon(true);
        warm.start();
        BlockingQueue<Object[]> runs = new LinkedBlockingQueue<>();
        Hub hub = Hub.local();
        hub.registerNamed("child", (op, a, from) -> {
            runs.add("exit".equals(op) ? EXIT : a);
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
                return (byte[]) link.call("control", "class", className);
            } catch (Exception e) {
                return null;
            }
        };
        long pid = ProcessHandle.current().pid();
        link.call("control", "hello", token, pid);
        if (System.getenv("JCONC_STANDBY") != null) {
            warm.join();
        }
        while (true) {
            Object[] run = runs.take();
            if (run == EXIT) {
                finish(0);
            }
            long id = ((Number) run[0]).longValue();
            Object[] classes = (Object[]) run[1];
            byte[] globals = (byte[]) run[2];
            byte[] payload = (byte[]) run[3];
            boolean oneShot = (Boolean) run[4];
            name = (String) run[5];
            if (oneShot) {
                Thread.currentThread().setName("main");
            }
            Map<String, byte[]> shipped = new HashMap<>();
            for (int i = 0; i + 1 < classes.length; i += 2) {
                shipped.put((String) classes[i], (byte[]) classes[i + 1]);
            }
            loader.add(shipped);
            long start = micros();
            boolean ok;
            Object value;
            try {
                if (globals != null) {
                    Globals.restore(globals);
                }
                Object result;
                if (FunctionCall.isOne(payload)) {
                    result = FunctionCall.run(payload);
                } else {
                    result = ((Job) Codec.deserialize(payload)).call();
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
            System.out.flush();
            System.err.flush();
            if (!oneShot && !runs.isEmpty()) {
                // more tasks wait: this result leaves with the next one, in one write
                link.enqueue("control", "result", token, id, ok, value, start, end, pid);
            } else {
                link.oneway("control", "result", token, id, ok, value, start, end, pid);
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
     * Runs, once, what a first job runs (deserializing a lambda and a record, a thread, string
     * building), so that a standby child has it loaded and linked before its job arrives.
     */
    private static void warmUp() {
        try {
            new Launcher.Training().call();
            String warm = "warm " + micros() + " " + name;
            if (warm.isEmpty()) {
                System.out.print(warm);
            }
        } catch (Exception e) {
            // only a warm-up
        }
    }

    /** Microseconds since the epoch, comparable across processes on one machine. */
    public static long micros() {
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

    /** JCONC_TRACE=1 in the environment prints when a child reaches each step of its exit. */
    private static final boolean TRACE = System.getenv("JCONC_TRACE") != null;

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
        trace("inputs shut");
        System.exit(code);
    }
}
