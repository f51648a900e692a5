package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Log;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Turns what JShell reports of a piece (its events) and what its code did (its
 * {@link SnippetOutcome}) into the error the cell shows: a compile error under the cell's line,
 * a runtime error with the user's own stack, an exit request, an interrupt; and the errors of
 * the kernel itself.
 */
final class SnippetErrors {
    private final StackTrimmer trimmer;

    SnippetErrors(StackTrimmer trimmer) {
        this.trimmer = trimmer;
    }

    /** The error of one evaluated piece, or null when it succeeded. */
    Failed of(Cell cell, JShell shell, Piece piece, List<SnippetEvent> events, SnippetOutcome outcome) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet s = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                return compileError(cell, shell, piece, s);
            }
            if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                List<String> missing = shell.unresolvedDependencies((DeclarationSnippet) s).toList();
                System.err.println("note: " + describe(s) + " can be used once "
                        + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " defined");
            }
            if (outcome instanceof SnippetOutcome.Exited exited) {
                return exit(exited.status());
            }
            if (outcome instanceof SnippetOutcome.Stopped) {
                return interrupted(cell);
            }
            if (e.exception() != null) {
                return runtimeError(shell, e.exception(), outcome instanceof SnippetOutcome.Threw threw ? threw.thrown() : null);
            }
        }
        return outcome instanceof SnippetOutcome.Stopped ? interrupted(cell) : null;
    }

    /** The cell was stopped; threads of it that are still alive are named. */
    Failed interrupted(Cell cell) {
        List<String> tb = new ArrayList<>();
        tb.add("Interrupted: the cell was stopped (the frontend's interrupt).");
        List<Thread> alive = new ArrayList<>(cell.liveThreads());
        if (!alive.isEmpty()) {
            cell.survivorsReported();
            tb.addAll(List.of(Stopper.survivors(alive).split("\n")));
        }
        return new Failed("Interrupted", "the cell was stopped", tb);
    }

    private static Failed exit(int status) {
        String what = "the program asked to exit with status " + status;
        return new Failed("SystemExit", what,
                List.of("SystemExit: " + what + " (System.exit). The kernel keeps running, with all its state."));
    }

    private Failed runtimeError(JShell shell, Exception jshellError, Throwable real) {
        if (jshellError instanceof UnresolvedReferenceException u) {
            String evalue = describe(u.getSnippet()) + " cannot run yet: it uses something not defined";
            return new Failed("UnresolvedReference", evalue, List.of("UnresolvedReference: " + evalue + " ("
                    + String.join(", ", shell.unresolvedDependencies(u.getSnippet()).toList()) + ")"));
        }
        if (real != null) {
            return new Failed(StackTrimmer.simpleName(real.getClass().getName()), String.valueOf(real.getLocalizedMessage()),
                    trimmer.lines(real));
        }
        String ename = jshellError instanceof EvalException ee
                ? StackTrimmer.simpleName(ee.getExceptionClassName()) : jshellError.getClass().getSimpleName();
        return Errors.failed(ename, String.valueOf(jshellError.getMessage()));
    }

    private static Failed compileError(Cell cell, JShell shell, Piece piece, Snippet s) {
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
            return Errors.failed("CompileError", "this code is not valid Java");
        }
        return new Failed("CompileError", first, tb);
    }

    private static String describe(Snippet s) {
        if (s instanceof MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (s instanceof TypeDeclSnippet t) {
            return "class " + t.name();
        }
        if (s instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        return "this declaration";
    }

    /** Code nesting deeper than the kernel's limit, refused before javac recurses into it; null if it is fine. */
    static Failed tooDeep(String code) {
        int depth = BracketBalance.maxDepth(code);
        if (depth <= Limits.MAX_NESTING) {
            return null;
        }
        String what = "code nests deeper than " + Limits.MAX_NESTING + " levels (" + depth + " brackets deep)";
        return new Failed("CompileError", what, List.of("CompileError: " + what
                + ". The limit is set per kernel: " + Limits.howToSet(Limits.MAX_NESTING_SETTING) + "."));
    }

    /** What the kernel itself failed at while running a cell. */
    static Failed kernelError(Throwable e) {
        if (e instanceof StackOverflowError) {
            return Errors.failed("StackOverflowError",
                    "the compiler ran out of stack on this code (it nests too deeply); the kernel and its variables are fine");
        }
        Log.warn("execute failed", e);
        return Errors.failed("KernelError", String.valueOf(e));
    }
}
