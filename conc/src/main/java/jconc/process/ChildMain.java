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
        Loaders.Shipped loader = Loaders.installShipped();
        Thread.currentThread().setContextClassLoader(loader);
        Hosts.install(new Host() {
            @Override
            public DynamicClasses dynamicClasses() {
                return loader;
            }
        });
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
                Job job = (Job) Codec.deserialize(payload);
                value = Codec.toWire(job.call());
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
            link.oneway("control", "result", token, id, ok, value, start, end, pid);
            if (oneShot) {
                awaitUserThreads();
                finish(ok ? 0 : 1);
            }
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
            waitFor.join();
        }
    }

    private static void finish(int code) {
        exiting = true;
        System.out.flush();
        System.err.flush();
        Hub.local().shutdown();
        System.exit(code);
    }
}
