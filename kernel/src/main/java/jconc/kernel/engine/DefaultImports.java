package jconc.kernel.engine;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What code in a notebook may use without importing it. */
public final class DefaultImports {
    /** What a Java program written in a cell may use: as in the jshell tool, plus the helper API. */
    public static final List<String> PROGRAM = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*", "jconc.*");

    /** What every session imports: {@link #PROGRAM}'s, plus the notebook helpers (display, input), which need a cell. */
    public static final List<String> SESSION = Stream.concat(PROGRAM.stream(), Stream.of("static jconc.notebook.Notebook.*")).toList();

    private DefaultImports() {
    }

    /** The import declarations, joined by {@code separator}: "import java.io.*;" and so on. */
    public static String declarations(List<String> imports, String separator) {
        return imports.stream().map(i -> "import " + i + ";").collect(Collectors.joining(separator));
    }
}
