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
import java.util.regex.Pattern;

/**
 * Internal: how a child JVM is started. The class path is the jar or directory the jconc
 * classes came from, followed by this JVM's class path (a plain program's own classes). The
 * JVM is tuned to start fast: serial GC, the JIT stopped at C1, and an
 * archive of everything a child loads (on JDK 25 and later an ahead-of-time cache, with its
 * classes linked and its lambdas resolved; before, a dynamic class-data-sharing archive), made
 * once per JDK and class path in the user's cache directory
 * ({@code $XDG_CACHE_HOME/jconc/cds}, else {@code $HOME/.cache/jconc/cds}) by a training child
 * that runs in the background the first time (and checked before use: a class path the JVM
 * cannot share, such as one with a directory, is remembered and skipped; one whose contents no
 * longer match the checksum recorded beside it is not used, see {@link ArchiveCheck}). A shared, read-only
 * archive made at install time ({@link #main}) is used instead when it matches: it is looked
 * for in the directory {@code cds} beside the jar jconc came from, or in the directory named by
 * {@code jconc.process.sharedArchiveDir} or {@code JCONC_SHARED_CDS_DIR}. Heap and the number of
 * live children are limited ({@link ChildLimits}).
 *
 * <p>System properties: {@code jconc.process.cds=false} turns the archive off,
 * {@code jconc.process.c1=false} lets the JIT use C2 (slower start, faster long hot loops),
 * {@code jconc.process.standby=false} turns the warm standby child off,
 * {@code jconc.process.jvmOptions} adds options (space separated).
 *
 * <p>Public because its {@code main} makes the shared class-data archive at install time (the
 * classroom setup runs {@code java -cp JAR jconc.process.Launcher DIR}).
 */
public final class Launcher {
    private static final AtomicBoolean TRAINING = new AtomicBoolean();
    /** The name of a child archive: child-KEY.jsa (or .aot). */
    private static final String ARCHIVE = "child-[0-9a-f]+\\.(?:jsa|aot)";
    /** An archive being made for process PID: child-KEY.jsa.PID.tmp (or .aot). */
    private static final Pattern ABANDONED = Pattern.compile(ARCHIVE + "\\.([0-9]+)\\.tmp");

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
                entries.add(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize().toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the class path alone
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The command for a child JVM; {@code archiveAtExit} makes it a training run. */
    static List<String> command(Path archiveAtExit, ChildLimits limits) {
        List<String> cmd = baseCommand(limits);
        if (!aotCache()) {
            cmd.add("-Xshare:auto");  // the default; an AOT cache's options refuse it
        }
        // the parent reads the child's output as UTF-8, whatever the locale (C or POSIX: ASCII)
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Dstdout.encoding=UTF-8");
        cmd.add("-Dstderr.encoding=UTF-8");
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            // skips a service-loader scan of the whole class path when the first socket opens
            cmd.add("-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider");
        }
        if (c1Only()) {
            // the JIT's default thresholds: compiling a method after 4x the calls spared a cold
            // start a tenth of its CPU time, but left a child's first thousands of messages
            // interpreted (Manager operations from 4 children: 25-30% fewer per second)
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        if (archiveAtExit != null) {
            cmd.add((aotCache() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archiveAtExit);
        } else if (cdsEnabled()) {
            Path shared = sharedArchive(limits);
            Path own = shared != null ? null : archive(limits);
            if (shared != null) {
                cmd.addAll(startFrom(shared));
            } else if (own != null && Files.exists(unusable(own))) {
                // this JDK cannot share classes for this class path (for example a directory on it)
            } else if (own != null && Files.isRegularFile(own) && ArchiveCheck.intact(own)) {
                cmd.addAll(startFrom(own));
            } else if (own != null) {
                trainInBackground(own);  // none yet, or a damaged one: made again
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

    /**
     * Whether children start from an ahead-of-time cache (JDK 25+: classes loaded and linked,
     * lambdas and string concatenations resolved, method profiles) rather than a dynamic
     * class-data archive (JDK 17 to 24).
     */
    static boolean aotCache() {
        return Runtime.version().feature() >= 25;
    }

    /**
     * The options that start a child from {@code archive}. A stale or damaged one is not an
     * error: the JVM then starts without it, and says nothing (its logging is off).
     */
    static List<String> startFrom(Path archive) {
        if (aotCache()) {
            return List.of("-XX:AOTCache=" + archive, "-Xlog:aot=off", "-Xlog:cds=off");
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** The JVM and the options an archive must be made and used with. */
    private static List<String> baseCommand(ChildLimits limits) {
        return new ArrayList<>(List.of(javaBinary(), limits.heapOption(), "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError"));
    }

    /** Whether the child's JIT stops at C1: quicker to start; hot loops can be slower than with C2. */
    static boolean c1Only() {
        return !"false".equals(System.getProperty("jconc.process.c1"));
    }

    static boolean cdsEnabled() {
        return !"false".equals(System.getProperty("jconc.process.cds"));
    }

    /**
     * The archive for this JDK, class path and options, in the user's cache directory. The
     * user is the one in {@code $HOME} (set by whoever started this process: a hub sets it per
     * student), not Java's {@code user.home} (the account's entry in the password file), so
     * that people running under one account each keep their own.
     */
    static Path archive(ChildLimits limits) {
        try {
            Path dir = userCacheDir(System.getenv()).resolve("jconc").resolve("cds");
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            return dir.resolve(archiveName(limits));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code $XDG_CACHE_HOME}, else {@code $HOME/.cache}, else {@code user.home}'s {@code .cache}. */
    static Path userCacheDir(java.util.Map<String, String> env) {
        String cache = env.get("XDG_CACHE_HOME");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache);
        }
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache");
    }

    /** The shared archive made at install time for exactly this JDK, class path and options, if there is one. */
    static Path sharedArchive(ChildLimits limits) {
        try {
            Path dir = sharedArchiveDir();
            Path archive = dir == null ? null : dir.resolve(archiveName(limits));
            return archive != null && Files.isRegularFile(archive) && Files.isReadable(archive)
                    && ArchiveCheck.intact(archive) ? archive : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Where shared archives are: as configured, else {@code cds} beside jconc's jar. */
    static Path sharedArchiveDir() {
        String configured = System.getProperty("jconc.process.sharedArchiveDir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("JCONC_SHARED_CDS_DIR");
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String first = classPath().split(File.pathSeparator)[0];
        return first.endsWith(".jar") ? Path.of(first).resolveSibling("cds") : null;
    }

    static String archiveName(ChildLimits limits) {
        return "child-" + key(limits) + (aotCache() ? ".aot" : ".jsa");
    }

    private static String key(ChildLimits limits) {
        StringBuilder k = new StringBuilder();
        k.append(System.getProperty("java.home")).append('|')
                .append(System.getProperty("java.vm.version")).append('|')
                .append(c1Only()).append('|')
                .append(limits.heap()).append('|')
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

    /** Makes the archive once, in the background, with a child that runs a small representative task. */
    private static void trainInBackground(Path archive) {
        if (!TRAINING.compareAndSet(false, true)) {
            return;
        }
        Daemons.start("jconc-cds-training", () -> {
            try {
                if (!train(archive)) {
                    Files.writeString(unusable(archive), "class-data sharing failed for this class path\n");
                }
            } catch (Exception e) {
                System.getLogger("jconc").log(System.Logger.Level.DEBUG, "class-data sharing archive not made", e);
            }
        });
    }

    /** Runs a training child that records {@code archive}; false if the JVM could not make a usable one. */
    static boolean train(Path archive) throws Exception {
        removeAbandoned(archive.getParent());
        Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Worker w = WorkerRegistry.launch(tmp, null, false);
        w.submit(Codec.serialize(new ChildTraining(true)), null, true, "training");
        int code = w.exit().get(120, java.util.concurrent.TimeUnit.SECONDS);
        if (code == 0 && Files.isRegularFile(tmp) && usable(tmp)) {
            ArchiveCheck.record(tmp, archive);
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            keepNewest(archive.getParent(), 8);
            return true;
        }
        Files.deleteIfExists(tmp);
        return false;
    }

    /**
     * Makes the shared, read-only archive for children at install time: run it with the same
     * {@code java} and the same class path as the kernel (the installed jar), and the directory
     * {@code cds} beside that jar: {@code java -cp DIR/jconc-kernel.jar jconc.process.Launcher DIR/cds}.
     * Every user's children then start from it. It matches only that JDK, that jar (its
     * modification time and size) and the same child options (heap, {@code jvmOptions}): make
     * it again whenever any of them changes; a stale one is ignored and each user trains their own.
     * Exits with 1, after saying why, if no archive could be made.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp JCONC_JAR jconc.process.Launcher ARCHIVE_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        Path archive = dir.resolve(archiveName(ChildLimits.current()));
        if (!train(archive)) {
            System.err.println("jconc: the JVM could not make a class-data archive for " + classPath());
            System.exit(1);
        }
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(ArchiveCheck.sumFile(archive), PosixFilePermissions.fromString("rw-r--r--"));
        System.out.println(archive);
        System.exit(0);
    }

    private static Path unusable(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".unusable");
    }

    /** Whether the JVM accepts the archive for this class path (it refuses one made with a directory on it). */
    private static boolean usable(Path candidate) throws IOException, InterruptedException {
        List<String> cmd = baseCommand(ChildLimits.current());
        if (aotCache()) {
            cmd.add("-XX:AOTMode=on");
            cmd.add("-XX:AOTCache=" + candidate);
        } else {
            cmd.add("-Xshare:on");
            cmd.add("-XX:SharedArchiveFile=" + candidate);
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    /**
     * Deletes the archives being made for processes that ended before they were done
     * ({@code child-KEY.jsa.PID.tmp}: a kernel shut down while its training child ran). Each is
     * as large as an archive (15 MB on JDK 25), and nothing else would ever remove it.
     */
    static void removeAbandoned(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                var m = ABANDONED.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // tidying only
        }
    }

    /** Deletes all but the newest {@code n} archives (other JDKs and class paths come and go). */
    private static void keepNewest(Path dir, int n) {
        try (var files = Files.list(dir)) {
            List<Path> archives = new ArrayList<>(files.filter(f -> f.getFileName().toString().matches(ARCHIVE))
                    .toList());
            archives.sort((a, b) -> Long.compare(b.toFile().lastModified(), a.toFile().lastModified()));
            for (Path old : archives.subList(Math.min(n, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
                Files.deleteIfExists(ArchiveCheck.sumFile(old));
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
