package jconc.kernel.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.SourceCodeAnalysis;

/** Where the class of each snippet came from: its cell, its first line, its wrapper. */
final class SnippetOrigins {
    record Origin(int cell, int startLine, String source, SourceCodeAnalysis.SnippetWrapper wrapper) {
        /** The cell line (0-based) of a line of the wrapped source, or -1. */
        int cellLine(int wrappedLine) {
            if (wrapper == null) {
                return -1;
            }
            String wrapped = wrapper.wrapped();
            int pos = 0;
            for (int l = 1; l < wrappedLine && pos >= 0; l++) {
                pos = wrapped.indexOf('\n', pos) + 1;
                if (pos == 0) {
                    return -1;
                }
            }
            while (pos < wrapped.length() && Character.isWhitespace(wrapped.charAt(pos)) && wrapped.charAt(pos) != '\n') {
                pos++;
            }
            int sourcePos = wrapper.wrappedToSourcePosition(pos);
            if (sourcePos < 0 || sourcePos > source.length()) {
                return -1;
            }
            return startLine + SnippetSplitter.countLines(source, 0, sourcePos);
        }
    }

    private final Map<String, Origin> byClass = new ConcurrentHashMap<>();

    private volatile Origin pending;

    void add(String wrapperClass, Origin origin) {
        byClass.put(wrapperClass, origin);
    }

    /** The origin of the snippet about to be evaluated, for classes loaded before eval returns. */
    void expect(Origin origin) {
        pending = origin;
    }

    /** A class was loaded: a new top-level wrapper belongs to the snippet being evaluated. */
    void loaded(String className) {
        Origin p = pending;
        if (p != null && className.indexOf('$', "REPL.$JShell$".length()) < 0) {
            byClass.putIfAbsent(className, p);
        }
    }

    /**
     * The origin of a class named in a stack frame, nested classes included. While the class's
     * snippet is still being evaluated its lines are not known yet: wait a little for them.
     */
    Origin of(String className) {
        int dollar = className.indexOf('$', "REPL.$JShell$".length());
        String outer = dollar < 0 ? className : className.substring(0, dollar);
        Origin o = byClass.get(outer);
        for (int i = 0; i < 30 && o != null && o.wrapper() == null; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            o = byClass.get(outer);
        }
        return o;
    }
}
