package jconc.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import jconc.kernel.engine.JShellInterpreter;
import jconc.kernel.engine.KernelRuntime;
import jconc.kernel.install.CommandLine;
import jconc.kernel.protocol.ConnectionInfo;
import jconc.kernel.protocol.KernelServer;
import jconc.kernel.protocol.Log;

/**
 * Entry point: {@code java -jar jconc-kernel-all.jar CONNECTION_FILE} runs a kernel;
 * {@code install}, {@code uninstall}, {@code --version} and {@code --help} run the installer.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--train")) {
            Training.run(KernelRuntime.install());
            System.exit(0);
        }
        if (args.length != 1 || CommandLine.handles(args) || !Files.isRegularFile(Path.of(args[0]))) {
            System.exit(CommandLine.run(args));
        }
        ConnectionInfo connection = ConnectionInfo.read(Path.of(args[0]));
        JShellInterpreter interpreter = KernelRuntime.install();
        KernelServer server = new KernelServer(connection, interpreter);
        ParentWatch.forThisProcess(System.getenv()).ifPresent(watch -> watch.start(() -> endWithoutParent(server)));
        server.serve(interpreter::startAsync);
        Log.debug("kernel stopped");
        Runtime.getRuntime().halt(0);
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
