package jconc;

/**
 * The failure of work done in another process: an exception thrown there (its stack trace is
 * this exception's cause, as the child printed it), or a child that ended before reporting.
 *
 * <pre>{@code
 * var p = new ChildProcess(() -> { throw new IllegalStateException("boom"); }).start();
 * p.join();
 * p.exitCode();        // 1
 * p.exception();       // ChildProcessException caused by IllegalStateException: boom
 * }</pre>
 *
 * <p>Pitfall: a cause whose class exists only in the child (or that could not be serialized)
 * arrives as a copy that keeps its class name, message and stack trace but not its type.
 *
 * <p>Python prints the child's traceback and sets {@code exitcode} to 1; jconc does both and
 * also hands the exception to the parent.
 */
public class ChildProcessException extends RuntimeException {
    private final long pid;

    /** A failure in process {@code pid}. */
    public ChildProcessException(String message, long pid, Throwable cause) {
        super(message, cause);
        this.pid = pid;
    }

    /** The process the work ran in. */
    public long pid() {
        return pid;
    }
}
