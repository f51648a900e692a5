package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jconc.kernel.protocol.Interpreter.Completion;
import jconc.kernel.protocol.Interpreter.Inspection;
import jconc.kernel.protocol.Interpreter.IsComplete;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/** Completion, documentation and completeness of code the user is typing. */
final class CodeAnalysis {
    private final SourceCodeAnalysis analysis;
    private final Magics magics;

    CodeAnalysis(JShell shell, Magics magics) {
        this.analysis = shell.sourceCodeAnalysis();
        this.magics = magics;
    }

    /** The snippet the cursor is in: its text up to the end of the code, and where it starts. */
    private record Current(String text, int start) {
    }

    private Current currentSnippet(String code, int cursor) {
        // The current snippet starts where the last complete snippet before the cursor ends.
        String remaining = code.substring(0, cursor);
        int consumed = 0;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.remaining().isBlank()
                    || info.remaining().length() == remaining.length()) {
                break; // the cursor is in this snippet
            }
            consumed += remaining.length() - info.remaining().length();
            remaining = info.remaining();
        }
        return new Current(code.substring(consumed), consumed);
    }

    Completion complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        String line = code.substring(code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1, cursor);
        if (line.stripLeading().startsWith("%")) {
            return completeMagic(line, cursor);
        }
        Current cur = currentSnippet(code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(cur.text(), cursor - cur.start(), anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        int start = cur.start() + anchor[0];
        return new Completion(new ArrayList<>(matches), start, cursor, List.of());
    }

    private Completion completeMagic(String line, int cursor) {
        String typed = line.stripLeading();
        Magic.Kind kind = typed.startsWith("%%") ? Magic.Kind.CELL : Magic.Kind.LINE;
        String word = typed.substring(kind.prefix().length());
        if (word.contains(" ")) {
            return new Completion(List.of(), cursor, cursor, List.of());
        }
        List<String> found = new ArrayList<>();
        for (String name : magics.names(kind)) {
            if (name.startsWith(word)) {
                found.add(kind.prefix() + name);
            }
        }
        return new Completion(found, cursor - typed.length(), cursor, List.of());
    }

    Inspection inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        Current cur = currentSnippet(code, cursor);
        String text = cur.text();
        int at = cursor - cur.start();
        // Frontends send the cursor at the END of the word; JShell documents the call being typed.
        int wordEnd = at;
        while (wordEnd < text.length() && Character.isJavaIdentifierPart(text.charAt(wordEnd))) {
            wordEnd++;
        }
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(text.substring(0, wordEnd) + "(", wordEnd + 1, true);
        if (docs.isEmpty()) {
            docs = analysis.documentation(text, at, true);
        }
        if (docs.isEmpty()) {
            return Inspection.NOT_FOUND;
        }
        StringBuilder out = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(d.signature());
            String javadoc = d.javadoc();
            if ((javadoc == null || javadoc.isBlank()) && d.signature().contains("jconc.") || d.signature().matches("(?s)[^(]*\\b[A-Z]\\w*[.(].*")) {
                String helper = (javadoc == null || javadoc.isBlank()) ? HelperDocs.find(d.signature()) : null;
                javadoc = helper != null ? helper : javadoc;
            }
            if (javadoc != null && !javadoc.isBlank()) {
                out.append("\n\n").append(Javadoc.toText(javadoc));
            }
        }
        return new Inspection(true, Map.of("text/plain", out.toString()));
    }

    IsComplete isComplete(String code) {
        if (code.isBlank()) {
            return new IsComplete("complete", "");
        }
        String first = code.stripLeading();
        if (first.startsWith("%%")) {
            return code.endsWith("\n\n") || !code.contains("\n")
                    ? new IsComplete(code.contains("\n") ? "complete" : "incomplete", "")
                    : new IsComplete("incomplete", "");
        }
        StringBuilder javaOnly = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (!line.stripLeading().startsWith("%")) {
                javaOnly.append(line).append('\n');
            }
        }
        String remaining = javaOnly.toString();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                return new IsComplete("incomplete", " ".repeat(4 * Math.max(0, depth(code))));
            }
            if (c == Completeness.UNKNOWN) {
                return new IsComplete("invalid", "");
            }
            if (c == Completeness.EMPTY || info.remaining().length() >= remaining.length()) {
                break;
            }
            remaining = info.remaining();
        }
        return new IsComplete("complete", "");
    }

    private static int depth(String code) {
        int d = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(') {
                d++;
            } else if (c == '}' || c == ')') {
                d--;
            }
        }
        return d;
    }
}
