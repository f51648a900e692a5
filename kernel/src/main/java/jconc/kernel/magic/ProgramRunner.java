package jconc.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jconc.kernel.engine.Cell;
import jconc.kernel.engine.Cells;
import jconc.kernel.engine.DefaultImports;
import jconc.kernel.engine.Errors;
import jconc.kernel.engine.Magic;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;
import jconc.process.PrivateDirs;

/**
 * {@code %%main}: the cell as a standalone Java program in a fresh JVM, with its output
 * streamed into the cell as it comes (batched and bounded as any output of the cell). This is
 * where program exit is real: the JVM ends when the last non-daemon thread ends, and daemon
 * threads die with it. The program never outlives the kernel: {@link ProgramMain} halts it
 * when the pipe from the kernel closes.
 */
final class ProgramRunner {
    /** The program's imports, on its first line. */
    private static final String IMPORTS = DefaultImports.declarations(DefaultImports.PROGRAM, " ");

    private ProgramRunner() {
    }

    static Outcome run(Magic.Call call) {
        return run(call.cell(), call.code(), call.line(), call.args());
    }

    private static Outcome run(Cell cell, String body, int bodyLine, String args) {
        Path dir;
        try {
            dir = PrivateDirs.create("main");
        } catch (IOException e) {
            return Errors.failed("IOException", e.getMessage());
        }
        try {
            Source source = Source.of(body);
            Outcome compiled = compile(cell, source, dir, bodyLine);
            if (compiled instanceof Failed) {
                return compiled;
            }
            String mainClass = findMain(dir);
            if (mainClass == null) {
                return new Failed("NoMain", "no class with public static void main(String[])",
                        List.of("NoMain: the cell declares classes but none has public static void main(String[] args)"));
            }
            return execute(cell, dir, mainClass, args);
        } finally {
            PrivateDirs.deleteTree(dir);
        }
    }

    /** The program text: the cell as it is when it declares main, else wrapped into Main.main. */
    record Source(String text, int linesBefore) {
        static Source of(String body) {
            StringBuilder imports = new StringBuilder(IMPORTS);
            StringBuilder rest = new StringBuilder();
            for (String line : body.split("\n", -1)) {
                if (line.stripLeading().startsWith("import ")) {
                    imports.append(' ').append(line.strip());
                    rest.append('\n');
                } else {
                    rest.append(line).append('\n');
                }
            }
            if (body.matches("(?s).*static\\s+void\\s+main\\s*\\(.*")) {
                return new Source(imports + "\n" + rest, 1);
            }
            return new Source(imports + "\npublic class Main { public static void main(String[] args) throws Exception {\n"
                    + rest + "\n}}\n", 2);
        }
    }

    private static Outcome compile(Cell cell, Source source, Path dir, int bodyLine) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diags, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            Path file = dir.resolve("Main.java");
            String text = source.text();
            if (!text.contains("class Main")) {
                file = dir.resolve("Program.java");
            }
            Files.writeString(file, text.replace("public class", "class").replaceFirst("class Main \\{ public static", "public class Main { public static"));
            List<String> options = List.of("-d", dir.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none", "-Xlint:none");
            boolean ok = javac.getTask(new StringWriter(), files, diags, options, null, files.getJavaFileObjects(file)).call();
            if (ok) {
                return new Ok();
            }
        } catch (IOException e) {
            return Errors.failed("IOException", e.getMessage());
        }
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String msg = d.getMessage(Locale.ENGLISH);
            first = first == null ? msg.lines().findFirst().orElse(msg) : first;
            long line = d.getLineNumber() - source.linesBefore() + bodyLine; // 1-based, as the cell counts
            tb.add("In[" + cell.number() + "] line " + line + ", column " + d.getColumnNumber() + ": error: " + msg);
        }
        return new Failed("CompileError", first == null ? "compilation failed" : first, tb);
    }

    private static String findMain(Path dir) {
        try (Stream<Path> s = Files.walk(dir);
             URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ProgramRunner.class.getClassLoader())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = dir.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                try {
                    Class<?> c = Class.forName(name, false, loader);
                    Method m = c.getDeclaredMethod("main", String[].class);
                    if (Modifier.isStatic(m.getModifiers())) {
                        return name;
                    }
                } catch (ReflectiveOperationException | LinkageError e) {
                    // not this class
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static Outcome execute(Cell cell, Path dir, String mainClass, String args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the cell shows the program's output as UTF-8, whatever the locale (C or POSIX: ASCII)
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-cp", dir + File.pathSeparator + System.getProperty("java.class.path"), ProgramMain.class.getName(), mainClass));
        if (!args.isBlank()) {
            command.addAll(List.of(args.split("\\s+")));
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return new Failed("IOException", e.getMessage(), List.of("IOException: could not start java: " + e.getMessage()));
        }
        Thread out = pump(cell, process.getInputStream(), "stdout");
        Thread err = pump(cell, process.getErrorStream(), "stderr");
        try {
            while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                if (cell.stopping()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(2, TimeUnit.SECONDS);
                    closeQuietly(process);
                    out.join(1000);
                    err.join(1000);
                    return new Failed("Interrupted", "the program was stopped",
                            List.of("Interrupted: the program was stopped (the frontend's interrupt)."));
                }
            }
            closeQuietly(process);
            out.join(2000);
            err.join(2000);
        } catch (InterruptedException e) {
            closeQuietly(process);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Failed("Interrupted", "interrupted", List.of("Interrupted"));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        int status = process.exitValue();
        cell.streams().write("stdout", "[program exited with status " + status + " after " + ms + " ms]\n");
        if (status != 0) {
            return Errors.failed("ProgramExit", "the program exited with status " + status);
        }
        return new Ok();
    }

    /** Copies the program's stream into the cell's, through System.out/err: batched and bounded. */
    private static Thread pump(Cell cell, InputStream in, String stream) {
        Thread t = new Thread(() -> Cells.runAs(cell, () -> {
            PrintStream target = stream.equals("stderr") ? System.err : System.out;
            byte[] buf = new byte[65536];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    target.write(buf, 0, n);
                }
            } catch (IOException e) {
                // the program ended
            }
        }), "jconc-main-" + stream);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to close
        }
    }

}
