package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/** Splits cell code into the snippets JShell evaluates one at a time. */
final class SnippetSplitter {
    private SnippetSplitter() {
    }

    /** The snippets of {@code code}, which starts at cell line {@code firstLine}. */
    static List<Piece> split(SourceCodeAnalysis analysis, String code, int firstLine) {
        List<Piece> pieces = new ArrayList<>();
        String remaining = code;
        int line = firstLine;
        while (!remaining.isBlank()) {
            int lead = leadingBlank(remaining);
            line += countLines(remaining, 0, lead);
            remaining = remaining.substring(lead);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete() || info.source() == null) {
                pieces.add(new Piece(remaining, line));
                break;
            }
            int used = remaining.length() - info.remaining().length();
            pieces.add(new Piece(info.source(), line));
            line += countLines(remaining, 0, used);
            remaining = info.remaining();
        }
        return pieces;
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static int countLines(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
