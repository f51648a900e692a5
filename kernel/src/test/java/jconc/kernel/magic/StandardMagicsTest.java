package jconc.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jconc.kernel.engine.Cell;
import jconc.kernel.engine.Magic;
import jconc.kernel.engine.Magics;
import jconc.kernel.engine.RecordingEvaluator;
import jconc.kernel.engine.RecordingOutput;
import jconc.kernel.engine.TestCells;
import jconc.kernel.protocol.Interpreter.Ok;
import org.junit.jupiter.api.Test;

class StandardMagicsTest {
    @Test
    void lsmagicListsEveryRegisteredMagicInTheCell() {
        RecordingOutput out = new RecordingOutput();
        Cell cell = TestCells.cell(1, out);
        Magic lsmagic = MagicCalls.magic(Magic.Kind.LINE, "lsmagic");
        assertInstanceOf(Ok.class, lsmagic.action().run(MagicCalls.line(new RecordingEvaluator(), cell, "", 0)));
        cell.streams().flush();
        String listed = out.text("stdout");
        for (Magic m : MagicCalls.MAGICS.all()) {
            assertTrue(listed.contains(Magics.synopsis(m)) && listed.contains(m.help()), m.written() + " missing from\n" + listed);
        }
    }

    @Test
    void everyMagicSaysWhatItDoes() {
        for (Magic m : StandardMagics.all()) {
            assertFalse(m.help().isBlank() || m.help().contains("\n"), m.written());
        }
    }

    @Test
    void theReadmeTableNamesExactlyTheRegisteredMagics() throws IOException {
        Set<String> registered = new TreeSet<>();
        StandardMagics.all().forEach(m -> registered.add(Magics.synopsis(m)));
        assertEquals(registered, new TreeSet<>(readmeMagics()),
                "the README's magics table (first column) must show each magic as %lsmagic does");
    }

    /** The code spans of the first column of the table under "## Magics". */
    private static List<String> readmeMagics() throws IOException {
        Path readme = Path.of(System.getProperty("user.dir")).resolve("../README.md").normalize();
        String text = Files.readString(readme);
        int section = text.indexOf("\n## Magics\n");
        assertTrue(section >= 0, "README has a ## Magics section");
        List<String> found = new ArrayList<>();
        Pattern span = Pattern.compile("`([^`]+)`");
        for (String line : text.substring(section + 1).split("\n")) {
            if (line.startsWith("## ") && !found.isEmpty()) {
                break;
            }
            if (line.startsWith("| `")) {
                Matcher m = span.matcher(line.split("\\|")[1]);
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
