package jconc.kernel.engine;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's System.out, System.err and System.in, as installed. A cell may replace them
 * ({@code System.setOut(null)}, a stream of its own): the change lasts until the cell returns,
 * then the kernel's are put back, so later cells and child processes print to the notebook again.
 */
final class StandardStreams {
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final InputStream in = System.in;

    /** Puts back whatever a cell replaced; returns the names of what was replaced. */
    List<String> restore() {
        List<String> replaced = new ArrayList<>();
        if (System.out != out) {
            System.setOut(out);
            replaced.add("System.out");
        }
        if (System.err != err) {
            System.setErr(err);
            replaced.add("System.err");
        }
        if (System.in != in) {
            System.setIn(in);
            replaced.add("System.in");
        }
        return replaced;
    }
}
