package jconc.kernel.display;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import jconc.spi.Rich;

/** Turns a value into a MIME bundle: rich content as it asks, everything else as useful text. */
public final class Renderer {
    static final int MAX_CHARS = 20_000;
    static final int MAX_ELEMENTS = 1_000;

    private Renderer() {
    }

    public static Map<String, Object> bundle(Object value) {
        if (value instanceof Rich rich) {
            Map<String, Object> data = new LinkedHashMap<>(rich.mimeBundle());
            data.putIfAbsent("text/plain", String.valueOf(rich.plainText()));
            return data;
        }
        return Map.of("text/plain", text(value));
    }

    /** The plain-text form: strings quoted, arrays and collections element by element. */
    public static String text(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, true);
        if (out.length() > MAX_CHARS) {
            int more = out.length() - MAX_CHARS;
            out.setLength(MAX_CHARS);
            out.append("... (").append(more).append(" more characters)");
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, boolean top) { // top: reserved for nested formatting
        if (out.length() > MAX_CHARS) {
            return;
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append(quote(s));
        } else if (value instanceof Character c) {
            out.append('\'').append(c).append('\'');
        } else if (value.getClass().isArray()) {
            appendArray(out, value);
        } else if (value instanceof Collection<?> c && isPlainJdk(value)) {
            appendAll(out, c, "[", "]");
        } else if (value instanceof Map<?, ?> m && isPlainJdk(value)) {
            out.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (i > 0) {
                    out.append(", ");
                }
                if (i++ >= MAX_ELEMENTS) {
                    out.append("... (").append(m.size() - MAX_ELEMENTS).append(" more)");
                    break;
                }
                append(out, e.getKey(), false);
                out.append('=');
                append(out, e.getValue(), false);
            }
            out.append('}');
        } else {
            out.append(value);
        }
    }

    private static boolean isPlainJdk(Object value) {
        return value.getClass().getName().startsWith("java.");
    }

    private static void appendArray(StringBuilder out, Object array) {
        int n = Array.getLength(array);
        out.append(array.getClass().getComponentType().getSimpleName()).append('[').append(n).append(n == 0 ? "] {" : "] { ");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (i >= MAX_ELEMENTS) {
                out.append("... (").append(n - MAX_ELEMENTS).append(" more)");
                break;
            }
            append(out, Array.get(array, i), false);
        }
        out.append(n == 0 ? "}" : " }");
    }

    private static void appendAll(StringBuilder out, Collection<?> items, String open, String close) {
        out.append(open);
        int i = 0;
        for (Object item : items) {
            if (i > 0) {
                out.append(", ");
            }
            if (i++ >= MAX_ELEMENTS) {
                out.append("... (").append(items.size() - MAX_ELEMENTS).append(" more)");
                break;
            }
            append(out, item, false);
        }
        out.append(close);
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
