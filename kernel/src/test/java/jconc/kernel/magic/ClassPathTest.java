package jconc.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jconc.kernel.engine.Cell;
import jconc.kernel.engine.Magic;
import jconc.kernel.engine.RecordingEvaluator;
import jconc.kernel.engine.RecordingOutput;
import jconc.kernel.engine.TestCells;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathTest {
    private final RecordingOutput out = new RecordingOutput();
    private final Cell cell = TestCells.cell(1, out);
    private final RecordingEvaluator engine = new RecordingEvaluator();

    private Outcome run(String name, String args) {
        Outcome outcome = MagicCalls.magic(Magic.Kind.LINE, name).action().run(MagicCalls.line(engine, cell, args, 0));
        cell.streams().flush();
        return outcome;
    }

    @Test
    void jarsAddsEveryJarTheGlobMatches(@TempDir Path dir) throws IOException {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        assertInstanceOf(Ok.class, run("jars", dir + "/*.jar"));
        assertEquals(List.of("kernel.jar", a.toAbsolutePath().toString(), b.toAbsolutePath().toString()), engine.classPath());
        assertEquals("Added to the class path: " + a + ", " + b + "\n", out.text("stdout"));
    }

    @Test
    void classpathAddsSeveralPathsAndDirectories(@TempDir Path dir) throws IOException {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Path jar = Files.createFile(dir.resolve("lib.jar"));
        assertInstanceOf(Ok.class, run("classpath", classes + "  " + jar));
        assertEquals(List.of("kernel.jar", classes.toAbsolutePath().toString(), jar.toAbsolutePath().toString()), engine.classPath());
    }

    @Test
    void aPathThatMatchesNothingIsAnErrorAndAddsNothing(@TempDir Path dir) {
        Failed f = (Failed) run("classpath", dir.resolve("missing.jar").toString());
        assertEquals("FileNotFound", f.ename());
        assertEquals(List.of("FileNotFound: nothing matches " + dir.resolve("missing.jar")), f.traceback());
        assertEquals(List.of("kernel.jar"), engine.classPath());
    }

    @Test
    void classpathWithoutArgumentsShowsTheClassPath() {
        assertInstanceOf(Ok.class, run("classpath", ""));
        assertEquals("kernel.jar\n", out.text("stdout"));
    }
}
