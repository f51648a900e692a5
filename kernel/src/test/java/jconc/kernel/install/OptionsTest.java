package jconc.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static Options parse(String... args) throws InstallException {
        return Options.parse(List.of(args));
    }

    @Test
    void installDefaultsToTheUserAndTheNameJconc() throws Exception {
        Options o = parse("install");
        assertEquals(Options.Action.INSTALL, o.action());
        assertEquals(Scope.USER, o.scope());
        assertEquals("jconc", o.name());
        assertEquals(Optional.empty(), o.java());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        Options o = parse("install", "--prefix", "/opt/x", "--name", "Jconc-JDK25", "--java=/jdk/bin/java");
        assertEquals(Scope.prefix("/opt/x"), o.scope());
        assertEquals("jconc-jdk25", o.name(), "Jupyter's kernel names are lower case");
        assertEquals(Optional.of("/jdk/bin/java"), o.java());
        assertEquals(Scope.SYS_PREFIX, parse("uninstall", "--sys-prefix").scope());
    }

    @Test
    void badInputIsAUsageError() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("instal"), List.of("install", "--bogus"),
                List.of("install", "--prefix"), List.of("install", "--prefix", "--name", "x"),
                List.of("install", "--user", "--prefix", "/x"), List.of("install", "--name", ".."),
                List.of("install", "--name", "a/b"), List.of("--version", "extra"))) {
            var error = assertThrows(InstallException.class, () -> Options.parse(args), args.toString());
            assertEquals(2, error.status(), args.toString());
            assertTrue(error.getMessage().endsWith("(see --help)"), error.getMessage());
        }
    }

    @Test
    void aUsageErrorIsOneLineOnStderrAndStatusTwo() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var platform = new Platform(Platform.Os.LINUX, Map.of(), "/home/ada", FakeJupyter.absent());
        int status = CommandLine.run(List.of("install", "--bogus"), platform, Path.of("/no/java"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("jconc: unknown option --bogus (see --help)" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theJavaVersionIsReadFromTheJvmsProperties() {
        assertEquals(OptionalInt.of(17), JavaRuntime.major("    java.specification.version = 17\n"));
        assertEquals(OptionalInt.of(8), JavaRuntime.major("Property settings:\n    java.specification.version = 1.8\n"));
        assertEquals(OptionalInt.of(25), JavaRuntime.major("    java.vm.specification.version = 25\n    java.specification.version = 25\n"));
        assertEquals(OptionalInt.empty(), JavaRuntime.major("    java.vm.specification.version = 17\n"));
        assertEquals(OptionalInt.empty(), JavaRuntime.major("hello"));
    }

    @Test
    void aPrefixIsTheDirectoryAboveTheCommandsOne() {
        var linux = new Platform(Platform.Os.LINUX, Map.of(), "/", FakeJupyter.absent());
        assertEquals("/usr", linux.prefixOfCommand("/usr/bin/jupyter"));
        assertEquals("/", linux.prefixOfCommand("/bin/jupyter"));
        var windows = new Platform(Platform.Os.WINDOWS, Map.of(), "C:\\", FakeJupyter.absent());
        assertEquals("C:\\env", windows.prefixOfCommand("C:\\env\\Scripts\\jupyter.exe"));
    }
}
