package jconc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive children start from (an AOT cache on JDK 25+, a class-data archive before),
 * made as an install makes it, in JVMs of their own whose class path is one jar (the JVM
 * archives no class path with a directory on it, as the tests' own has): it is made once,
 * children start from it, and a damaged or stale one costs a normal start, never an error.
 */
@Timeout(300)
class ChildArchiveTest {
    @TempDir
    static Path dir;
    static Path jar;
    static Path cds;
    static Path archive;

    @BeforeAll
    static void makeTheArchiveAsAnInstallDoes() throws Exception {
        jar = dir.resolve("jconc.jar");
        Path tests = Path.of(ArchiveProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        writeJar(jar, Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                tests, tests.resolve("jconc/process/ArchiveProbe.class"));
        cds = dir.resolve("cds");
        Run made = java(cacheFor(cds), "jconc.process.Launcher", cds.toString());
        assertEquals(0, made.code, made.toString());
        archive = Path.of(made.out.trim());
        assertTrue(Files.isRegularFile(archive), made.toString());
        assertTrue(archive.getFileName().toString().endsWith(Runtime.version().feature() >= 25 ? ".aot" : ".jsa"), archive.toString());
        assertTrue(Files.isRegularFile(ArchiveCheck.sumFile(archive)), "its checksum is kept beside it");
    }

    @Test
    void aChildStartsFromTheArchiveMadeAtInstall() throws Exception {
        Run probe = probe();
        assertTrue(probe.out.contains("archive " + Launcher.startFrom(archive).get(0)), probe.toString());
        assertTrue(probe.out.contains("child ran") && probe.out.contains("exit 0"), probe.toString());
        assertEquals("", probe.err, "nothing on stderr");
        assertTrue(!Files.exists(cacheFor(cds).resolve("jconc/cds")), "no archive of the user's own is made");
    }

    @Test
    void aDamagedArchiveIsNotUsedAndTheChildStartsNormally() throws Exception {
        Path copy = damagedCopy();
        try {
            Run probe = probe(copy.getParent());
            assertTrue(probe.out.contains("archive none"), probe.toString());
            assertTrue(probe.out.contains("child ran") && probe.out.contains("exit 0"), probe.toString());
            assertEquals("", probe.err, "nothing on stderr");
        } finally {
            deleteTree(copy.getParent());
        }
    }

    @Test
    void aStaleArchiveTheJvmRefusesCostsANormalStartWithNoMessage() throws Exception {
        Path stale = dir.resolve("stale");
        Files.createDirectories(stale);
        Path file = stale.resolve(archive.getFileName());
        Files.write(file, "not an archive of this JVM".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        ArchiveCheck.record(file, file);  // intact as a file: only the JVM can tell it does not fit
        Run probe = probe(stale);
        assertTrue(probe.out.contains("archive " + Launcher.startFrom(file).get(0)), probe.toString());
        assertTrue(probe.out.contains("child ran") && probe.out.contains("exit 0"), probe.toString());
        assertEquals("", probe.err, "nothing on stderr");
    }

    /** A copy of the archive, with its checksum, then changed inside (same size, a new time). */
    private static Path damagedCopy() throws IOException {
        Path damaged = dir.resolve("damaged");
        Files.createDirectories(damaged);
        Path copy = damaged.resolve(archive.getFileName());
        Files.copy(archive, copy);
        Files.copy(ArchiveCheck.sumFile(archive), ArchiveCheck.sumFile(copy));
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            f.seek(f.length() / 2);
            f.write(new byte[4096]);
        }
        Files.setLastModifiedTime(copy, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 2000));
        return copy;
    }

    private static Run probe() throws Exception {
        return probe(cds);
    }

    private static Run probe(Path sharedDir) throws Exception {
        Run r = java(cacheFor(sharedDir), "-Djconc.process.sharedArchiveDir=" + sharedDir, ArchiveProbe.class.getName());
        assertEquals(0, r.code, r.toString());
        return r;
    }

    private record Run(int code, String out, String err) {
    }

    /** The user's cache directory of the JVMs that use {@code sharedDir}, apart from the others'. */
    private static Path cacheFor(Path sharedDir) {
        return dir.resolve("cache-" + sharedDir.getFileName());
    }

    private static Run java(Path cache, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Launcher.javaBinary(), "-cp", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        int code = p.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    /** A jar of the helper API's classes, and one test class (its path under the test classes). */
    private static void writeJar(Path target, Path classes, Path testClasses, Path testClass) throws IOException {
        try (OutputStream os = Files.newOutputStream(target); JarOutputStream jos = new JarOutputStream(os)) {
            List<Path> all;
            try (Stream<Path> files = Files.walk(classes)) {
                all = files.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : all) {
                add(jos, classes.relativize(f), f);
            }
            add(jos, testClasses.relativize(testClass), testClass);
        }
    }

    private static void add(JarOutputStream jos, Path name, Path file) throws IOException {
        jos.putNextEntry(new JarEntry(name.toString().replace('\\', '/')));
        jos.write(Files.readAllBytes(file));
        jos.closeEntry();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}
