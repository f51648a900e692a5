package jconc.kernel.engine;

import java.util.List;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Evaluates plain Java in a cell, snippet by snippet: each piece through JShell, the classes it
 * loads recorded with the cell lines they come from, the first failure as the cell's error, and
 * the value of a last expression rendered as the cell's result.
 */
final class SnippetEvaluator implements Evaluator {
    private final JShellSession session;
    private final CellExecutionControl control;
    private final SnippetOrigins origins;
    private final SnippetErrors errors;

    SnippetEvaluator(JShellSession session, CellExecutionControl control, SnippetOrigins origins, SnippetErrors errors) {
        this.session = session;
        this.control = control;
        this.origins = origins;
        this.errors = errors;
    }

    @Override
    public Outcome evaluate(Cell cell, String code, int firstLine, boolean showResult) {
        Outcome refused = SnippetErrors.tooDeep(code);
        if (refused != null) {
            return refused;
        }
        JShell shell = session.jshell();
        List<Piece> pieces = SnippetSplitter.split(shell.sourceCodeAnalysis(), code, firstLine);
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            expectOrigin(cell, piece);
            var ran = control.observe(() -> shell.eval(piece.source()));
            recordOrigins(shell, cell, piece, ran.value());
            Outcome failed = errors.of(cell, shell, piece, ran.value(), ran.outcome());
            if (failed != null) {
                return failed;
            }
            if (i == pieces.size() - 1 && showResult && hasValue(ran.value(), piece)
                    && ran.outcome() instanceof SnippetOutcome.Returned returned) {
                Outcome shown = show(cell, returned.value());
                if (shown != null) {
                    return shown;
                }
            }
        }
        return new Ok();
    }

    /** Sends the value as the cell's result; the error to show instead, or null. */
    private Outcome show(Cell cell, Object value) {
        ValueRendering.Rendered shown = ValueRendering.render(cell, value);
        if (shown instanceof ValueRendering.Failure f) {
            return f.failed();
        }
        if (shown instanceof ValueRendering.Stopped) {
            return errors.interrupted(cell);
        }
        cell.output().result(((ValueRendering.Bundle) shown).data());
        return null;
    }

    private static boolean hasValue(List<SnippetEvent> events, Piece piece) {
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

    /** Classes loaded while this piece evaluates belong to it (their lines are known once eval returns). */
    private void expectOrigin(Cell cell, Piece piece) {
        origins.expect(new SnippetOrigins.Origin(cell.number(), piece.startLine(), piece.source(), null));
    }

    private void recordOrigins(JShell shell, Cell cell, Piece piece, List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            try {
                SourceCodeAnalysis.SnippetWrapper w = shell.sourceCodeAnalysis().wrapper(e.snippet());
                origins.add(w.fullClassName(), new SnippetOrigins.Origin(cell.number(), piece.startLine(), piece.source(), w));
            } catch (RuntimeException ignored) {
                // no wrapper for this kind of snippet (imports)
            }
        }
        origins.expect(null);
    }

    @Override
    public void addToClassPath(String path) {
        session.addToClassPath(path);
    }

    @Override
    public List<String> classPath() {
        return session.classPath();
    }
}
