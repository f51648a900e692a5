package jconc.kernel.engine;

import jconc.kernel.protocol.CellOutput;

/** Cells for tests: outside any session, their output goes where the test says. */
public final class TestCells {
    private TestCells() {
    }

    public static Cell cell(int number, CellOutput output) {
        return new Cell(number, output, null);
    }
}
