package jconc.process;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal: how a child JVM is started. The class path is the jar or directory the jconc
 * classes came from, followed by this JVM's class path (a plain program's own classes). The
 * JVM is tuned to start fast: serial GC, and a class-data-sharing archive of everything a child
 * loads, made once per JDK and class path in the user's cache directory by a training child
 * that runs in the background the first time.
 *
 * <p>System properties: {@code jconc.process.cds=false} turns the archive off,
 * {@code jconc.process.c1=true} stops the JIT at C1 (a little faster start, slower hot loops),
 * {@code jconc.process.jvmOptions} adds options (space separated).
 */
public final class Launcher {
    private static final AtomicBoolean TRAINING = new AtomicBoolean();

    private Launcher() {
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The child's class path: jconc's own location first, then this JVM's class path. */
    public static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        try {
            var source = Launcher.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the class path alone
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The command for a child JVM; {@code archiveAtExit} makes it a training run. */
    static List<String> command(Path archiveAtExit) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Xshare:auto");
        if (Boolean.getBoolean("jconc.process.c1")) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        if (archiveAtExit != null) {
            cmd.add("-XX:ArchiveClassesAtExit=" + archiveAtExit);
        } else if (cdsEnabled()) {
            Path archive = archive();
            if (archive != null && Files.isRegularFile(archive)) {
                cmd.add("-XX:SharedArchiveFile=" + archive);
                cmd.add("-Xlog:cds=off");
                cmd.add("-Xlog:cds+dynamic=off");
            } else if (archive != null) {
                trainInBackground(archive);
            }
        }
        String extra = System.getProperty("jconc.process.jvmOptions", "");
        for (String o : extra.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(ChildMain.class.getName());
        return cmd;
    }

    static boolean cdsEnabled() {
        return !"false".equals(System.getProperty("jconc.process.cds"));
    }

    /** The archive for this JDK, class path and options, in the user's cache directory. */
    static Path archive() {
        try {
            String cache = System.getenv("XDG_CACHE_HOME");
            Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                    : Path.of(System.getProperty("user.home"), ".cache");
            Path dir = base.resolve("jconc").resolve("cds");
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            return dir.resolve("child-" + key() + ".jsa");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String key() {
        StringBuilder k = new StringBuilder();
        k.append(System.getProperty("java.home")).append('|')
                .append(System.getProperty("java.vm.version")).append('|')
                .append(Boolean.getBoolean("jconc.process.c1")).append('|')
                .append(System.getProperty("jconc.process.jvmOptions", ""));
        for (String e : classPath().split(File.pathSeparator)) {
            File f = new File(e);
            k.append('|').append(e).append(':').append(f.lastModified()).append(':').append(f.length());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(k.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the archive once, with a child that runs a small representative task. */
    private static void trainInBackground(Path archive) {
        if (!TRAINING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                Worker w = Worker.launch(tmp, null);
                w.submit(new Training(), Codec.serialize(new Training()), null, true, "training");
                int code = w.exit().get(120, java.util.concurrent.TimeUnit.SECONDS);
                if (code == 0 && Files.isRegularFile(tmp)) {
                    Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(tmp);
                }
            } catch (Exception e) {
                System.getLogger("jconc").log(System.Logger.Level.DEBUG, "class-data sharing archive not made", e);
            }
        }, "jconc-cds-training");
        t.setDaemon(true);
        t.start();
    }

    /** What the training child does: the same things a real child does, on small data. */
    record Training() implements Job {
        @Override
        public Object call() throws Exception {
            java.util.function.Supplier<String> lambda = (java.util.function.Supplier<String> & java.io.Serializable) () -> "x";
            byte[] b = Codec.serialize(lambda);
            Codec.deserialize(b);
            Codec.deserialize(Codec.serialize(new java.util.ArrayList<>(List.of(1, "two", 3.0))));
            Thread t = new Thread(() -> { });
            t.start();
            t.join();
            System.out.print("");
            return new Object[] {1, "ok"};
        }
    }
}
