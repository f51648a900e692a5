package jconc.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jconc.kernel.engine.Cell;
import jconc.kernel.engine.JShellInterpreter;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Inspection;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;

/**
 * Lines that start with {@code %} (line magics) and cells that start with {@code %%} (cell
 * magics). Everything else is Java, evaluated in order between the magic lines; the value of
 * the cell's last expression is its result.
 */
public final class Magics {
    public static final List<String> LINE_MAGICS = List.of("time", "timeit", "threads", "lsmagic", "classpath", "jars");
    public static final List<String> CELL_MAGICS = List.of("time", "timeit", "main");

    private final JShellInterpreter interpreter;

    public Magics(JShellInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    public Outcome run(Cell cell, String code) {
        if (code.strip().matches("[\\w.]+\\??\\?")) {
            return help(code.strip().replaceAll("\\?+$", ""));
        }
        String stripped = code.stripLeading();
        if (stripped.startsWith("%%")) {
            int lead = code.length() - stripped.length();
            int lineBreak = code.indexOf('\n', lead);
            String header = lineBreak < 0 ? code.substring(lead + 2) : code.substring(lead + 2, lineBreak);
            String body = lineBreak < 0 ? "" : code.substring(lineBreak + 1);
            int bodyLine = countLines(code.substring(0, lineBreak < 0 ? code.length() : lineBreak + 1));
            return cellMagic(cell, word(header), rest(header), body, bodyLine);
        }
        String[] lines = code.split("\n", -1);
        StringBuilder java = new StringBuilder();
        int javaStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (!line.startsWith("%")) {
                java.append(lines[i]).append('\n');
                continue;
            }
            Outcome before = evaluate(cell, java.toString(), javaStart, false);
            if (before instanceof Failed) {
                return before;
            }
            java.setLength(0);
            javaStart = i + 1;
            Outcome magic = lineMagic(cell, word(line.substring(1)), rest(line.substring(1)), i, i == lines.length - 1 || isBlankAfter(lines, i));
            if (magic instanceof Failed) {
                return magic;
            }
        }
        return evaluate(cell, java.toString(), javaStart, true);
    }

    private static boolean isBlankAfter(String[] lines, int i) {
        for (int k = i + 1; k < lines.length; k++) {
            if (!lines[k].isBlank()) {
                return false;
            }
        }
        return true;
    }

    private Outcome evaluate(Cell cell, String java, int firstLine, boolean showResult) {
        if (java.isBlank()) {
            return new Ok();
        }
        return interpreter.evaluate(cell, java, firstLine, showResult);
    }

    private Outcome lineMagic(Cell cell, String name, String args, int line, boolean last) {
        return switch (name) {
            case "time" -> Timing.time(cell, () -> interpreter.evaluate(cell, args, line, last));
            case "timeit" -> Timing.timeit(interpreter, cell, args, line);
            case "threads" -> ThreadsReport.show(cell);
            case "lsmagic" -> lsmagic(cell);
            case "classpath", "jars" -> ClassPath.add(interpreter, cell, args);
            default -> unknown(name, "%");
        };
    }

    private Outcome cellMagic(Cell cell, String name, String args, String body, int bodyLine) {
        return switch (name) {
            case "time" -> Timing.time(cell, () -> interpreter.evaluate(cell, body, bodyLine, true));
            case "timeit" -> Timing.timeit(interpreter, cell, body, bodyLine);
            case "main" -> ProgramRunner.run(cell, body, bodyLine, args);
            default -> unknown(name, "%%");
        };
    }

    /** {@code name?}: the documentation of a class, method or variable, in the frontend's pager. */
    private Outcome help(String name) {
        Inspection found = interpreter.inspect(name, name.length(), 0);
        if (!found.found()) {
            return new Failed("NotFound", "no documentation for " + name, List.of("NotFound: no documentation for " + name));
        }
        return new Ok(List.of(Map.of("source", "page", "data", found.data(), "start", 0)));
    }

    private static Outcome unknown(String name, String prefix) {
        String known = "line magics: %" + String.join(", %", LINE_MAGICS)
                + "; cell magics: %%" + String.join(", %%", CELL_MAGICS);
        return new Failed("UnknownMagic", prefix + name + " is not a jconc magic",
                List.of("UnknownMagic: " + prefix + name + " is not a jconc magic. Known " + known + "."));
    }

    private static Outcome lsmagic(Cell cell) {
        List<String> text = new ArrayList<>();
        text.add("Line magics (a line of their own, anywhere in a cell):");
        text.add("  %time CODE         run CODE once and print the wall time");
        text.add("  %timeit CODE       run CODE many times and print the time per run");
        text.add("  %threads           the live threads the notebook started: state, locks, deadlocks");
        text.add("  %classpath PATH    add a jar or a directory of classes (also: %jars GLOB)");
        text.add("  %lsmagic           this list");
        text.add("Cell magics (on the first line of a cell):");
        text.add("  %%time             run the cell and print its wall time");
        text.add("  %%timeit           time the cell's code, run many times");
        text.add("  %%main             run the cell as a standalone program in a fresh JVM");
        System.out.println(String.join("\n", text));
        return new Ok();
    }

    static String word(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    static String rest(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? "" : t.substring(sp + 1).strip();
    }

    static int countLines(String s) {
        return (int) s.chars().filter(c -> c == '\n').count();
    }
}
