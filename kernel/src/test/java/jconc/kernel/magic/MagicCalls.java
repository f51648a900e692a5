package jconc.kernel.magic;

import jconc.kernel.engine.Cell;
import jconc.kernel.engine.Evaluator;
import jconc.kernel.engine.Magic;
import jconc.kernel.engine.Magics;

/** Calls of the standard magics as the engine makes them. */
final class MagicCalls {
    static final Magics MAGICS = new Magics(StandardMagics.all());

    private MagicCalls() {
    }

    /** {@code %name ARGS} on cell line {@code line}, the last line of its cell. */
    static Magic.Call line(Evaluator engine, Cell cell, String args, int line) {
        return new Magic.Call(engine, MAGICS, cell, args, args, line, true);
    }

    /** {@code %%name ARGS} followed by {@code body}. */
    static Magic.Call cell(Evaluator engine, Cell cell, String args, String body) {
        return new Magic.Call(engine, MAGICS, cell, args, body, 1, true);
    }

    static Magic magic(Magic.Kind kind, String name) {
        return MAGICS.find(kind, name).orElseThrow();
    }
}
