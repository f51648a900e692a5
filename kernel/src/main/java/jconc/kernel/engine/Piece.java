package jconc.kernel.engine;

/** One snippet of a cell: its source and the cell line (0-based) it starts on. */
record Piece(String source, int startLine) {
}
