package jconc.kernel.install;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The installer's command line: {@code install|uninstall [--user | --sys-prefix | --prefix DIR]
 * [--name NAME] [--java PATH]}, or {@code --version}, or {@code --help}.
 */
record Options(Action action, Scope scope, String name, Optional<String> java) {

    enum Action { INSTALL, UNINSTALL, VERSION, HELP }

    /** Jupyter's rule for kernel names; a name never starts with a dot (no hidden or parent directory). */
    private static final Pattern KERNEL_NAME = Pattern.compile("[a-z0-9_-][a-z0-9._-]*");

    static Options parse(List<String> args) throws InstallException {
        Deque<String> rest = new ArrayDeque<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                rest.add(arg.substring(0, eq));
                rest.add(arg.substring(eq + 1));
            } else {
                rest.add(arg);
            }
        }
        if (rest.isEmpty()) {
            throw InstallException.usage("say what to do: install, uninstall, --version, --help or a connection file");
        }
        Action action = switch (rest.removeFirst()) {
            case "install" -> Action.INSTALL;
            case "uninstall" -> Action.UNINSTALL;
            case "--version", "-V" -> Action.VERSION;
            case "--help", "-h" -> Action.HELP;
            default -> throw InstallException.usage("unknown command " + args.get(0)
                    + ", and no such connection file");
        };
        Scope scope = null;
        String name = CommandLine.DEFAULT_NAME;
        Optional<String> java = Optional.empty();
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            if (action == Action.VERSION || action == Action.HELP) {
                throw InstallException.usage("unexpected " + option + " after " + args.get(0));
            }
            switch (option) {
                case "--user" -> scope = once(scope, Scope.USER, option);
                case "--sys-prefix" -> scope = once(scope, Scope.SYS_PREFIX, option);
                case "--prefix" -> scope = once(scope, Scope.prefix(value(rest, option)), option);
                case "--name" -> name = kernelName(value(rest, option));
                case "--java" -> java = Optional.of(value(rest, option));
                case "--help", "-h" -> {
                    return new Options(Action.HELP, Scope.USER, name, java);
                }
                default -> throw InstallException.usage("unknown option " + option);
            }
        }
        return new Options(action, scope == null ? Scope.USER : scope, name, java);
    }

    private static Scope once(Scope earlier, Scope scope, String option) throws InstallException {
        if (earlier != null) {
            throw InstallException.usage(option + ": give one of --user, --sys-prefix, --prefix DIR");
        }
        return scope;
    }

    private static String value(Deque<String> rest, String option) throws InstallException {
        String value = rest.pollFirst();
        if (value == null || value.isEmpty() || value.startsWith("--")) {
            throw InstallException.usage(option + " needs a value");
        }
        return value;
    }

    private static String kernelName(String name) throws InstallException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!KERNEL_NAME.matcher(lower).matches()) {
            throw InstallException.usage("--name " + name + ": a kernel name is letters, digits, '.', '_' and '-', "
                    + "not starting with '.'");
        }
        return lower;
    }
}
