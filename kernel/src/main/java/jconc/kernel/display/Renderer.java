package jconc.kernel.display;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jconc.spi.Rich;

/** Turns a value into a MIME bundle: rich content as it asks, everything else as useful text. */
public final class Renderer {
    static final int MAX_CHARS = 20_000;
    static final int MAX_ELEMENTS = 1_000;
    /** Collections inside collections deeper than this print as "...". */
    static final int MAX_DEPTH = 100;

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
        new Walk(out).append(value);
        if (out.length() > MAX_CHARS) {
            int more = out.length() - MAX_CHARS;
            out.setLength(MAX_CHARS);
            out.append("... (").append(more).append(" more characters)");
        }
        return out.toString();
    }

    /**
     * One rendering: the containers on the path from the top value down, so that a container
     * met again inside itself prints as {@code [...]} (as Python prints a list that contains
     * itself) instead of recursing for ever.
     */
    private static final class Walk {
        private final StringBuilder out;
        private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());

        Walk(StringBuilder out) {
            this.out = out;
        }

        void append(Object value) {
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
                nested(value, "{...}", () -> appendArray(value));
            } else if (value instanceof Collection<?> c && isPlainJdk(value)) {
                nested(value, "[...]", () -> appendAll(c));
            } else if (value instanceof Map<?, ?> m && isPlainJdk(value)) {
                nested(value, "{...}", () -> appendMap(m));
            } else {
                out.append(value);
            }
        }

        private void nested(Object container, String again, Runnable body) {
            if (path.contains(container) || path.size() >= MAX_DEPTH) {
                out.append(again);
                return;
            }
            path.add(container);
            try {
                body.run();
            } finally {
                path.remove(container);
            }
        }

        private void appendMap(Map<?, ?> m) {
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
                append(e.getKey());
                out.append('=');
                append(e.getValue());
            }
            out.append('}');
        }

        private void appendArray(Object array) {
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
                append(Array.get(array, i));
            }
            out.append(n == 0 ? "}" : " }");
        }

        private void appendAll(Collection<?> items) {
            out.append('[');
            int i = 0;
            for (Object item : items) {
                if (i > 0) {
                    out.append(", ");
                }
                if (i++ >= MAX_ELEMENTS) {
                    out.append("... (").append(items.size() - MAX_ELEMENTS).append(" more)");
                    break;
                }
                append(item);
            }
            out.append(']');
        }
    }

    private static boolean isPlainJdk(Object value) {
        return value.getClass().getName().startsWith("java.");
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
