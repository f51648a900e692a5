package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an exception the way a learner can read it: the user's frames named by cell and
 * line ({@code at divide(In[3]:2)}), and nothing of JShell's or the kernel's machinery.
 */
final class StackTrimmer {
    private static final String REPL = "REPL.$JShell$";
    private static final int MAX_FRAMES = 30;
    private final SnippetOrigins origins;

    StackTrimmer(SnippetOrigins origins) {
        this.origins = origins;
    }

    /** The lines of the trace: a heading then "    at ..." lines, causes after. */
    List<String> lines(Throwable error) {
        List<String> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String prefix = "";
        for (Throwable t = error; t != null && !seen.containsKey(t); t = t.getCause()) {
            seen.put(t, true);
            out.add(prefix + heading(t));
            out.addAll(frames(t.getStackTrace()));
            prefix = "Caused by: ";
        }
        return out;
    }

    static String heading(Throwable t) {
        String name = simpleName(t.getClass().getName());
        String msg = t.getLocalizedMessage();
        return msg == null ? name : name + ": " + msg;
    }

    /** A class name without JShell's wrapper prefix and without java.lang. */
    static String simpleName(String className) {
        if (className.startsWith(REPL)) {
            int dollar = className.indexOf('$', REPL.length());
            return dollar < 0 ? "" : className.substring(dollar + 1);
        }
        return className.startsWith("java.lang.") && className.indexOf('.', 10) < 0 ? className.substring(10) : className;
    }

    private List<String> frames(StackTraceElement[] stack) {
        int last = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith(REPL)) {
                last = i;
            }
        }
        int end = last >= 0 ? last + 1 : stack.length;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < end && out.size() < MAX_FRAMES; i++) {
            out.add("    at " + frame(stack[i]));
        }
        if (end > MAX_FRAMES) {
            out.add("    ... " + (end - MAX_FRAMES) + " more");
        }
        return out;
    }

    private String frame(StackTraceElement f) {
        String cls = f.getClassName();
        if (!cls.startsWith(REPL)) {
            return f.toString();
        }
        String owner = simpleName(cls);
        String method = switch (f.getMethodName()) {
            case "do_it$" -> "<cell>";
            default -> f.getMethodName().startsWith("lambda$") ? "lambda" : f.getMethodName();
        };
        if (method.equals("<cell>") && owner.isEmpty()) {
            owner = "";
        }
        String name = owner.isEmpty() ? method : owner + "." + method;
        SnippetOrigins.Origin origin = origins.of(cls);
        if (origin == null || f.getLineNumber() < 0) {
            return name + "(cell)";
        }
        int line = origin.cellLine(f.getLineNumber());
        return name + "(In[" + origin.cell() + "]" + (line >= 0 ? ":" + (line + 1) : "") + ")";
    }
}
