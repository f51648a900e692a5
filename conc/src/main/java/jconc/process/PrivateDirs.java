package jconc.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Internal: private (0700) temporary directories named after the process that owns them,
 * {@code jconc-PID.START-KIND-RANDOM} (START: the owner's start time in milliseconds), so that
 * directories left behind by an owner that was killed (kill -9 runs no clean-up) can be told
 * from live ones and removed by the next process that starts: {@link #removeStale()}.
 *
 * <pre>{@code
 * Path dir = PrivateDirs.create("hub");  // /tmp/jconc-4711.1764480000000-hub-123456
 * PrivateDirs.removeStale();             // removes the dirs of owners that have ended
 * }</pre>
 *
 * <p>Public because the kernel makes and removes its private directories with it too (a program's
 * working directory, its own at exit, those of processes that have ended).
 */
public final class PrivateDirs {
    private static final Pattern NAME = Pattern.compile("jconc-(\\d+)\\.(\\d+)-.*");

    private PrivateDirs() {
    }

    /** A new private directory of this process. */
    public static Path create(String kind) throws IOException {
        ProcessHandle me = ProcessHandle.current();
        return Files.createTempDirectory("jconc-" + me.pid() + "." + startMillis(me).orElse(0L) + "-" + kind + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Removes the directories of this naming whose owner has ended (no process with that pid,
     * or one started at another time: the pid was reused). Returns how many were removed.
     */
    public static int removeStale() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, "jconc-*")) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && isOurs(p) && !alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    removed += deleteTree(p) ? 1 : 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a stale directory stays until the next start
        }
        return removed;
    }

    /** Removes this process's own directories (before it halts: a halt runs no shutdown hook). */
    public static void removeOwn() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, "jconc-" + ProcessHandle.current().pid() + ".*")) {
            for (Path p : entries) {
                deleteTree(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the next start removes what is left
        }
    }

    /** Removes a directory and everything in it; true when it is gone. */
    public static boolean deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // removed what could be
        }
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isOurs(Path p) throws IOException {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
    }

    private static boolean alive(long pid, long started) {
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive() || zombie(pid)) {
            return false;
        }
        Optional<Long> start = startMillis(owner.get());
        return started == 0 || start.isEmpty() || Math.abs(start.get() - started) < 2000;
    }

    /**
     * Whether the process has ended but was not reaped yet (Linux: state Z in /proc). A child
     * whose parent was killed is handed to init, and an init that does not reap (a container's)
     * leaves it a zombie for ever; ProcessHandle still calls it alive.
     */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (macOS): ProcessHandle's answer stands
        }
    }

    private static Optional<Long> startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli);
    }
}
