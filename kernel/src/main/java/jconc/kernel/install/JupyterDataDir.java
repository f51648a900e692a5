package jconc.kernel.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the directory under which Jupyter looks for kernels ({@code DATA_DIR/kernels/NAME}), by
 * the rules of Jupyter itself (jupyter_core's {@code jupyter_data_dir}), for each {@link Scope}.
 */
final class JupyterDataDir {
    private final Platform platform;

    JupyterDataDir(Platform platform) {
        this.platform = platform;
    }

    String of(Scope scope) throws InstallException {
        return switch (scope.kind()) {
            case USER -> user();
            case SYS_PREFIX -> sysPrefix();
            case PREFIX -> platform.join(scope.prefix(), "share", "jupyter");
        };
    }

    /**
     * The user's data directory: {@code JUPYTER_DATA_DIR}; else what {@code jupyter --data-dir}
     * says when {@code jupyter} is on PATH; else the platform's default.
     */
    String user() {
        Optional<String> set = platform.variable("JUPYTER_DATA_DIR");
        if (set.isPresent()) {
            return set.get();
        }
        return platform.jupyter().run(Map.of(), "--data-dir")
                .map(String::strip).filter(s -> !s.isEmpty() && !s.contains("\n"))
                .orElseGet(this::platformDefault);
    }

    /** Jupyter's default without a {@code jupyter} to ask. */
    String platformDefault() {
        String home = platform.home();
        return switch (platform.os()) {
            case MAC -> platform.join(home, "Library", "Jupyter");
            case WINDOWS -> platform.variable("APPDATA")
                    .map(appData -> platform.join(appData, "jupyter"))
                    .orElseGet(() -> platform.join(
                            platform.variable("JUPYTER_CONFIG_DIR").orElse(platform.join(home, ".jupyter")), "data"));
            case LINUX -> platform.join(
                    platform.variable("XDG_DATA_HOME").orElse(platform.join(home, ".local", "share")), "jupyter");
        };
    }

    /**
     * Whether Jupyter finds kernels under {@code dataDir} without being told (no JUPYTER_PATH to
     * set): one of the data directories {@code jupyter --paths --json} lists; with no
     * {@code jupyter} to ask, one of its system defaults ({@code /usr/local/share/jupyter},
     * {@code /usr/share/jupyter}; {@code %PROGRAMDATA%\jupyter} on Windows).
     */
    boolean searchedByDefault(String dataDir) {
        List<String> searched = platform.jupyter().run(Map.of(), "--paths", "--json")
                .flatMap(JupyterDataDir::dataPaths)
                .orElseGet(this::systemDefaults);
        return searched.stream().anyMatch(dir -> withoutTrailingSeparator(dir).equals(withoutTrailingSeparator(dataDir)));
    }

    private List<String> systemDefaults() {
        return switch (platform.os()) {
            case WINDOWS -> platform.variable("PROGRAMDATA").map(d -> List.of(platform.join(d, "jupyter"))).orElse(List.of());
            case MAC, LINUX -> List.of("/usr/local/share/jupyter", "/usr/share/jupyter");
        };
    }

    private static Optional<List<String>> dataPaths(String pathsJson) {
        try {
            JsonNode data = new ObjectMapper().readTree(pathsJson).path("data");
            List<String> dirs = new ArrayList<>();
            data.forEach(dir -> dirs.add(dir.asText()));
            return data.isArray() ? Optional.of(dirs) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String withoutTrailingSeparator(String dir) {
        return dir.length() > 1 && (dir.endsWith("/") || dir.endsWith("\\")) ? dir.substring(0, dir.length() - 1) : dir;
    }

    /**
     * {@code sys.prefix/share/jupyter} of the Python that runs {@code jupyter}. Asked of Jupyter
     * itself: with {@code JUPYTER_PREFER_ENV_PATH=1} its data path lists the environment's
     * directory first, before the user's (here a marker), unless that directory is one of the
     * system ones ({@code /usr/share/jupyter}, {@code /usr/local/share/jupyter}); then the
     * prefix is the one {@code jupyter} itself is installed in ({@code PREFIX/bin/jupyter},
     * {@code PREFIX\Scripts\jupyter.exe}).
     */
    String sysPrefix() throws InstallException {
        String jupyter = platform.jupyter().location().orElseThrow(() -> new InstallException(
                "--sys-prefix needs the jupyter command on PATH (the Python running it decides where its prefix is)"));
        String marker = platform.join(platform.home(), ".jconc-marker-not-a-directory");
        String paths = platform.jupyter()
                .run(Map.of("JUPYTER_PREFER_ENV_PATH", "1", "JUPYTER_DATA_DIR", marker, "JUPYTER_PATH", ""),
                        "--paths", "--json")
                .orElseThrow(() -> new InstallException(jupyter + " --paths --json failed: cannot tell its sys.prefix"));
        String first;
        try {
            JsonNode data = new ObjectMapper().readTree(paths).path("data");
            if (!data.isArray() || data.isEmpty()) {
                throw new InstallException(jupyter + " --paths --json listed no data directories");
            }
            first = data.get(0).asText();
        } catch (IOException e) {
            throw new InstallException(jupyter + " --paths --json printed something that is not JSON");
        }
        return first.equals(marker)
                ? platform.join(platform.prefixOfCommand(jupyter), "share", "jupyter")
                : first;
    }
}
