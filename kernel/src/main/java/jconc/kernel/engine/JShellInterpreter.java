package jconc.kernel.engine;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jconc.kernel.protocol.CellOutput;
import jconc.kernel.protocol.Interpreter;
import jconc.kernel.protocol.Log;
import jconc.spi.Resources;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Java through JShell, behind the Jupyter protocol. */
public final class JShellInterpreter implements Interpreter, Evaluator {
    private final CellExecutionControl control = new CellExecutionControl(Cells::running);
    private final SnippetOrigins origins = new SnippetOrigins();
    private final StackTrimmer trimmer = new StackTrimmer(origins);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Magics magics;
    private final CellDispatch dispatch;
    private final CompilerThread compiler = new CompilerThread();
    private volatile StandardStreams standardStreams;
    private volatile JShell jshell;
    private volatile Throwable startFailure;

    public JShellInterpreter(Magics magics) {
        this.magics = magics;
        this.dispatch = new CellDispatch(this, magics, name -> inspect(name, name.length(), 0));
        control.onNewClass(origins::loaded);
    }

    /** Builds JShell on a background thread, so kernel_info is answered at once. */
    public void startAsync() {
        Thread t = new Thread(this::start, "jconc-jshell-start");
        t.setDaemon(true);
        t.start();
    }

    private void start() {
        try {
            JShell shell = JShell.builder()
                    .executionEngine(new ExecutionControlProvider() {
                        @Override
                        public String name() {
                            return "jconc";
                        }

                        @Override
                        public ExecutionControl generate(ExecutionEnv env, Map<String, String> params) {
                            return control;
                        }
                    }, Map.of())
                    .compilerOptions("-proc:none")
                    .build();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            String imports = DefaultImports.declarations(DefaultImports.SESSION, "\n");
            for (Piece p : SnippetSplitter.split(shell.sourceCodeAnalysis(), imports, 0)) {
                for (SnippetEvent e : shell.eval(p.source())) {
                    if (e.status() == Snippet.Status.REJECTED) {
                        Log.warn("default import failed: " + p.source(), null);
                    }
                }
            }
            jshell = shell;
        } catch (Throwable e) {
            startFailure = e;
            Log.warn("JShell did not start", e);
        } finally {
            ready.countDown();
        }
    }

    JShell jshell() {
        try {
            if (!ready.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("JShell did not start within 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JShell starts");
        }
        if (jshell == null) {
            throw new IllegalStateException("JShell did not start: " + startFailure);
        }
        return jshell;
    }

    private final List<String> addedClassPath = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void addToClassPath(String path) {
        jshell().addToClasspath(path);
        addedClassPath.add(path);
    }

    @Override
    public List<String> classPath() {
        List<String> all = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        all.addAll(addedClassPath);
        return all;
    }

    CellExecutionControl control() {
        return control;
    }

    StackTrimmer trimmer() {
        return trimmer;
    }

    @Override
    public LanguageInfo languageInfo() {
        String version = System.getProperty("java.version");
        return new LanguageInfo("java", version, "text/x-java", ".jshell", "java", "text/x-java",
                "jconc", Version.VALUE,
                "jconc " + Version.VALUE + ": Java " + version + " (JShell), made for teaching concurrency.\n"
                        + "%lsmagic lists the magics; the helper API (jconc.*) is imported.",
                Map.of("Java API", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
    }

    @Override
    public Outcome execute(ExecuteRequest request, CellOutput output) {
        jshell(); // waits until JShell has started
        inspected.clear(); // a cell may change what names mean
        Cell cell = Cells.begin(request.executionCount(), output);
        Outcome outcome;
        try {
            outcome = compiler.call(() -> dispatch.run(cell, request.code()));
        } catch (CompilerThread.Failure e) {
            outcome = kernelError(e.getCause());
        } catch (RuntimeException e) {
            outcome = kernelError(e);
        } finally {
            Cells.end(cell);
            restoreStandardStreams(cell);
        }
        cell.streams().flush();
        Settler.watch(cell);
        output.idleWhen(cell.settled());
        return outcome;
    }

    private static Outcome kernelError(Throwable e) {
        if (e instanceof StackOverflowError) {
            String what = "the compiler ran out of stack on this code (it nests too deeply); the kernel and its variables are fine";
            return new Failed("StackOverflowError", what, List.of("StackOverflowError: " + what));
        }
        Log.warn("execute failed", e);
        return new Failed("KernelError", String.valueOf(e), List.of("KernelError: " + e));
    }

    /** Code nesting deeper than the kernel's limit, refused before javac recurses into it; null if it is fine. */
    private static Outcome tooDeep(String code) {
        int depth = BracketBalance.maxDepth(code);
        if (depth <= Limits.MAX_NESTING) {
            return null;
        }
        String what = "code nests deeper than " + Limits.MAX_NESTING + " levels (" + depth + " brackets deep)";
        return new Failed("CompileError", what, List.of("CompileError: " + what
                + ". The limit is set per kernel: " + Limits.howToSet(Limits.MAX_NESTING_SETTING) + "."));
    }

    /** The streams to put back after every cell. */
    void keepStandardStreams(StandardStreams streams) {
        standardStreams = streams;
    }

    private void restoreStandardStreams(Cell cell) {
        StandardStreams kept = standardStreams;
        List<String> replaced = kept == null ? List.of() : kept.restore();
        if (!replaced.isEmpty()) {
            cell.streams().write("stderr", "note: this cell replaced " + String.join(" and ", replaced)
                    + "; the kernel put its own back for the next cells.\n");
        }
    }

    @Override
    public Outcome evaluate(Cell cell, String code, int firstLine, boolean showResult) {
        Outcome refused = tooDeep(code);
        if (refused != null) {
            return refused;
        }
        JShell shell = jshell();
        List<Piece> pieces = SnippetSplitter.split(shell.sourceCodeAnalysis(), code, firstLine);
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            expectOrigin(shell, cell, piece);
            var ran = control.observe(() -> shell.eval(piece.source()));
            Outcome failed = failure(cell, shell, piece, ran.value(), ran.outcome());
            if (failed != null) {
                return failed;
            }
            if (i == pieces.size() - 1 && showResult && hasValue(ran.value(), piece)
                    && ran.outcome() instanceof SnippetOutcome.Returned returned) {
                ValueRendering.Rendered shown = ValueRendering.render(cell, returned.value());
                if (shown instanceof ValueRendering.Failure f) {
                    return f.failed();
                }
                if (shown instanceof ValueRendering.Stopped) {
                    return interrupted(cell);
                }
                cell.output().result(((ValueRendering.Bundle) shown).data());
            }
        }
        return new Ok();
    }

    private boolean hasValue(List<SnippetEvent> events, Piece piece) {
        if (piece.source().stripTrailing().endsWith(";")) {
            return false; // a statement, or a value the author chose not to show
        }
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null || e.status() != Snippet.Status.VALID) {
                continue;
            }
            Snippet s = e.snippet();
            if (s.kind() == Snippet.Kind.EXPRESSION
                    || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)) {
                return true;
            }
        }
        return false;
    }

    private Outcome failure(Cell cell, JShell shell, Piece piece, List<SnippetEvent> events, SnippetOutcome outcome) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet s = e.snippet();
            recordOrigin(shell, cell, piece, s);
            origins.expect(null);
            if (e.status() == Snippet.Status.REJECTED) {
                return compileError(cell, shell, piece, s);
            }
            if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                List<String> missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).toList();
                System.err.println("note: " + describe(s) + " can be used once "
                        + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " defined");
            }
            if (outcome instanceof SnippetOutcome.Exited exited) {
                int status = exited.status();
                return new Failed("SystemExit", "the program asked to exit with status " + status,
                        List.of("SystemExit: the program asked to exit with status " + status
                                + " (System.exit). The kernel keeps running, with all its state."));
            }
            if (outcome instanceof SnippetOutcome.Stopped) {
                return interrupted(cell);
            }
            if (e.exception() != null) {
                return runtimeError(e.exception(), outcome instanceof SnippetOutcome.Threw threw ? threw.thrown() : null);
            }
        }
        if (outcome instanceof SnippetOutcome.Stopped) {
            return interrupted(cell);
        }
        return null;
    }

    private static String describe(Snippet s) {
        if (s instanceof jdk.jshell.MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (s instanceof jdk.jshell.TypeDeclSnippet t) {
            return "class " + t.name();
        }
        if (s instanceof jdk.jshell.VarSnippet v) {
            return "variable " + v.name();
        }
        return "this declaration";
    }

    /** Classes loaded while this piece evaluates belong to it (their lines are known once eval returns). */
    private void expectOrigin(JShell shell, Cell cell, Piece piece) {
        origins.expect(new SnippetOrigins.Origin(cell.number(), piece.startLine(), piece.source(), null));
    }

    private void recordOrigin(JShell shell, Cell cell, Piece piece, Snippet s) {
        try {
            SourceCodeAnalysis.SnippetWrapper w = shell.sourceCodeAnalysis().wrapper(s);
            origins.add(w.fullClassName(), new SnippetOrigins.Origin(cell.number(), piece.startLine(), piece.source(), w));
        } catch (RuntimeException ignored) {
            // no wrapper for this kind of snippet (imports)
        }
    }

    private Outcome interrupted(Cell cell) {
        List<String> tb = new ArrayList<>();
        tb.add("Interrupted: the cell was stopped (the frontend's interrupt).");
        List<Thread> alive = new ArrayList<>(cell.liveThreads());
        if (!alive.isEmpty()) {
            cell.survivorsReported();
            for (String line : Stopper.survivors(alive).split("\n")) {
                tb.add(line);
            }
        }
        return new Failed("Interrupted", "the cell was stopped", tb);
    }

    private Outcome runtimeError(Exception jshellError, Throwable real) {
        List<String> tb;
        String ename;
        String evalue;
        if (jshellError instanceof UnresolvedReferenceException u) {
            String what = describe(u.getSnippet());
            ename = "UnresolvedReference";
            evalue = what + " cannot run yet: it uses something not defined";
            tb = List.of(ename + ": " + evalue + " ("
                    + String.join(", ", jshell.unresolvedDependencies(u.getSnippet()).toList()) + ")");
        } else if (real != null) {
            ename = StackTrimmer.simpleName(real.getClass().getName());
            evalue = String.valueOf(real.getLocalizedMessage());
            tb = trimmer.lines(real);
        } else {
            EvalException ee = jshellError instanceof EvalException x ? x : null;
            ename = ee != null ? StackTrimmer.simpleName(ee.getExceptionClassName()) : jshellError.getClass().getSimpleName();
            evalue = String.valueOf(jshellError.getMessage());
            tb = List.of(ename + ": " + evalue);
        }
        return new Failed(ename, evalue, tb);
    }

    private Outcome compileError(Cell cell, JShell shell, Piece piece, Snippet s) {
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diag d : shell.diagnostics(s).toList()) {
            if (!d.isError()) {
                continue;
            }
            String message = d.getMessage(Locale.ENGLISH);
            if (first == null) {
                first = message.lines().findFirst().orElse(message);
            }
            tb.addAll(Diagnostics.render(cell.number(), piece, (int) d.getStartPosition(), (int) d.getPosition(), message));
        }
        if (first == null) {
            first = "this code is not valid Java";
            tb.add("CompileError: " + first);
        }
        return new Failed("CompileError", first, tb);
    }

    @Override
    public Completion complete(String code, int cursor) {
        if (BracketBalance.maxDepth(code) > Limits.MAX_NESTING) {
            return new Completion(List.of(), cursor, cursor, List.of());
        }
        return analyse(() -> new CodeAnalysis(jshell(), magics).complete(code, cursor),
                () -> new Completion(List.of(), cursor, cursor, List.of()));
    }

    /** Documentation found since the last execution (reading javadoc costs JShell a parse of sources). */
    private final Map<String, Inspection> inspected = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Inspection> eldest) {
                    return size() > 256;
                }
            });

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        String key = code.substring(0, end);
        Inspection cached = inspected.get(key);
        if (cached != null) {
            return cached;
        }
        if (BracketBalance.maxDepth(code) > Limits.MAX_NESTING) {
            return Inspection.NOT_FOUND;
        }
        Inspection found = analyse(() -> new CodeAnalysis(jshell(), magics).inspect(code, cursor), () -> Inspection.NOT_FOUND);
        inspected.put(key, found);
        return found;
    }

    @Override
    public IsComplete isComplete(String code) {
        BracketBalance.Scan brackets = BracketBalance.scan(code);
        if (ready.getCount() > 0) {
            return brackets.answer(); // JShell is still starting: answer at once
        }
        if (brackets.maxDepth() > Limits.MAX_NESTING) {
            return new IsComplete("invalid", ""); // executing it would give the clear error
        }
        if (brackets.depth() > 0 && !brackets.unterminated()) {
            // a bracket still open (a class or method being typed line by line): no need to ask
            // javac, and frontends that wait for this answer in a nested event loop get it at once
            return brackets.answer();
        }
        return analyse(() -> new CodeAnalysis(jshell(), magics).isComplete(code), brackets::answer);
    }

    /**
     * Runs JShell's analysis on the compiler thread; {@code fallback} answers when that thread is
     * busy with a cell or the analysis failed (javac's own errors on odd code included).
     */
    private <T> T analyse(java.util.concurrent.Callable<T> work, java.util.function.Supplier<T> fallback) {
        try {
            return compiler.callIfIdle(work, fallback);
        } catch (CompilerThread.Failure e) {
            Log.warn("code analysis failed", e.getCause());
            return fallback.get();
        }
    }

    @Override
    public void interrupt() {
        Cell target = Cells.running();
        if (target == null) {
            List<Cell> busy = Cells.withLiveThreads();
            target = busy.isEmpty() ? null : busy.get(0);
        }
        if (target != null) {
            Stopper.stop(target);
        }
    }

    @Override
    public void shutdown(boolean restart) {
        Resources.closeAll();
        JShell shell = jshell;
        if (shell != null) {
            CompletableFuture.runAsync(shell::close);
        }
    }
}
