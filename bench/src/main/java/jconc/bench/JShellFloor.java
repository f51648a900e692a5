package jconc.bench;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * What evaluating {@code 1+1} costs JShell itself, with no kernel around it: a local execution
 * engine in this JVM, the same trivial cells as the kernel bench. The kernel's cell round trip
 * minus this is what the kernel adds. Prints one JSON object.
 */
public final class JShellFloor {
    private JShellFloor() {
    }

    public static void main(String[] args) {
        int cells = List.of(args).contains("--quick") ? 50 : 200;
        Measure m = new Measure(0, 1);
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            eval(shell, "String greeting = \"hi\";");
            m.median("jshell_first_eval_ms", () -> timeEval(shell));
            m.median("jshell_eval_p50_ms", () -> {
                double[] ms = new double[cells];
                for (int i = 0; i < cells; i++) {
                    ms[i] = timeEval(shell);
                }
                return Measure.median(ms);
            });
        }
        m.note("runtime", "Java " + Runtime.version());
        System.out.println(m.toJson());
    }

    private static double timeEval(JShell shell) {
        long t0 = System.nanoTime();
        String value = eval(shell, "1+1");
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!"2".equals(value)) {
            throw new IllegalStateException("1+1 gave " + value);
        }
        return ms;
    }

    private static String eval(JShell shell, String code) {
        List<SnippetEvent> events = shell.eval(code);
        SnippetEvent last = events.get(events.size() - 1);
        if (last.exception() != null) {
            throw new IllegalStateException(last.exception());
        }
        return last.value();
    }
}
