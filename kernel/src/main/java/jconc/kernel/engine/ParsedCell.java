package jconc.kernel.engine;

import java.util.List;

/** A cell split into what runs it: {@link CellParser} makes one, {@link CellDispatch} runs it. */
sealed interface ParsedCell {

    /** {@code Name?} or {@code Name??}: the documentation of {@code name}, in the pager. */
    record Help(String name) implements ParsedCell {
    }

    /** {@code %%name ARGS} on the first line: the rest of the cell, from {@code bodyLine}, is its body. */
    record CellMagic(String name, String args, String body, int bodyLine) implements ParsedCell {
    }

    /** Java and line magics, run in order; the first that fails ends the cell. */
    record Steps(List<Step> steps) implements ParsedCell {
    }

    /** One step of {@link Steps}. */
    sealed interface Step {
    }

    /**
     * Java code between magic lines, starting at cell line {@code firstLine}; with
     * {@code showResult} (only the cell's last code) a final expression's value is the result.
     */
    record JavaCode(String code, int firstLine, boolean showResult) implements Step {
    }

    /**
     * {@code %name ARGS} on cell line {@code line}; {@code showResult} when nothing but blank
     * lines follows it (so {@code %time x + 1} at the end of a cell shows its value).
     */
    record LineMagic(String name, String args, int line, boolean showResult) implements Step {
    }
}
