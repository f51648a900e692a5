package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.List;

/** Compile errors shown with the cell line, the source line and a caret under the column. */
final class Diagnostics {
    private Diagnostics() {
    }

    static List<String> render(int cellNumber, Piece piece, int start, int position, String message) {
        String src = piece.source();
        int pos = position >= 0 ? position : Math.max(0, start);
        pos = Math.min(pos, src.length());
        int lineStart = src.lastIndexOf('\n', pos - 1) + 1;
        int lineEnd = src.indexOf('\n', pos);
        if (lineEnd < 0) {
            lineEnd = src.length();
        }
        int line = piece.startLine() + SnippetSplitter.countLines(src, 0, lineStart) + 1;
        int column = pos - lineStart + 1;
        List<String> out = new ArrayList<>();
        List<String> msg = message.lines().toList();
        out.add("In[" + cellNumber + "] line " + line + ", column " + column + ": error: " + (msg.isEmpty() ? "" : msg.get(0)));
        String text = src.substring(lineStart, lineEnd);
        out.add("    " + text);
        out.add("    " + " ".repeat(Math.max(0, column - 1)).replace(' ', ' ') + "^");
        for (int i = 1; i < msg.size(); i++) {
            if (msg.get(i).strip().matches("location: class\\s*")) {
                continue; // JShell's wrapper class: no name a reader knows
            }
            out.add("  " + msg.get(i));
        }
        return out;
    }
}
