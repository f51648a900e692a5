package jconc.kernel.magic;

import java.util.List;
import java.util.Locale;
import jconc.kernel.engine.Magic;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Outcome;

/** {@code %time} and {@code %timeit}. */
final class Timing {
    private Timing() {
    }

    /** Runs the code once and prints the wall time it took. */
    static Outcome time(Magic.Call call) {
        long start = System.nanoTime();
        Outcome outcome = call.engine().evaluate(call.cell(), call.code(), call.line(), call.showResult());
        long elapsed = System.nanoTime() - start;
        call.cell().streams().write("stdout", "Wall time: " + format(elapsed) + "\n");
        return outcome;
    }

    /** Compiles the code once as a lambda, then times it in the cell's own thread. */
    static Outcome timeit(Magic.Call call) {
        String code = call.code();
        if (code.isBlank()) {
            return new Failed("UsageError", "%timeit needs code", List.of("UsageError: %timeit CODE, or %%timeit with code below"));
        }
        String asStatements = "jconc.kernel.magic.Timeit.run((Runnable) () -> {\n" + code + "\n;});";
        Outcome outcome = call.engine().evaluate(call.cell(), asStatements, call.line() - 1, false);
        if (outcome instanceof Failed f && f.ename().equals("CompileError")) {
            String asExpression = "jconc.kernel.magic.Timeit.run((Runnable) () -> { Object $ = (\n" + code.strip().replaceAll(";$", "") + "\n); });";
            Outcome second = call.engine().evaluate(call.cell(), asExpression, call.line() - 1, false);
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
