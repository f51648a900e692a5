package jconc.kernel.install;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the installer knows of the machine it runs on: the operating system's family (its path
 * rules), the environment, the home directory and the {@code jupyter} command. Tests build one
 * for another platform; {@link #current()} describes this machine.
 */
record Platform(Os os, Map<String, String> env, String home, Jupyter jupyter) {

    /** The operating system families whose rules for Jupyter's directories differ. */
    enum Os {
        LINUX, MAC, WINDOWS;

        /** The family of an {@code os.name} system property: anything not macOS or Windows is Unix. */
        static Os of(String osName) {
            String name = osName.toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            return name.startsWith("mac") || name.startsWith("darwin") ? MAC : LINUX;
        }
    }

    static Platform current() {
        Os os = Os.of(System.getProperty("os.name"));
        Map<String, String> env = System.getenv();
        // Jupyter (Python's expanduser) takes the home from HOME, or USERPROFILE on Windows;
        // Java's user.home may differ (it reads the password database).
        String homeVariable = os == Os.WINDOWS ? "USERPROFILE" : "HOME";
        String home = Optional.ofNullable(env.get(homeVariable)).filter(h -> !h.isEmpty())
                .orElse(System.getProperty("user.home"));
        return new Platform(os, env, home, Jupyter.onPath(os, env));
    }

    /** An environment variable that is set and not empty. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /** {@code base} and {@code parts} joined with this platform's separator. */
    String join(String base, String... parts) {
        String separator = os == Os.WINDOWS ? "\\" : "/";
        StringBuilder path = new StringBuilder(base);
        for (String part : parts) {
            if (path.length() > 0 && !path.toString().endsWith(separator) && !path.toString().endsWith("/")) {
                path.append(separator);
            }
            path.append(part);
        }
        return path.toString();
    }

    /** The directory above {@code path}'s parent: a prefix from a command in its {@code bin}. */
    String prefixOfCommand(String path) {
        String normalized = os == Os.WINDOWS ? path.replace('/', '\\') : path;
        char separator = os == Os.WINDOWS ? '\\' : '/';
        String dir = normalized;
        for (int i = 0; i < 2; i++) {
            int cut = dir.lastIndexOf(separator);
            if (cut <= 0) {
                return dir.substring(0, Math.max(cut, 0) + 1);
            }
            dir = dir.substring(0, cut);
        }
        return dir;
    }

    /** The java launcher inside a Java home. */
    static Path javaIn(Path javaHome, Os os) {
        return javaHome.resolve("bin").resolve(os == Os.WINDOWS ? "java.exe" : "java");
    }
}
