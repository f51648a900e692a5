package jconc.kernel.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import jconc.kernel.protocol.CellOutput;
import jconc.kernel.protocol.Interpreter;
import jconc.kernel.protocol.Log;
import jconc.spi.Resources;

/**
 * Java through JShell, behind the Jupyter protocol: each request on the compiler thread, cells
 * run by the {@link CellDispatch} (magics from the registry, Java by the {@link SnippetEvaluator}),
 * interrupts by the {@link Stopper}.
 */
public final class JShellInterpreter implements Interpreter {
    private final CellExecutionControl control = new CellExecutionControl(Cells::running);
    private final SnippetOrigins origins = new SnippetOrigins();
    private final StackTrimmer trimmer = new StackTrimmer(origins);
    private final JShellSession session = new JShellSession(control);
    private final Magics magics;
    private final CellDispatch dispatch;
    private final CompilerThread compiler = new CompilerThread();
    private volatile StandardStreams standardStreams;

    public JShellInterpreter(Magics magics) {
        this.magics = magics;
        SnippetEvaluator evaluator = new SnippetEvaluator(session, control, origins, new SnippetErrors(trimmer));
        this.dispatch = new CellDispatch(evaluator, magics, name -> inspect(name, name.length(), 0));
        control.onNewClass(origins::loaded);
    }

    /** Builds JShell on a background thread, so kernel_info is answered at once. */
    public void startAsync() {
        session.startAsync();
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
        StartupTimeline.mark("first_execute_request");
        session.jshell(); // waits until JShell has started
        StartupTimeline.mark("first_cell_starts");
        inspected.clear(); // a cell may change what names mean
        Cell cell = Cells.begin(request.executionCount(), output);
        Outcome outcome;
        try {
            outcome = compiler.call(() -> dispatch.run(cell, request.code()));
        } catch (CompilerThread.Failure e) {
            outcome = SnippetErrors.kernelError(e.getCause());
        } catch (RuntimeException e) {
            outcome = SnippetErrors.kernelError(e);
        } finally {
            Cells.end(cell);
            restoreStandardStreams(cell);
        }
        cell.streams().flush();
        Settler.watch(cell);
        output.idleWhen(cell.settled());
        StartupTimeline.firstCellEnded();
        return outcome;
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
    public Completion complete(String code, int cursor) {
        if (BracketBalance.maxDepth(code) > Limits.MAX_NESTING) {
            return new Completion(List.of(), cursor, cursor, List.of());
        }
        return analyse(() -> new CodeAnalysis(session.jshell(), magics).complete(code, cursor),
                () -> new Completion(List.of(), cursor, cursor, List.of()));
    }

    /** Documentation found since the last execution (reading javadoc costs JShell a parse of sources). */
    private final Map<String, Inspection> inspected = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
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
        Inspection found = analyse(() -> new CodeAnalysis(session.jshell(), magics).inspect(code, cursor), () -> Inspection.NOT_FOUND);
        inspected.put(key, found);
        return found;
    }

    @Override
    public IsComplete isComplete(String code) {
        BracketBalance.Scan brackets = BracketBalance.scan(code);
        if (session.starting()) {
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
        return analyse(() -> new CodeAnalysis(session.jshell(), magics).isComplete(code), brackets::answer);
    }

    /**
     * Runs JShell's analysis on the compiler thread; {@code fallback} answers when that thread is
     * busy with a cell or the analysis failed (javac's own errors on odd code included).
     */
    private <T> T analyse(Callable<T> work, Supplier<T> fallback) {
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
        session.close();
    }
}
