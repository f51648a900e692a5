package jconc.kernel.engine;

import java.util.List;
import jconc.kernel.protocol.Interpreter.Outcome;

/** What the engine offers the magics: Java evaluated in a cell, and the session's class path. */
public interface Evaluator {
    /**
     * Evaluates plain Java (no magics) in {@code cell}, snippet by snippet; {@code firstLine} is
     * the cell line (0-based) the code starts on, for error positions; with {@code showResult},
     * the value of a last expression becomes the cell's result.
     */
    Outcome evaluate(Cell cell, String code, int firstLine, boolean showResult);

    /** Adds a jar or class directory to the session (compiler and class loader). */
    void addToClassPath(String path);

    /** The session's class path: the kernel's own, then what cells added. */
    List<String> classPath();
}
