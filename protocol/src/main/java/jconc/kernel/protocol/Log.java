package jconc.kernel.protocol;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The kernel's own log, on the real stderr of the process (the frontend's log window). */
public final class Log {
    private static final PrintStream OUT = System.err;
    private static final boolean DEBUG = System.getenv("JCONC_DEBUG") != null;

    private Log() {
    }

    public static void info(String message) {
        OUT.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [jconc] " + message);
    }

    public static void warn(String message, Throwable error) {
        info("WARNING " + message + (error == null ? "" : ": " + error));
        if (DEBUG && error != null) {
            error.printStackTrace(OUT);
        }
    }

    public static void debug(String message) {
        if (DEBUG) {
            info(message);
        }
    }

    /** The stream this log writes to, taken before anything replaced System.err. */
    public static PrintStream stream() {
        return OUT;
    }
}
