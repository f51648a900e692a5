package jconc.process;

import java.util.List;
import jconc.ChildProcess;

/**
 * Run by {@link ChildArchiveTest} in a JVM of its own whose class path is one jar: says which
 * archive a child would start from, then starts one child and reports its exit code.
 */
public final class ArchiveProbe {
    private ArchiveProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("jconc.process.standby", "false");
        List<String> cmd = Launcher.command(null, ChildLimits.current());
        System.out.println("archive " + cmd.stream()
                .filter(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile="))
                .findFirst().orElse("none"));
        ChildProcess p = new ChildProcess(() -> System.out.println("child ran")).start();
        p.join();
        System.out.println("exit " + p.exitCode());
        System.out.flush();
        System.exit(0);
    }
}
