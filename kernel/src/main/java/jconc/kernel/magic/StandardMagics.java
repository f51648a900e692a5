package jconc.kernel.magic;

import java.util.List;
import jconc.kernel.engine.Magic;
import jconc.kernel.engine.Magic.Kind;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;

/** The magics jconc comes with; a new magic is one more entry here. */
public final class StandardMagics {
    private StandardMagics() {
    }

    public static List<Magic> all() {
        return List.of(
                new Magic("time", Kind.LINE, "CODE", "run CODE once and print the wall time", Timing::time),
                new Magic("timeit", Kind.LINE, "CODE", "run CODE many times and print the time per run", Timing::timeit),
                new Magic("threads", Kind.LINE, "", "the live threads the notebook started: state, locks, deadlocks",
                        ThreadsReport::show),
                new Magic("classpath", Kind.LINE, "PATH", "add jars or directories of classes (without PATH: show the class path)",
                        ClassPath::add),
                new Magic("jars", Kind.LINE, "GLOB", "add the jars GLOB matches", ClassPath::add),
                new Magic("lsmagic", Kind.LINE, "", "this list", StandardMagics::lsmagic),
                new Magic("time", Kind.CELL, "", "run the cell and print its wall time", Timing::time),
                new Magic("timeit", Kind.CELL, "", "time the cell's code, run many times", Timing::timeit),
                new Magic("main", Kind.CELL, "[ARGS]", "run the cell as a standalone program in a fresh JVM (ARGS: its arguments)",
                        ProgramRunner::run));
    }

    private static Outcome lsmagic(Magic.Call call) {
        call.cell().streams().write("stdout", call.magics().listing());
        return new Ok();
    }
}
