package jconc.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal: what a parent and its child JVMs agree on, in one place for both sides: the
 * environment a child starts with, the services each side offers and their operations, and the
 * messages they exchange. A message travels as its record's {@code args()} and is read back
 * with the record's {@code of(args)}.
 *
 * <p>The exchange: the child connects to the parent's {@link Hub} and says {@link Hello} to the
 * parent's {@link #CONTROL} service; the parent sends {@link Run}s (and finally
 * {@link ChildOp#EXIT}) to the child's {@link #CHILD} service; the child answers each run with
 * a {@link Result}, and asks {@link ControlOp#CLASS} for a class it was not sent.
 */
final class ChildContract {
    /** The address of the parent's hub. */
    static final String HUB_ENV = "JCONC_HUB";
    /** The authkey of the process tree, in hex. */
    static final String AUTHKEY_ENV = "JCONC_AUTHKEY";
    /** The token that names the child to its parent. */
    static final String TOKEN_ENV = "JCONC_TOKEN";
    /** Set for a warm standby child, which finishes warming up before it takes a job. */
    static final String STANDBY_ENV = "JCONC_STANDBY";
    /** Set (to anything) to print when a child reaches each step of its start and exit. */
    static final String TRACE_ENV = "JCONC_TRACE";

    /** The system property that, set to "false", starts no standby child (a child sets it for itself). */
    static final String STANDBY_PROPERTY = "jconc.process.standby";

    /** The parent's service for its children. */
    static final String CONTROL = "control";
    /** The child's service for its parent. */
    static final String CHILD = "child";

    private ChildContract() {
    }

    /** What a child asks of its parent. */
    enum ControlOp {
        /** {@link Hello}: the child has connected. */
        HELLO,
        /** {@link Result}: a run has ended. */
        RESULT,
        /** A class's name: its bytes, or null (a request). */
        CLASS
    }

    /** What a parent tells its child. */
    enum ChildOp {
        /** {@link Run}: run a job. */
        RUN,
        /** No arguments: exit after the jobs given so far. */
        EXIT
    }

    /** The child has connected: its token and pid. */
    record Hello(String token, long pid) {
        Object[] args() {
            return new Object[] {token, pid};
        }

        static Hello of(Object[] a) {
            return new Hello((String) a[0], ((Number) a[1]).longValue());
        }
    }

    /**
     * A job to run: the classes of the parent's memory the child was not sent yet (by name),
     * the optional copy of top-level variables, the serialized job, whether the child is a
     * one-shot {@code ChildProcess} (it then exits after the job), and the child's name.
     */
    record Run(long id, Map<String, byte[]> classes, byte[] globals, byte[] payload, boolean oneShot, String name) {
        Object[] args() {
            Object[] pairs = new Object[classes.size() * 2];
            int i = 0;
            for (var e : classes.entrySet()) {
                pairs[i++] = e.getKey();
                pairs[i++] = e.getValue();
            }
            return new Object[] {id, pairs, globals, payload, oneShot, name};
        }

        static Run of(Object[] a) {
            Object[] pairs = (Object[]) a[1];
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                classes.put((String) pairs[i], (byte[]) pairs[i + 1]);
            }
            return new Run(((Number) a[0]).longValue(), classes, (byte[]) a[2], (byte[]) a[3], (Boolean) a[4], (String) a[5]);
        }
    }

    /**
     * How run {@code id} ended in the child with token {@code token}: its result or exception
     * as a wire value, when it ran (microseconds since the epoch), and the child's pid.
     */
    record Result(String token, long id, boolean ok, Object value, long startMicros, long endMicros, long pid) {
        Object[] args() {
            return new Object[] {token, id, ok, value, startMicros, endMicros, pid};
        }

        static Result of(Object[] a) {
            return new Result((String) a[0], ((Number) a[1]).longValue(), (Boolean) a[2], a[3],
                    ((Number) a[4]).longValue(), ((Number) a[5]).longValue(), ((Number) a[6]).longValue());
        }
    }
}
