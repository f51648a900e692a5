package jconc.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jconc.kernel.engine.Cell;
import jconc.kernel.engine.Magic;
import jconc.kernel.engine.RecordingEvaluator;
import jconc.kernel.engine.RecordingOutput;
import jconc.kernel.engine.TestCells;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProgramRunnerTest {
    private final RecordingOutput out = new RecordingOutput();
    private final Cell cell = TestCells.cell(7, out);

    private Outcome main(String args, String body) {
        Outcome outcome = MagicCalls.magic(Magic.Kind.CELL, "main").action().run(MagicCalls.cell(new RecordingEvaluator(), cell, args, body));
        cell.streams().flush();
        return outcome;
    }

    @Test
    @Timeout(120)
    void statementsRunAsAProgramWithTheDefaultImportsAndItsArguments() {
        Outcome outcome = main("a b", "List<String> given = Arrays.asList(args);\nif (!given.equals(List.of(\"a\", \"b\"))) System.exit(2);");
        assertInstanceOf(Ok.class, outcome, () -> outcome + " " + out.messages());
        assertTrue(out.text("stdout").startsWith("[program exited with status 0 after "), out.text("stdout"));
    }

    @Test
    @Timeout(120)
    void aProgramThatExitsWithAStatusIsAnError() {
        Failed f = (Failed) main("", "class Prog { public static void main(String[] args) { System.exit(3); } }");
        assertEquals("ProgramExit: the program exited with status 3", String.join("\n", f.traceback()));
    }

    @Test
    @Timeout(120)
    void aCompileErrorNamesTheCellLine() {
        Failed f = (Failed) main("", "int x = 1;\nint y = ;");
        assertEquals("CompileError", f.ename());
        assertTrue(f.traceback().get(0).startsWith("In[7] line 3, column 9: error: "), f.traceback().toString());
        Failed inClass = (Failed) main("", "class P {\n  public static void main(String[] args) { int y = ; }\n}");
        assertTrue(inClass.traceback().get(0).startsWith("In[7] line 3, column "), inClass.traceback().toString());
    }

    @Test
    @Timeout(120)
    void classesWithoutAMainAreAnError() {
        assertEquals("NoMain", ((Failed) main("", "class A { }\nclass B { static void main() { } }")).ename());
    }
}
