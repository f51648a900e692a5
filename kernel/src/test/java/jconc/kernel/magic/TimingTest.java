package jconc.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jconc.kernel.engine.Cell;
import jconc.kernel.engine.Errors;
import jconc.kernel.engine.Magic;
import jconc.kernel.engine.RecordingEvaluator;
import jconc.kernel.engine.RecordingEvaluator.Evaluation;
import jconc.kernel.engine.RecordingOutput;
import jconc.kernel.engine.TestCells;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;
import org.junit.jupiter.api.Test;

class TimingTest {
    private final RecordingOutput out = new RecordingOutput();
    private final Cell cell = TestCells.cell(3, out);

    private static Outcome run(Magic.Kind kind, String name, Magic.Call call) {
        return MagicCalls.magic(kind, name).action().run(call);
    }

    @Test
    void timeEvaluatesTheCodeOnceThenPrintsTheWallTime() {
        RecordingEvaluator engine = new RecordingEvaluator();
        run(Magic.Kind.LINE, "time", MagicCalls.line(engine, cell, "Thread.sleep(5)", 4));
        cell.streams().flush();
        assertEquals(List.of(new Evaluation("Thread.sleep(5)", 4, true)), engine.evaluated());
        assertTrue(out.text("stdout").matches("Wall time: [0-9.]+ (ns|µs|ms|s)\n"), out.text("stdout"));
    }

    @Test
    void timeReturnsTheErrorOfItsCode() {
        Failed error = Errors.failed("Boom", "no");
        RecordingEvaluator engine = new RecordingEvaluator(code -> error);
        assertSame(error, run(Magic.Kind.CELL, "time", MagicCalls.cell(engine, cell, "", "boom();")));
    }

    @Test
    void timeitCompilesTheCodeAsALambdaStartingOnTheMagicsLine() {
        RecordingEvaluator engine = new RecordingEvaluator();
        run(Magic.Kind.LINE, "timeit", MagicCalls.line(engine, cell, "x++;", 2));
        assertEquals(List.of(new Evaluation("jconc.kernel.magic.Timeit.run((Runnable) () -> {\nx++;\n;});", 1, false)),
                engine.evaluated());
    }

    @Test
    void timeitOfAnExpressionThatIsNoStatementTriesItAsAnExpression() {
        RecordingEvaluator engine = new RecordingEvaluator(
                code -> code.contains("Object $") ? new Ok() : Errors.failed("CompileError", "not a statement"));
        Outcome outcome = run(Magic.Kind.CELL, "timeit", MagicCalls.cell(engine, cell, "", "Math.sqrt(2.0);"));
        assertTrue(outcome instanceof Ok);
        assertEquals("jconc.kernel.magic.Timeit.run((Runnable) () -> { Object $ = (\nMath.sqrt(2.0)\n); });",
                engine.evaluated().get(1).code());
    }

    @Test
    void timeitShowsTheFirstCompileErrorWhenBothFormsFail() {
        RecordingEvaluator engine = new RecordingEvaluator(code -> Errors.failed("CompileError", code.contains("Object $") ? "second" : "first"));
        Failed f = (Failed) run(Magic.Kind.LINE, "timeit", MagicCalls.line(engine, cell, "int = ;", 0));
        assertEquals("first", f.evalue());
    }

    @Test
    void timeitWithoutCodeSaysHowToUseIt() {
        RecordingEvaluator engine = new RecordingEvaluator();
        Failed f = (Failed) run(Magic.Kind.LINE, "timeit", MagicCalls.line(engine, cell, "", 0));
        assertEquals("UsageError", f.ename());
        assertEquals(List.of(), engine.evaluated());
    }
}
