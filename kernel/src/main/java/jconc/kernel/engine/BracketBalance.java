package jconc.kernel.engine;

import jconc.kernel.protocol.Interpreter.IsComplete;

/**
 * is_complete without JShell, for the seconds while it starts: code whose brackets are all
 * closed is complete, otherwise incomplete, indented by the open depth. Strings, characters
 * and comments are skipped. Also measures how deeply code nests, before JShell sees it. Frontends such as jupyter console ask right after start and wait
 * only about a second for the answer.
 */
final class BracketBalance {
    private BracketBalance() {
    }

    static IsComplete isComplete(String code) {
        return scan(code).answer();
    }

    /** How deeply the brackets of {@code code} nest at most (outside strings and comments). */
    static int maxDepth(String code) {
        return scan(code).maxDepth();
    }

    /** Brackets open at the end, the deepest nesting seen, and whether a literal or comment runs off the end. */
    record Scan(int depth, int maxDepth, boolean unterminated) {
        /** is_complete's answer from the brackets alone. */
        IsComplete answer() {
            if (unterminated) {
                return new IsComplete("incomplete", "");
            }
            if (depth < 0) {
                return new IsComplete("invalid", "");
            }
            return depth > 0 ? new IsComplete("incomplete", "    ".repeat(depth)) : new IsComplete("complete", "");
        }
    }

    static Scan scan(String code) {
        int depth = 0;
        int max = 0;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                i = code.indexOf('\n', i);
                if (i < 0) {
                    break;
                }
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                if (end < 0) {
                    return new Scan(depth, max, true);
                }
                i = end + 1;
            } else if (c == '"' || c == '\'') {
                int end = skipLiteral(code, i);
                if (end < 0) {
                    return new Scan(depth, max, true);
                }
                i = end;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
                max = Math.max(max, depth);
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            }
            i++;
        }
        return new Scan(depth, max, false);
    }

    /** The index of the closing quote, or -1 when the literal does not end. */
    private static int skipLiteral(String code, int start) {
        char quote = code.charAt(start);
        if (quote == '"' && code.startsWith("\"\"\"", start)) {
            int end = code.indexOf("\"\"\"", start + 3);
            return end < 0 ? -1 : end + 2;
        }
        for (int i = start + 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }
}
