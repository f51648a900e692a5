package jconc.kernel.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel's JVM starts from instead of loading and linking its classes one by one: the
 * kernel runs typical cells once ({@code --train}) on the JVM it will run on, and that JVM writes
 * down what the session used. On Java 25 and newer that is an ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}: classes loaded and linked, and the method profiles the JIT would
 * otherwise gather again); on Java 17 to 24 a class-data archive ({@code -XX:ArchiveClassesAtExit}).
 * Without either the kernel works the same, slower to start.
 */
enum StartupArchive {
    /** Java 25+: the AOT cache (JEP 483, 514, 515). */
    AOT_CACHE("jconc.aot", 25, "-XX:AOTCacheOutput=", "-XX:AOTCache="),
    /** Java 17+: the dynamic class-data archive (JEP 350). */
    CLASS_DATA("jconc.jsa", 17, "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=");

    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final String file;
    private final int sinceJava;
    private final String recordFlag;
    private final String useFlag;

    StartupArchive(String file, int sinceJava, String recordFlag, String useFlag) {
        this.file = file;
        this.sinceJava = sinceJava;
        this.recordFlag = recordFlag;
        this.useFlag = useFlag;
    }

    /** The file's name inside the kernelspec. */
    String file() {
        return file;
    }

    /** The kernel's JVM option that starts it from {@code archive}. */
    String useFlag(Path archive) {
        return useFlag + archive;
    }

    /** The kinds {@code java} can record, best first. */
    static List<StartupArchive> forJava(int major) {
        List<StartupArchive> kinds = new ArrayList<>();
        for (StartupArchive kind : values()) {
            if (major >= kind.sinceJava) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** A recorded archive: its kind and where it is. */
    record Recorded(StartupArchive kind, Path path) {
        String useFlag() {
            return kind.useFlag(path);
        }
    }

    /**
     * Trains the kernel in {@code jar} on {@code java} and records the best archive that JVM can
     * make in {@code directory}; empty when none could be recorded.
     */
    static Optional<Recorded> recordBest(JavaRuntime java, Path jar, Path directory) throws InterruptedException {
        for (StartupArchive kind : forJava(java.major())) {
            Path archive = directory.resolve(kind.file);
            if (kind.record(java, jar, archive)) {
                return Optional.of(new Recorded(kind, archive));
            }
        }
        return Optional.empty();
    }

    /** Trains the kernel in {@code jar}; true when {@code archive} was written. */
    private boolean record(JavaRuntime java, Path jar, Path archive) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.executable().toString()));
        command.addAll(KernelJson.JVM_FLAGS);
        command.addAll(List.of(recordFlag + archive, "-jar", jar.toString(), "--train"));
        try {
            Files.deleteIfExists(archive);
            Commands.Result result = Commands.run(command, Map.of(), LIMIT);
            if (result.succeeded() && Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return true;
            }
        } catch (IOException e) {
            // no archive: the kernel starts without one
        }
        try {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(archive.resolveSibling(archive.getFileName() + ".config"));
        } catch (IOException e) {
            // a partial archive the JVM would refuse anyway
        }
        return false;
    }
}
