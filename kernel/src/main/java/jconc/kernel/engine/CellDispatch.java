package jconc.kernel.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Inspection;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;

/**
 * Runs a cell as {@link CellParser} splits it: Java through the {@link Evaluator}, magics from
 * the registry, {@code Name?} through the documentation lookup.
 */
final class CellDispatch {
    private final Evaluator engine;
    private final Magics magics;
    private final Function<String, Inspection> documentation;

    CellDispatch(Evaluator engine, Magics magics, Function<String, Inspection> documentation) {
        this.engine = engine;
        this.magics = magics;
        this.documentation = documentation;
    }

    Outcome run(Cell cell, String code) {
        ParsedCell parsed = CellParser.parse(code);
        if (parsed instanceof ParsedCell.Help help) {
            return help(help.name());
        }
        if (parsed instanceof ParsedCell.CellMagic m) {
            return magic(Magic.Kind.CELL, m.name(), cell, m.args(), m.body(), m.bodyLine(), true);
        }
        for (ParsedCell.Step step : ((ParsedCell.Steps) parsed).steps()) {
            Outcome outcome = step instanceof ParsedCell.JavaCode java
                    ? engine.evaluate(cell, java.code(), java.firstLine(), java.showResult())
                    : lineMagic(cell, (ParsedCell.LineMagic) step);
            if (outcome instanceof Failed) {
                return outcome;
            }
        }
        return new Ok();
    }

    private Outcome lineMagic(Cell cell, ParsedCell.LineMagic m) {
        return magic(Magic.Kind.LINE, m.name(), cell, m.args(), m.args(), m.line(), m.showResult());
    }

    private Outcome magic(Magic.Kind kind, String name, Cell cell, String args, String code, int line, boolean showResult) {
        return magics.find(kind, name)
                .map(magic -> magic.action().run(new Magic.Call(engine, magics, cell, args, code, line, showResult)))
                .orElseGet(() -> magics.unknown(kind, name));
    }

    /** {@code name?}: the documentation of a class, method or variable, in the frontend's pager. */
    private Outcome help(String name) {
        Inspection found = documentation.apply(name);
        if (!found.found()) {
            return Errors.failed("NotFound", "no documentation for " + name);
        }
        return new Ok(List.of(Map.of("source", "page", "data", found.data(), "start", 0)));
    }
}
