package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into magic and code: lines that start with {@code %} are line magics, a first
 * line that starts with {@code %%} makes the whole cell a cell magic, {@code Name?} asks for
 * documentation, and everything else is Java, kept with its cell line numbers.
 */
final class CellParser {
    private CellParser() {
    }

    static ParsedCell parse(String code) {
        String stripped = code.strip();
        if (stripped.matches("[\\w.]+\\??\\?")) {
            return new ParsedCell.Help(stripped.replaceAll("\\?+$", ""));
        }
        String leading = code.stripLeading();
        if (leading.startsWith("%%")) {
            return cellMagic(code, code.length() - leading.length());
        }
        return steps(code);
    }

    private static ParsedCell cellMagic(String code, int lead) {
        int lineBreak = code.indexOf('\n', lead);
        String header = lineBreak < 0 ? code.substring(lead + 2) : code.substring(lead + 2, lineBreak);
        String body = lineBreak < 0 ? "" : code.substring(lineBreak + 1);
        int bodyLine = lineBreak < 0 ? countLines(code) : countLines(code.substring(0, lineBreak + 1));
        return new ParsedCell.CellMagic(word(header), rest(header), body, bodyLine);
    }

    private static ParsedCell steps(String code) {
        String[] lines = code.split("\n", -1);
        List<ParsedCell.Step> steps = new ArrayList<>();
        StringBuilder java = new StringBuilder();
        int javaStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (!line.startsWith("%")) {
                java.append(lines[i]).append('\n');
                continue;
            }
            addJava(steps, java, javaStart, false);
            java.setLength(0);
            javaStart = i + 1;
            String magic = line.substring(1);
            steps.add(new ParsedCell.LineMagic(word(magic), rest(magic), i, onlyBlankAfter(lines, i)));
        }
        addJava(steps, java, javaStart, true);
        return new ParsedCell.Steps(steps);
    }

    private static void addJava(List<ParsedCell.Step> steps, StringBuilder java, int firstLine, boolean showResult) {
        if (!java.toString().isBlank()) {
            steps.add(new ParsedCell.JavaCode(java.toString(), firstLine, showResult));
        }
    }

    private static boolean onlyBlankAfter(String[] lines, int i) {
        for (int k = i + 1; k < lines.length; k++) {
            if (!lines[k].isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The first word: a magic's name. */
    static String word(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    /** What follows the first word: a magic's arguments. */
    static String rest(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? "" : t.substring(sp + 1).strip();
    }

    private static int countLines(String s) {
        return (int) s.chars().filter(c -> c == '\n').count();
    }
}
