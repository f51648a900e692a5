package jconc.kernel.engine;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jconc.kernel.protocol.Log;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The JShell of a kernel: built in the background (so kernel_info is answered at once) with the
 * kernel's execution engine, the kernel's class path and the default imports; then waited for
 * by whoever needs it.
 */
final class JShellSession {
    private static final long START_TIMEOUT_S = 120;

    private final CellExecutionControl control;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<String> addedClassPath = new CopyOnWriteArrayList<>();
    private volatile JShell jshell;
    private volatile Throwable startFailure;

    JShellSession(CellExecutionControl control) {
        this.control = control;
    }

    /** Builds JShell on a background thread. */
    void startAsync() {
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
            StartupTimeline.mark("jshell_built");
            for (String entry : kernelClassPath()) {
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
            StartupTimeline.mark("imports_done");
        } catch (Throwable e) {
            startFailure = e;
            Log.warn("JShell did not start", e);
        } finally {
            ready.countDown();
        }
    }

    /** Whether JShell is still being built. */
    boolean starting() {
        return ready.getCount() > 0;
    }

    /** JShell, once started (waits for it). */
    JShell jshell() {
        try {
            if (!ready.await(START_TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException("JShell did not start within " + START_TIMEOUT_S + " s");
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

    void addToClassPath(String path) {
        jshell().addToClasspath(path);
        addedClassPath.add(path);
    }

    /** The kernel's own class path, then what cells added. */
    List<String> classPath() {
        List<String> all = new ArrayList<>(kernelClassPath());
        all.addAll(addedClassPath);
        return all;
    }

    private static List<String> kernelClassPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** Closes JShell in the background, if it started. */
    void close() {
        JShell shell = jshell;
        if (shell != null) {
            CompletableFuture.runAsync(shell::close);
        }
    }
}
