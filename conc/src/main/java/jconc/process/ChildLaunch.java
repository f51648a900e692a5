package jconc.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Internal: starts a child JVM ({@link ChildMain}) with what it needs to find and authenticate
 * to this process's {@link Hub} in its environment (never its command line), and this
 * process's {@link ChildLimits}.
 */
final class ChildLaunch {
    private ChildLaunch() {
    }

    /**
     * Starts the child named {@code token}; a {@code standby} child warms up before it takes a
     * job. {@code archiveAtExit}: where the child writes a class-data archive when it exits, or
     * null.
     */
    static Process start(Path archiveAtExit, String token, boolean standby, ChildLimits limits) throws IOException {
        Hub hub = Hub.local();
        ProcessBuilder pb = new ProcessBuilder(Launcher.command(archiveAtExit, limits));
        Map<String, String> env = pb.environment();
        limits.passTo(env);
        env.put(ChildContract.HUB_ENV, hub.address());
        env.put(ChildContract.AUTHKEY_ENV, hub.authKeyHex());
        env.put(ChildContract.TOKEN_ENV, token);
        if (standby) {
            env.put(ChildContract.STANDBY_ENV, "1");
        } else {
            env.remove(ChildContract.STANDBY_ENV);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }
}
