package jconc.kernel.install;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import jconc.kernel.engine.Version;

/**
 * {@code java -jar jconc.jar install|uninstall|--version|--help}: the kernel's jar installs and
 * removes itself as a Jupyter kernel, with no Python, Maven or shell script. Errors are one line
 * on stderr and a non-zero exit status; success says where and what to run next.
 */
public final class CommandLine {
    static final String DEFAULT_NAME = "jconc";
    private static final Set<String> COMMANDS = Set.of("install", "uninstall", "--version", "-V", "--help", "-h");

    static final String HELP = """
            usage: java -jar jconc-kernel-all.jar install   [--user | --sys-prefix | --prefix DIR] [--name NAME] [--java PATH]
                   java -jar jconc-kernel-all.jar uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]
                   java -jar jconc-kernel-all.jar --version

            install      registers this jar with Jupyter as the kernel "Java (jconc)": writes the
                         kernelspec DATA_DIR/kernels/NAME with a copy of the jar inside, and records a
                         class-data archive so that kernels start faster. Running it again replaces it.
            uninstall    removes that kernelspec again.

              --user        for the current user (the default): Jupyter's data directory
                            (JUPYTER_DATA_DIR, else `jupyter --data-dir`, else the platform's default)
              --sys-prefix  for the Python environment that runs `jupyter` (sys.prefix/share/jupyter)
              --prefix DIR  under DIR/share/jupyter (readable by every user, as --sys-prefix)
              --name NAME   the kernel's name (default jconc)
              --java PATH   the java the kernel runs on: a JDK 17 or newer (default: this java)
            """;

    private CommandLine() {
    }

    /** Whether {@code args} is a command of the installer rather than a kernel's connection file. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command on this machine and returns the process exit status. */
    public static int run(String[] args) {
        Platform platform = Platform.current();
        Path java = Platform.javaIn(Path.of(System.getProperty("java.home")), platform.os());
        return run(Arrays.asList(args), platform, java, System.out, System.err);
    }

    static int run(List<String> args, Platform platform, Path runningJava, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            switch (options.action()) {
                case HELP -> out.print(HELP);
                case VERSION -> out.println("jconc " + Version.VALUE + " (Java " + Runtime.version() + ")");
                case INSTALL -> install(options, platform, runningJava, out);
                case UNINSTALL -> uninstall(options, platform, out);
            }
            return 0;
        } catch (InstallException e) {
            err.println("jconc: " + e.getMessage());
            return e.status();
        } catch (InterruptedException e) {
            err.println("jconc: interrupted");
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void install(Options options, Platform platform, Path runningJava, PrintStream out)
            throws InstallException, InterruptedException {
        JavaRuntime java = JavaRuntime.probe(options.java().map(Path::of).orElse(runningJava).toAbsolutePath());
        Path dataDir = dataDir(options, platform);
        var installer = new KernelSpecInstaller(runningJar());
        var installed = installer.install(dataDir, options.name(), java, options.scope().systemWide());
        out.println("installed kernel '" + options.name() + "' (" + KernelJson.displayName(options.name()) + ") in "
                + installed.directory() + ", running on Java " + java.major() + " (" + java.executable() + ")");
        if (installed.archive().isEmpty()) {
            out.println("no start-up archive could be recorded: the kernel starts a little slower");
        }
        if (options.scope().kind() == Scope.Kind.PREFIX && !new JupyterDataDir(platform).searchedByDefault(dataDir.toString())) {
            out.println("next: jupyter notebook, with JUPYTER_PATH=" + dataDir
                    + " in the environment (Jupyter looks under a --prefix only when told)");
        } else {
            out.println("next: jupyter notebook    (or: jupyter console --kernel " + options.name() + ")");
        }
    }

    private static void uninstall(Options options, Platform platform, PrintStream out) throws InstallException {
        if (options.java().isPresent()) {
            throw InstallException.usage("uninstall takes no --java");
        }
        Path dataDir = dataDir(options, platform);
        Path kernels = dataDir.resolve("kernels");
        if (KernelSpecInstaller.uninstall(dataDir, options.name())) {
            out.println("removed kernel '" + options.name() + "' from " + kernels);
        } else {
            out.println("kernel '" + options.name() + "' was not installed in " + kernels + ": nothing to remove");
        }
    }

    /** Jupyter's data directory for the scope asked for, as an absolute path (kernel.json names files by it). */
    private static Path dataDir(Options options, Platform platform) throws InstallException {
        return Path.of(new JupyterDataDir(platform).of(options.scope())).toAbsolutePath().normalize();
    }

    /** The jar this code runs from: the one copied into the kernelspec. */
    private static Path runningJar() throws InstallException {
        try {
            Path location = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // reported below
        }
        throw new InstallException("install runs from the kernel's jar: java -jar jconc-kernel-all.jar install");
    }
}
