package jconc.kernel.magic;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import jconc.kernel.engine.Cell;
import jconc.kernel.engine.JShellInterpreter;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Outcome;

/** {@code %time} and {@code %timeit}. */
final class Timing {
    private Timing() {
    }

    static Outcome time(Cell cell, Supplier<Outcome> body) {
        long start = System.nanoTime();
        Outcome outcome = body.get();
        long elapsed = System.nanoTime() - start;
        cell.streams().write("stdout", "Wall time: " + format(elapsed) + "\n");
        return outcome;
    }

    /** Compiles the code once as a lambda, then times it in the cell's own thread. */
    static Outcome timeit(JShellInterpreter interpreter, Cell cell, String code, int line) {
        if (code.isBlank()) {
            return new Failed("UsageError", "%timeit needs code", List.of("UsageError: %timeit CODE, or %%timeit with code below"));
        }
        String asStatements = "jconc.kernel.magic.Timeit.run((Runnable) () -> {\n" + code + "\n;});";
        Outcome outcome = interpreter.evaluate(cell, asStatements, line - 1, false);
        if (outcome instanceof Failed f && f.ename().equals("CompileError")) {
            String asExpression = "jconc.kernel.magic.Timeit.run((Runnable) () -> { Object $ = (\n" + code.strip().replaceAll(";$", "") + "\n); });";
            Outcome second = interpreter.evaluate(cell, asExpression, line - 1, false);
            return second instanceof Failed ? outcome : second;
        }
        return outcome;
    }

    static String format(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
