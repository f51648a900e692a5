package jconc.kernel.install;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code jupyter} command, asked where Jupyter keeps its files. */
interface Jupyter {

    /** Where the {@code jupyter} command is, when it is on PATH. */
    Optional<String> location();

    /**
     * What {@code jupyter ARGS} printed, when it ran and succeeded; {@code extraEnv} is added to
     * its environment.
     */
    Optional<String> run(Map<String, String> extraEnv, String... args);

    /** The {@code jupyter} found on the PATH of {@code env}, or none. */
    static Jupyter onPath(Platform.Os os, Map<String, String> env) {
        Optional<String> found = find(os, env.getOrDefault(os == Platform.Os.WINDOWS ? pathVariable(env) : "PATH", ""));
        return new Jupyter() {
            @Override
            public Optional<String> location() {
                return found;
            }

            @Override
            public Optional<String> run(Map<String, String> extraEnv, String... args) {
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                List<String> command = new ArrayList<>(List.of(found.get()));
                command.addAll(List.of(args));
                try {
                    Commands.Result result = Commands.run(command, extraEnv, Duration.ofSeconds(60));
                    return result.succeeded() ? Optional.of(result.stdout()) : Optional.empty();
                } catch (IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        };
    }

    private static String pathVariable(Map<String, String> env) {
        return env.keySet().stream().filter(k -> k.equalsIgnoreCase("PATH")).findFirst().orElse("PATH");
    }

    private static Optional<String> find(Platform.Os os, String path) {
        List<String> names = os == Platform.Os.WINDOWS
                ? List.of("jupyter.exe", "jupyter.cmd", "jupyter.bat")
                : List.of("jupyter");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath().toString());
                }
            }
        }
        return Optional.empty();
    }
}
