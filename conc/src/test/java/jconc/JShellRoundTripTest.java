package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jconc.process.Launcher;
import jconc.spi.DynamicClasses;
import jconc.spi.Host;
import jconc.spi.Hosts;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Code defined in JShell snippets (as in notebook cells) runs in child processes: the snippet
 * classes' bytes are recorded the way the kernel records them and shipped to the child.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JShellRoundTripTest {

    /** Records the bytes JShell loads, as the kernel's execution engine does. */
    static final class RecordingControl extends DirectExecutionControl {
        static final Map<String, byte[]> BYTES = new ConcurrentHashMap<>();
        static volatile ClassLoader loader;

        @Override
        public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
            for (ClassBytecodes c : cbcs) {
                BYTES.put(c.name(), c.bytecodes());
            }
            super.load(cbcs);
            try {
                loader = findClass(cbcs[0].name()).getClassLoader();
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
            super.redefine(cbcs);
        }
    }

    static JShell shell;
    static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

    @BeforeAll
    static void startJShell() {
        shell = JShell.builder()
                .out(new PrintStream(OUT, true))
                .err(new PrintStream(OUT, true))
                .executionEngine(new ExecutionControlProvider() {
                    @Override
                    public String name() {
                        return "recording";
                    }

                    @Override
                    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                        return new RecordingControl();
                    }
                }, Map.of())
                .build();
        for (String entry : Launcher.classPath().split(File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
        Hosts.install(new Host() {
            @Override
            public DynamicClasses dynamicClasses() {
                return new DynamicClasses() {
                    @Override
                    public Map<String, byte[]> classBytes() {
                        return Map.copyOf(RecordingControl.BYTES);
                    }

                    @Override
                    public ClassLoader classLoader() {
                        ClassLoader l = RecordingControl.loader;
                        return l != null ? l : JShellRoundTripTest.class.getClassLoader();
                    }
                };
            }
        });
        eval("import jconc.*;");
        eval("import java.util.concurrent.TimeUnit;");
    }

    @AfterAll
    static void stopJShell() {
        Hosts.install(Host.PLAIN);
        shell.close();
    }

    static String eval(String code) {
        String value = null;
        for (SnippetEvent e : shell.eval(code)) {
            if (e.exception() != null) {
                fail(code + " threw " + e.exception() + "\n" + OUT);
            }
            if (e.status() == Snippet.Status.REJECTED) {
                List<Diag> diags = shell.diagnostics(e.snippet()).toList();
                fail(code + " was rejected: " + diags.stream().map(d -> d.getMessage(null)).toList());
            }
            if (e.value() != null) {
                value = e.value();
            }
        }
        return value;
    }

    @Test
    void aLambdaFromASnippetRunsInAChildWithArgumentsAndSendsARecordBack() {
        eval("record Point(int x, int y) implements java.io.Serializable {}");
        eval("Point flip(Point p) { return new Point(p.y(), p.x()); }");
        eval("var q = new ProcessQueue<Point>();");
        eval("var p = new ChildProcess((ProcessQueue<Point> qq, Point pt) -> qq.put(flip(pt)), q, new Point(1, 2)).start();");

        assertEquals("true", eval("p.join(60, TimeUnit.SECONDS)"));
        assertEquals("\"Point[x=2, y=1]\"", eval("q.get(30, TimeUnit.SECONDS).toString()"));
        assertEquals("0", eval("p.exitCode()"));
        assertEquals("false", eval("p.pid() == Processes.pid()"));
    }

    @Test
    void aPoolRunsSnippetFunctionsAndMethodReferences() {
        eval("record Pair(String name, int n) implements java.io.Serializable {}");
        eval("Pair twice(Pair p) { return new Pair(p.name() + p.name(), p.n() * 2); }");
        eval("var pool = new Pool(2);");

        assertEquals("\"Pair[name=abab, n=42]\"", eval("pool.apply(x -> twice(x), new Pair(\"ab\", 21)).toString()"));
        assertEquals("[1, 2]", eval("pool.map(String::length, java.util.List.of(\"a\", \"bb\"))"));
        assertEquals("\"[Pair[name=xx, n=2], Pair[name=yy, n=4]]\"",
                eval("pool.map(x -> twice(x), java.util.List.of(new Pair(\"x\", 1), new Pair(\"y\", 2))).toString()"));
        eval("pool.terminate();");
    }

    @Test
    void topLevelVariablesStartFreshUnlessCopied() {
        eval("int base = 41;");
        eval("var fresh = new ProcessQueue<Integer>();");
        eval("new ChildProcess(qq -> qq.put(base + 1), fresh).start().join();");
        eval("var copied = new ProcessQueue<Integer>();");
        eval("new ChildProcess(qq -> qq.put(base + 1), copied).copyTopLevelVariables(true).start().join();");

        assertEquals("1", eval("fresh.get(30, TimeUnit.SECONDS)"));
        assertEquals("42", eval("copied.get(30, TimeUnit.SECONDS)"));
    }

    @Test
    void aSnippetExceptionComesBackWithTheChildsStackTrace() {
        eval("void boom(String why) { throw new IllegalStateException(why); }");
        eval("var bad = new ChildProcess(w -> boom(w), \"from the child\").start();");
        eval("bad.join(60, TimeUnit.SECONDS);");

        assertEquals("1", eval("bad.exitCode()"));
        String trace = eval("java.util.Arrays.toString(bad.exception().getCause().getStackTrace())");
        assertNotNull(trace);
        assertEquals("from the child", eval("bad.exception().getCause().getMessage()").replace("\"", ""));
        assertEquals(true, trace.contains("boom"), trace);
    }
}
