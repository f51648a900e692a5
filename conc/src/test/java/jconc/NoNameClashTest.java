package jconc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The kernel imports what JShell imports plus {@code jconc.*}: every name must stay unambiguous. */
@Timeout(60)
class NoNameClashTest {

    private static final String IMPORTS = """
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.nio.file.*;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            import java.util.stream.*;
            import java.util.concurrent.locks.*;
            import java.util.concurrent.atomic.*;
            import jconc.*;
            """;

    private static final String USES = """
            class Uses {
                Event event = new Event();
                Mutex mutex = new Mutex();
                RLock rlock = new RLock();
                BoundedSemaphore bounded = new BoundedSemaphore(5);
                Held held = Held.once(() -> { });
                Acquirable anyLock = new Mutex();
                Threads.Target target = () -> { };
                ThreadSpec spec = Threads.target(target);
                SimpleThreadPool simple = new SimpleThreadPool(5);
                ThreadPool pool = new ThreadPool(5);
                ThreadPool.Callback<Integer> callback = (ok, r) -> { };
                Timeline timeline = null;
                Timeline.State state = Timeline.State.RUNNING;
                Semaphore plainSemaphore = new Semaphore(1);
                Lock plainLock = new ReentrantLock();
                Thread thread = Threads.start(() -> { }, "t1");
                Queue<String> queue = new ArrayDeque<>();
            }
            """;

    @Test
    void defaultImportsPlusJconcCompileWithoutAmbiguity(@TempDir Path out) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classes = new File(Event.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Uses.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return IMPORTS + USES;
            }
        };

        boolean ok = compiler.getTask(null, null, diagnostics,
                List.of("-classpath", classes, "-d", out.toString(), "-proc:none"), null, List.of(source)).call();

        StringBuilder errors = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            errors.append(d).append('\n');
        }
        assertTrue(ok, errors.toString());
    }
}
