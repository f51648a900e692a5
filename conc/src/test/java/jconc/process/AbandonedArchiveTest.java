package jconc.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive a process was making when it ended (a kernel shut down while its training child
 * ran) is deleted when the next training starts; one that a live process is making, and every
 * finished archive, stay.
 */
class AbandonedArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theArchivesOfEndedProcessesAreDeletedAndTheRestStay() throws Exception {
        long ended = endedPid();
        long alive = ProcessHandle.current().pid();
        Path abandonedAot = touch("child-0123456789abcdef.aot." + ended + ".tmp");
        Path abandonedJsa = touch("child-0123456789abcdef.jsa." + ended + ".tmp");
        Path inProgress = touch("child-0123456789abcdef.aot." + alive + ".tmp");
        Path finished = touch("child-0123456789abcdef.aot");
        Path sum = touch("child-0123456789abcdef.aot.crc32c");
        Path other = touch("notes." + ended + ".tmp");

        Launcher.removeAbandoned(dir);

        assertFalse(Files.exists(abandonedAot));
        assertFalse(Files.exists(abandonedJsa));
        assertTrue(Files.exists(inProgress), "a live process is still making it");
        assertTrue(Files.exists(finished));
        assertTrue(Files.exists(sum));
        assertTrue(Files.exists(other), "not an archive's name");
    }

    @Test
    void aDirectoryThatCannotBeListedIsNotAnError() {
        Launcher.removeAbandoned(dir.resolve("missing"));
    }

    private Path touch(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "x");
    }

    /** The pid of a process that has ended (and was reaped). */
    private static long endedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
