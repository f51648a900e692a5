package jconc.kernel.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records a class-data archive: the kernel runs typical cells once ({@code --train}) on the JVM
 * it will run on, which writes the classes it loaded at exit ({@code -XX:ArchiveClassesAtExit}).
 * Every later kernel maps them instead of loading them, and starts faster. Without an archive
 * the kernel works the same, a little slower to start.
 */
final class ClassDataArchive {
    static final String FILE = "jconc.jsa";
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private ClassDataArchive() {
    }

    /** Trains the kernel in {@code jar}; true when {@code archive} was written. */
    static boolean record(JavaRuntime java, Path jar, Path archive) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.executable().toString()));
        command.addAll(KernelJson.JVM_FLAGS);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(), "--train"));
        try {
            Files.deleteIfExists(archive);
            Commands.Result result = Commands.run(command, Map.of(), LIMIT);
            if (result.succeeded() && Files.size(archive) > 0) {
                return true;
            }
        } catch (IOException e) {
            // no archive: the kernel starts without one
        }
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            // a partial archive the JVM would refuse anyway (-Xshare:auto)
        }
        return false;
    }
}
