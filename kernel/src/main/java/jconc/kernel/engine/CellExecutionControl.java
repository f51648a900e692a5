package jconc.kernel.engine;

import java.lang.instrument.ClassDefinition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import jconc.kernel.engine.runtime.Trap;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell's execution engine, in the kernel's JVM. Compared with JShell's own local engine:
 * each snippet runs on a fresh thread of its cell's thread group (so threads it starts are
 * known, and its caller is never interrupted); classes are instrumented for exits and stops;
 * classes are redefined in place when the JVM allows; and the clean bytes of every class are
 * kept for child JVMs.
 */
final class CellExecutionControl extends DirectExecutionControl {
    /** How long an interrupted snippet thread gets to end before the kernel moves on. */
    static final long STOP_GRACE_MS = 900;

    private final Map<String, byte[]> cleanBytes = new ConcurrentHashMap<>();
    private final Supplier<Cell> runningCell;
    private volatile ClassLoader snippetLoader;
    private volatile java.util.function.Consumer<String> newClassListener = name -> { };
    /** What the snippets of the eval under way did; only the compiler thread, inside {@link #observe}, touches it. */
    private SnippetOutcome observed = SnippetOutcome.NOTHING_RAN;

    CellExecutionControl(Supplier<Cell> runningCell) {
        this.runningCell = runningCell;
    }

    /** A value computed by JShell's eval, and what the code of its snippets did when it ran. */
    record Observed<T>(T value, SnippetOutcome outcome) {
    }

    /**
     * Runs {@code eval} (JShell's evaluation of one piece, which calls {@link #invoke} for each
     * snippet it runs) and returns its value with the outcome of the snippets' code.
     */
    <T> Observed<T> observe(Supplier<T> eval) {
        observed = SnippetOutcome.NOTHING_RAN;
        try {
            T value = eval.get();
            return new Observed<>(value, observed);
        } finally {
            observed = SnippetOutcome.NOTHING_RAN;
        }
    }

    /** Told the name of every class loaded for the first time, before any of its code runs. */
    void onNewClass(java.util.function.Consumer<String> listener) {
        newClassListener = listener;
    }

    /** Binary name to the latest bytecode as javac produced it. */
    Map<String, byte[]> classBytes() {
        return Map.copyOf(cleanBytes);
    }

    ClassLoader snippetLoader() {
        ClassLoader l = snippetLoader;
        return l != null ? l : getClass().getClassLoader();
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] instrumented = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            if (cleanBytes.put(cbcs[i].name(), cbcs[i].bytecodes()) == null) {
                newClassListener.accept(cbcs[i].name());
            }
            instrumented[i] = new ClassBytecodes(cbcs[i].name(), Instrumenter.instrument(cbcs[i].bytecodes()));
        }
        super.load(instrumented);
        if (snippetLoader == null && cbcs.length > 0) {
            try {
                snippetLoader = findClass(cbcs[0].name()).getClassLoader();
            } catch (ClassNotFoundException e) {
                // not loaded yet: keep the default
            }
        }
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassDefinition[] defs = new ClassDefinition[cbcs.length];
        try {
            for (int i = 0; i < cbcs.length; i++) {
                defs[i] = new ClassDefinition(findClass(cbcs[i].name()), Instrumenter.instrument(cbcs[i].bytecodes()));
            }
        } catch (ClassNotFoundException e) {
            throw new NotImplementedException("redefine: " + e.getMessage());
        }
        if (!Redefiner.redefine(defs)) {
            throw new NotImplementedException("redefine not possible");
        }
        for (ClassBytecodes c : cbcs) {
            cleanBytes.put(c.name(), c.bytecodes());
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        SnippetOutcome outcome = run(runningCell.get(), doit);
        observed = observed.then(outcome);
        if (outcome instanceof SnippetOutcome.Returned) {
            return ""; // the value is turned into text on the cell's thread when it is shown (ValueRendering)
        }
        if (outcome instanceof SnippetOutcome.Threw threw) {
            throw new InvocationTargetException(threw.thrown());
        }
        throw new StoppedException();
    }

    /** Runs the snippet's code on the cell's main thread and waits for it, or for the cell's stop. */
    private static SnippetOutcome run(Cell cell, Method doit) {
        if (cell.stopping()) {
            return new SnippetOutcome.Stopped();
        }
        CompletableFuture<CellRunner.Result> done = cell.runner().submit(doit);
        CellRunner.Result result = CellRunner.await(cell, done, Long.MAX_VALUE);
        if (result == null) {
            CellRunner.within(done, STOP_GRACE_MS); // it did not end in time: the interrupted error names it
            return new SnippetOutcome.Stopped();
        }
        Throwable t = result.thrown();
        if (t instanceof Trap.ExitRequest exit) {
            return new SnippetOutcome.Exited(exit.status());
        }
        if (t instanceof Trap.CellStopped || (t != null && cell.stopping())) {
            return new SnippetOutcome.Stopped();
        }
        return t != null ? new SnippetOutcome.Threw(t) : new SnippetOutcome.Returned(result.value());
    }

    @Override
    public void stop() {
        // Interrupts go through Stopper, per cell; JShell's global stop is not used.
    }
}
