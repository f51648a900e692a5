package jconc.kernel;

import java.nio.file.Path;
import jconc.kernel.engine.JShellInterpreter;
import jconc.kernel.engine.KernelRuntime;
import jconc.kernel.protocol.ConnectionInfo;
import jconc.kernel.protocol.KernelServer;
import jconc.kernel.protocol.Log;
import jconc.process.Hub;
import jconc.process.PrivateDirs;

/** Entry point: {@code java -jar jconc-kernel-all.jar CONNECTION_FILE}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--train")) {
            Training.run(KernelRuntime.install());
            System.exit(0);
        }
        if (args.length != 1) {
            System.err.println("usage: java -jar jconc-kernel-all.jar CONNECTION_FILE   (or --train)");
            System.exit(2);
        }
        ConnectionInfo connection = ConnectionInfo.read(Path.of(args[0]));
        Thread sweeper = new Thread(PrivateDirs::removeStale, "jconc-stale-dirs");
        sweeper.setDaemon(true);
        sweeper.start();
        JShellInterpreter interpreter = KernelRuntime.install();
        KernelServer server = new KernelServer(connection, interpreter);
        server.serve(interpreter::startAsync);
        Log.debug("kernel stopped");
        Hub.local().shutdown(); // its socket directory (halt runs no shutdown hook)
        Runtime.getRuntime().halt(0);
    }
}
