package jconc.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * What evaluating {@code 1+1} costs JShell itself, with no kernel around it: a local execution
 * engine in this JVM, the same trivial cells as the kernel bench. The kernel's cell round trip
 * minus this is what the kernel adds. The kernel bench runs it on the kernel's JVM with the
 * kernel's flags. Prints one JSON object; with {@code --serve}, evaluates one cell for every
 * line on stdin instead (see {@link #serve}).
 *
 * <p>With {@code --kernel-session} the JShell is set up as the kernel sets up its own: the class
 * path of this JVM added to it, the kernel's default imports (read from the kernel's jar, which
 * must be on the class path) and {@code -proc:none}. Every snippet JShell compiles carries those
 * imports, so this floor shows what the kernel's session costs javac, apart from the kernel.
 */
public final class JShellFloor {
    private static final String KERNEL_IMPORTS = "jconc.kernel.engine.DefaultImports";

    private JShellFloor() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        List<String> options = List.of(args);
        int cells = options.contains("--quick") ? 50 : 200;
        boolean kernelSession = options.contains("--kernel-session");
        String prefix = kernelSession ? "jshell_session_" : "jshell_";
        Measure m = new Measure(0, 1);
        try (JShell shell = kernelSession ? kernelSession() : JShell.builder().executionEngine("local").build()) {
            eval(shell, "String greeting = \"hi\";");
            if (options.contains("--serve")) {
                serve(shell);
                return;
            }
            m.median(prefix + "first_eval_ms", () -> timeEval(shell));
            double[] ms = new double[cells];
            for (int i = 0; i < cells; i++) {
                ms[i] = timeEval(shell);
            }
            m.median(prefix + "eval_p50_ms", () -> percentile(ms, 50));
            m.median(prefix + "eval_p95_ms", () -> percentile(ms, 95));
        }
        m.note("runtime", "Java " + Runtime.version());
        System.out.println(m.toJson());
    }

    /**
     * Evaluates {@code 1+1} once for every line read from stdin and answers each with the
     * milliseconds it took, until stdin ends: the kernel bench interleaves these evaluations
     * with the kernel's cells, so a busy neighbour slows both alike. Answers "ready" first.
     */
    private static void serve(JShell shell) throws IOException {
        timeEval(shell);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        while (in.readLine() != null) {
            System.out.println(String.format(Locale.ROOT, "%.4f", timeEval(shell)));
            System.out.flush();
        }
    }

    /** A JShell set up like the kernel's: class path, default imports, no annotation processing. */
    private static JShell kernelSession() throws ReflectiveOperationException {
        JShell shell = JShell.builder().executionEngine("local").compilerOptions("-proc:none").build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
        @SuppressWarnings("unchecked")
        List<String> imports = (List<String>) Class.forName(KERNEL_IMPORTS).getField("SESSION").get(null);
        for (String i : imports) {
            eval(shell, "import " + i + ";");
        }
        return shell;
    }

    /** The value below which {@code p} percent of {@code values} lie, interpolated as the kernel bench does. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double k = (sorted.length - 1) * p / 100;
        int lo = (int) k;
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (k - lo);
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
        if (last.status() == jdk.jshell.Snippet.Status.REJECTED) {
            throw new IllegalStateException("JShell rejected " + code);
        }
        return last.value();
    }
}
