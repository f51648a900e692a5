package jconc.kernel.protocol;

/**
 * How much stream text one cell may still send, in UTF-8 bytes. Thread-safe: the cell's
 * threads, its children's pumps and its program's pumps all draw on it.
 */
final class OutputBudget {
    /** What may be sent of one piece of text, and whether this piece used up the budget. */
    record Grant(String text, boolean exhaustedNow) {
    }

    private static final Grant NOTHING = new Grant("", false);

    private long left;
    private boolean exhausted;

    OutputBudget(long bytes) {
        this.left = bytes;
    }

    synchronized Grant take(String text) {
        if (exhausted) {
            return NOTHING;
        }
        long size = utf8Length(text);
        if (size <= left) {
            left -= size;
            return new Grant(text, false);
        }
        String head = prefixOfAtMost(text, left);
        left = 0;
        exhausted = true;
        return new Grant(head, true);
    }

    /** The longest prefix of {@code text} (cut at a line end when there is one) within {@code bytes}. */
    private static String prefixOfAtMost(String text, long bytes) {
        int end = 0;
        long used = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + n > bytes) {
                break;
            }
            used += n;
            end += Character.charCount(cp);
        }
        int line = text.lastIndexOf('\n', end - 1);
        return text.substring(0, line >= 0 ? line + 1 : end);
    }

    static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

}
