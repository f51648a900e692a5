package jconc.process;

import java.io.IOException;

/** Internal: a child that ended before it reported the result of its job. */
final class ChildDied extends IOException {
    ChildDied(long pid, int exitCode) {
        super(describe(pid, exitCode));
    }

    private static String describe(long pid, int code) {
        String how = code > 128 && code < 160 ? "was killed by signal " + (code - 128) + signalName(code - 128)
                : code == 3 ? "exited with code 3 (out of memory, or System.exit(3))"
                : "exited with code " + code;
        return "child process " + pid + " " + how + " before it reported a result";
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> " (SIGKILL)";
            case 15 -> " (SIGTERM)";
            case 6 -> " (SIGABRT)";
            case 11 -> " (SIGSEGV)";
            default -> "";
        };
    }
}
