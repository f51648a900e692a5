package jconc.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import jconc.kernel.engine.JShellInterpreter;
import jconc.kernel.engine.KernelRuntime;
import jconc.kernel.engine.Magics;
import jconc.kernel.engine.StartupTimeline;
import jconc.kernel.install.CommandLine;
import jconc.kernel.magic.StandardMagics;
import jconc.kernel.protocol.ConnectionInfo;
import jconc.kernel.protocol.KernelServer;
import jconc.kernel.protocol.Log;
import jconc.process.Hub;
import jconc.process.PrivateDirs;

/**
 * Entry point: {@code java -jar jconc-kernel-all.jar CONNECTION_FILE} runs a kernel;
 * {@code install}, {@code uninstall}, {@code --version} and {@code --help} run the installer.
 */
public final class Main {
    private Main() {
    }

    /**
     * Before the halt (which runs no shutdown hook): ends every process the kernel started
     * that is still there, and removes the private directories of the kernel and of those
     * processes.
     */
    private static void leaveNothing() {
        Hub.local().shutdown();
        var left = ProcessHandle.current().descendants().toList();
        left.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (ProcessHandle p : left) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                break; // the rest is removed by the next start
            }
        }
        PrivateDirs.removeOwn();
        PrivateDirs.removeStale();
    }

    public static void main(String[] args) throws Exception {
        StartupTimeline.mark("main");
        if (args.length == 1 && args[0].equals("--train")) {
            Training.run(KernelRuntime.install(magics()));
            System.exit(0);
        }
        if (args.length != 1 || CommandLine.handles(args) || !Files.isRegularFile(Path.of(args[0]))) {
            System.exit(CommandLine.run(args));
        }
        ConnectionInfo connection = ConnectionInfo.read(Path.of(args[0]));
        Thread sweeper = new Thread(PrivateDirs::removeStale, "jconc-stale-dirs");
        sweeper.setDaemon(true);
        sweeper.start();
        JShellInterpreter interpreter = KernelRuntime.install(magics()); // JShell builds from here on
        KernelServer server = new KernelServer(connection, interpreter);
        ParentWatch.forThisProcess(System.getenv()).ifPresent(watch -> watch.start(() -> endWithoutParent(server)));
        server.serve(() -> StartupTimeline.mark("listening"));
        Log.debug("kernel stopped");
        leaveNothing();
        Runtime.getRuntime().halt(0);
    }

    /** The magics of every session. */
    static Magics magics() {
        return new Magics(StandardMagics.all());
    }

    /** An orderly stop (children ended, channels closed); a stop that hangs is cut short. */
    private static void endWithoutParent(KernelServer server) {
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE_MS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(1);
        }, "jconc-shutdown-deadline");
        deadline.setDaemon(true);
        deadline.start();
        server.stop(false);
    }

    private static final long SHUTDOWN_GRACE_MS = 10_000;
}
