package jconc.kernel.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JDK the kernel can run on: Java 17 or newer, with JShell (a JDK, not a runtime alone). */
record JavaRuntime(Path executable, int major) {
    static final int MINIMUM = 17;
    private static final Pattern SPECIFICATION = Pattern.compile("(?m)^\\s*java\\.specification\\.version = (\\S+)");

    /**
     * Runs {@code executable} once to learn its version and modules.
     *
     * @throws InstallException naming the problem when it is not a java, too old, or has no JShell
     */
    static JavaRuntime probe(Path executable) throws InstallException {
        if (!Files.isRegularFile(executable)) {
            throw new InstallException(executable + " does not exist (--java names the java executable, e.g. JDK/bin/java)");
        }
        Path real;
        try {
            real = executable.toRealPath();
        } catch (IOException e) {
            throw new InstallException("cannot read " + executable + ": " + e.getMessage());
        }
        Commands.Result result;
        try {
            result = Commands.run(List.of(real.toString(), "-XshowSettings:properties", "--list-modules"),
                    Map.of(), Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new InstallException(executable + " is not a java executable (it cannot be run)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException("interrupted while asking " + executable + " for its version");
        }
        String printed = result.stdout() + "\n" + result.stderr();
        OptionalInt major = major(printed);
        if (major.isEmpty()) {
            throw new InstallException(executable + " is not a java executable (it names no Java version)");
        }
        if (major.getAsInt() < MINIMUM) {
            throw new InstallException(executable + " is Java " + major.getAsInt() + "; jconc needs Java "
                    + MINIMUM + " or newer (pass --java with a newer one)");
        }
        if (!printed.contains("jdk.jshell@")) {
            throw new InstallException(executable + " is a Java runtime without JShell (module jdk.jshell): "
                    + "jconc needs a JDK");
        }
        return new JavaRuntime(real, major.getAsInt());
    }

    /** The major version in the output of {@code -XshowSettings:properties}: 8 for "1.8", 17 for "17". */
    static OptionalInt major(String printed) {
        Matcher m = SPECIFICATION.matcher(printed);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        String[] parts = m.group(1).split("\\.");
        try {
            int first = Integer.parseInt(parts[0]);
            return OptionalInt.of(first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
