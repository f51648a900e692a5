package jconc.kernel.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end (or a time limit) and keeps what it printed. */
final class Commands {
    private Commands() {
    }

    /** How a program ended: its exit status (-1 when it was killed at the time limit) and output. */
    record Result(int status, String stdout, String stderr) {
        boolean succeeded() {
            return status == 0;
        }
    }

    /**
     * Runs {@code command} with {@code extraEnv} added to this process's environment.
     *
     * @throws IOException when the program cannot be started at all
     */
    static Result run(List<String> command, Map<String, String> extraEnv, Duration limit)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        // The program ends with the installer, also when the installer is stopped.
        Thread stop = new Thread(() -> destroy(process), "jconc-install-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                destroy(process);
                process.waitFor();
                return new Result(-1, stdout.join(), stderr.join());
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } finally {
            destroy(process);
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
