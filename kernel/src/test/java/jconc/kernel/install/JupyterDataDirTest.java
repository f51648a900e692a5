package jconc.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jconc.kernel.install.Platform.Os;
import org.junit.jupiter.api.Test;

class JupyterDataDirTest {

    private static String user(Os os, String home, Map<String, String> env) {
        return new JupyterDataDir(new Platform(os, env, home, FakeJupyter.absent())).user();
    }

    @Test
    void linuxDefaultsToLocalShareUnderHome() {
        assertEquals("/home/ada/.local/share/jupyter", user(Os.LINUX, "/home/ada", Map.of()));
    }

    @Test
    void linuxFollowsXdgDataHome() {
        assertEquals("/data/ada/jupyter", user(Os.LINUX, "/home/ada", Map.of("XDG_DATA_HOME", "/data/ada")));
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertEquals("/home/ada/.local/share/jupyter", user(Os.LINUX, "/home/ada", Map.of("XDG_DATA_HOME", "")));
    }

    @Test
    void macOsUsesLibraryJupyter() {
        assertEquals("/Users/ada/Library/Jupyter", user(Os.MAC, "/Users/ada", Map.of("XDG_DATA_HOME", "/ignored")));
    }

    @Test
    void windowsUsesAppData() {
        assertEquals("C:\\Users\\Ada Lovelace\\AppData\\Roaming\\jupyter",
                user(Os.WINDOWS, "C:\\Users\\Ada Lovelace", Map.of("APPDATA", "C:\\Users\\Ada Lovelace\\AppData\\Roaming")));
    }

    @Test
    void windowsWithoutAppDataUsesTheConfigDirectory() {
        assertEquals("C:\\Users\\ada\\.jupyter\\data", user(Os.WINDOWS, "C:\\Users\\ada", Map.of()));
        assertEquals("D:\\conf\\data", user(Os.WINDOWS, "C:\\Users\\ada", Map.of("JUPYTER_CONFIG_DIR", "D:\\conf")));
    }

    @Test
    void jupyterDataDirWinsOnEveryPlatform() {
        for (Os os : Os.values()) {
            assertEquals("/somewhere", user(os, "/home/ada", Map.of("JUPYTER_DATA_DIR", "/somewhere",
                    "XDG_DATA_HOME", "/x", "APPDATA", "/y")));
        }
    }

    @Test
    void jupyterOnPathIsAskedBeforeThePlatformDefault() {
        var jupyter = new FakeJupyter("/opt/conda/bin/jupyter",
                args -> args.equals(List.of("--data-dir")) ? Optional.of("/opt/jupyter-data\n") : Optional.empty());
        var platform = new Platform(Os.LINUX, Map.of("XDG_DATA_HOME", "/x"), "/home/ada", jupyter);
        assertEquals("/opt/jupyter-data", new JupyterDataDir(platform).user());
    }

    @Test
    void aJupyterThatFailsLeavesThePlatformDefault() {
        var jupyter = new FakeJupyter("/usr/bin/jupyter", args -> Optional.empty());
        var platform = new Platform(Os.MAC, Map.of(), "/Users/ada", jupyter);
        assertEquals("/Users/ada/Library/Jupyter", new JupyterDataDir(platform).user());
    }

    @Test
    void prefixIsShareJupyterUnderIt() throws Exception {
        var linux = new Platform(Os.LINUX, Map.of(), "/home/ada", FakeJupyter.absent());
        assertEquals("/usr/local/share/jupyter", new JupyterDataDir(linux).of(Scope.prefix("/usr/local")));
        assertEquals("/opt/x/share/jupyter", new JupyterDataDir(linux).of(Scope.prefix("/opt/x/")));
        var windows = new Platform(Os.WINDOWS, Map.of(), "C:\\Users\\ada", FakeJupyter.absent());
        assertEquals("C:\\Program Files\\jconc\\share\\jupyter",
                new JupyterDataDir(windows).of(Scope.prefix("C:\\Program Files\\jconc")));
    }

    /** What jupyter_core prints for --paths --json with JUPYTER_PREFER_ENV_PATH=1. */
    private static Optional<String> paths(List<String> args, List<String> data) {
        if (!args.equals(List.of("--paths", "--json"))) {
            return Optional.empty();
        }
        StringBuilder json = new StringBuilder("{\"config\": [], \"data\": [");
        for (int i = 0; i < data.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(data.get(i).replace("\\", "\\\\")).append('"');
        }
        return Optional.of(json.append("], \"runtime\": []}").toString());
    }

    /** Where --sys-prefix installs on {@code os}, with this {@code jupyter} on PATH. */
    private static String sysPrefix(Os os, String home, FakeJupyter jupyter) throws InstallException {
        return new JupyterDataDir(new Platform(os, Map.of(), home, jupyter)).of(Scope.SYS_PREFIX);
    }

    /** A jupyter at {@code location} whose --paths --json lists {@code data}. */
    private static FakeJupyter jupyterAt(String location, String... data) {
        return new FakeJupyter(location, args -> paths(args, List.of(data)));
    }

    @Test
    void sysPrefixOfAVirtualEnvironmentIsTheFirstDataPathJupyterNames() throws Exception {
        var jupyter = jupyterAt("/home/ada/venv/bin/jupyter", "/home/ada/venv/share/jupyter",
                "/home/ada/.jconc-marker-not-a-directory", "/usr/local/share/jupyter", "/usr/share/jupyter");
        assertEquals("/home/ada/venv/share/jupyter", sysPrefix(Os.LINUX, "/home/ada", jupyter));
        Map<String, String> asked = jupyter.environments.get(0);
        assertEquals("1", asked.get("JUPYTER_PREFER_ENV_PATH"));
        assertEquals("/home/ada/.jconc-marker-not-a-directory", asked.get("JUPYTER_DATA_DIR"));
        assertEquals("", asked.get("JUPYTER_PATH"), "a JUPYTER_PATH of the caller must not come first");
    }

    @Test
    void sysPrefixThatIsASystemDirectoryComesFromWhereJupyterIs() throws Exception {
        // Debian's /usr/bin/jupyter: sys.prefix /usr is one of Jupyter's system paths, so the
        // environment's entry is not listed first.
        assertEquals("/usr/share/jupyter", sysPrefix(Os.LINUX, "/root", jupyterAt("/usr/bin/jupyter",
                "/root/.jconc-marker-not-a-directory", "/root/.local/share/jupyter",
                "/usr/local/share/jupyter", "/usr/share/jupyter")));
    }

    @Test
    void sysPrefixOnWindowsComesFromTheScriptsDirectory() throws Exception {
        assertEquals("C:\\Python312\\share\\jupyter", sysPrefix(Os.WINDOWS, "C:\\Users\\ada",
                jupyterAt("C:\\Python312\\Scripts\\jupyter.exe",
                        "C:\\Users\\ada\\.jconc-marker-not-a-directory", "C:\\ProgramData\\jupyter")));
        assertEquals("C:\\Users\\ada\\miniconda3\\share\\jupyter", sysPrefix(Os.WINDOWS, "C:\\Users\\ada",
                jupyterAt("C:\\Users\\ada\\miniconda3\\Scripts\\jupyter.exe",
                        "C:\\Users\\ada\\miniconda3\\share\\jupyter", "C:\\Users\\ada\\.jconc-marker-not-a-directory")));
    }

    @Test
    void sysPrefixWithoutJupyterIsAClearError() {
        var platform = new Platform(Os.LINUX, Map.of(), "/home/ada", FakeJupyter.absent());
        var error = assertThrows(InstallException.class, () -> new JupyterDataDir(platform).of(Scope.SYS_PREFIX));
        assertTrue(error.getMessage().contains("needs the jupyter command on PATH"), error.getMessage());
    }

    @Test
    void sysPrefixWithAJupyterPrintingNonsenseIsAClearError() {
        var jupyter = new FakeJupyter("/usr/bin/jupyter", args -> Optional.of("Traceback (most recent call last):"));
        var platform = new Platform(Os.LINUX, Map.of(), "/home/ada", jupyter);
        var error = assertThrows(InstallException.class, () -> new JupyterDataDir(platform).of(Scope.SYS_PREFIX));
        assertTrue(error.getMessage().contains("not JSON"), error.getMessage());
    }

    @Test
    void aPrefixIsSearchedByDefaultWhenJupyterListsItsDataDirectory() {
        var jupyter = jupyterAt("/usr/bin/jupyter", "/root/.local/share/jupyter", "/usr/local/share/jupyter",
                "/usr/share/jupyter");
        var dirs = new JupyterDataDir(new Platform(Os.LINUX, Map.of(), "/root", jupyter));
        assertTrue(dirs.searchedByDefault("/usr/local/share/jupyter"));
        assertTrue(dirs.searchedByDefault("/usr/local/share/jupyter/"));
        assertFalse(dirs.searchedByDefault("/opt/class/share/jupyter"));
    }

    @Test
    void withoutJupyterOnlyTheSystemDirectoriesAreSearchedByDefault() {
        var linux = new JupyterDataDir(new Platform(Os.LINUX, Map.of(), "/home/ada", FakeJupyter.absent()));
        assertTrue(linux.searchedByDefault("/usr/share/jupyter"));
        assertFalse(linux.searchedByDefault("/opt/class/share/jupyter"));
        var windows = new JupyterDataDir(new Platform(Os.WINDOWS, Map.of("PROGRAMDATA", "C:\\ProgramData"),
                "C:\\Users\\ada", FakeJupyter.absent()));
        assertTrue(windows.searchedByDefault("C:\\ProgramData\\jupyter"));
        assertFalse(windows.searchedByDefault("C:\\class\\share\\jupyter"));
    }
}
