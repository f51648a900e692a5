package jconc.kernel.magic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jconc.kernel.engine.Errors;
import jconc.kernel.engine.Magic;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;

/** {@code %classpath PATH...} and {@code %jars GLOB...}: more classes for the session. */
final class ClassPath {
    private ClassPath() {
    }

    static Outcome add(Magic.Call call) {
        String args = call.args();
        if (args.isBlank()) {
            call.cell().streams().write("stdout", String.join("\n", call.engine().classPath()) + "\n");
            return new Ok();
        }
        List<String> added = new ArrayList<>();
        for (String arg : args.split("\\s+")) {
            List<Path> found = expand(arg);
            if (found.isEmpty()) {
                return Errors.failed("FileNotFound", "nothing matches " + arg);
            }
            for (Path p : found) {
                call.engine().addToClassPath(p.toAbsolutePath().toString());
                added.add(p.toString());
            }
        }
        call.cell().streams().write("stdout", "Added to the class path: " + String.join(", ", added) + "\n");
        return new Ok();
    }

    private static List<Path> expand(String arg) {
        if (!arg.contains("*") && !arg.contains("?")) {
            Path p = Path.of(arg);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        Path dir = Path.of(arg).getParent() == null ? Path.of(".") : Path.of(arg).getParent();
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(arg).getFileName());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> m.matches(p.getFileName())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
