package jconc.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Inspection;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;
import org.junit.jupiter.api.Test;

class CellDispatchTest {
    private final List<String> ran = new ArrayList<>();
    private final RecordingEvaluator engine = new RecordingEvaluator(code -> {
        ran.add("java " + code.strip());
        return code.contains("fail") ? Errors.failed("Boom", "failed") : new Ok();
    });
    private final Magics magics = new Magics(List.of(
            new Magic("note", Magic.Kind.LINE, "TEXT", "remember TEXT", call -> {
                ran.add("%note " + call.args() + " at " + call.line() + (call.showResult() ? " shown" : ""));
                return new Ok();
            }),
            new Magic("wrap", Magic.Kind.CELL, "ARGS", "run the body", call -> {
                ran.add("%%wrap " + call.args() + " from " + call.line());
                return call.engine().evaluate(call.cell(), call.code(), call.line(), call.showResult());
            })));
    private final CellDispatch dispatch = new CellDispatch(engine, magics,
            name -> name.equals("Math") ? new Inspection(true, Map.of("text/plain", "class Math")) : Inspection.NOT_FOUND);
    private final Cell cell = TestCells.cell(1, new RecordingOutput());

    @Test
    void javaAndLineMagicsRunInTheirOrder() {
        assertInstanceOf(Ok.class, dispatch.run(cell, "int x = 1;\n%note hi\nx"));
        assertEquals(List.of("java int x = 1;", "%note hi at 1", "java x"), ran);
        assertEquals(List.of(new RecordingEvaluator.Evaluation("int x = 1;\n", 0, false),
                new RecordingEvaluator.Evaluation("x\n", 2, true)), engine.evaluated());
    }

    @Test
    void theFirstFailureEndsTheCell() {
        Outcome outcome = dispatch.run(cell, "fail();\n%note never\nx");
        assertEquals("Boom", ((Failed) outcome).ename());
        assertEquals(List.of("java fail();"), ran);
    }

    @Test
    void aCellMagicGetsTheBodyAndItsFirstLine() {
        dispatch.run(cell, "%%wrap a b\nint y = 2;");
        assertEquals(List.of("%%wrap a b from 1", "java int y = 2;"), ran);
    }

    @Test
    void anUnknownMagicIsAnErrorAndWhatFollowsDoesNotRun() {
        Failed f = (Failed) dispatch.run(cell, "%nope\nx");
        assertEquals("%nope is not a jconc magic", f.evalue());
        assertEquals(List.of(), ran);
        assertEquals("%%nope is not a jconc magic", ((Failed) dispatch.run(cell, "%%nope\nx")).evalue());
    }

    @Test
    void helpPagesTheDocumentationOrSaysThereIsNone() {
        Ok page = (Ok) dispatch.run(cell, "Math?");
        assertEquals(List.of(Map.of("source", "page", "data", Map.of("text/plain", "class Math"), "start", 0)), page.payload());
        assertEquals("no documentation for Nope", ((Failed) dispatch.run(cell, "Nope?")).evalue());
    }
}
