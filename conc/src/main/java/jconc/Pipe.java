package jconc;

import jconc.process.Endpoint;
import jconc.process.SharedObjects;
import jconc.process.SharedObjects.PipeOp;

/**
 * A pipe between two processes: two {@link Connection} ends; what one end sends, the other
 * receives. Keep one end, give the other to a child.
 *
 * <pre>{@code
 * var pipe = new Pipe();
 * Connection parentEnd = pipe.first(), childEnd = pipe.second();
 * new ChildProcess(c -> { c.send(Arrays.asList("Hello", null, "World")); c.close(); }, childEnd).start();
 * System.out.println(parentEnd.recv());   // [Hello, null, World]
 * }</pre>
 *
 * <p>Pitfall: {@code recv} waits until something arrives. It raises
 * {@link java.io.EOFException} once the other end is closed (or its process has ended) and
 * nothing is left, instead of hanging; still, a pipe whose other end nobody ever uses
 * waits forever: use {@link Connection#poll(long, java.util.concurrent.TimeUnit)}.
 *
 * <p>Mirrors Python's {@code multiprocessing.Pipe(duplex=True)}, which returns the two ends as a
 * tuple; here they are {@link #first()} and {@link #second()}. Values are serialized copies.
 */
public final class Pipe {
    private final Connection first;
    private final Connection second;

    /** A duplex pipe: both ends send and receive. */
    public Pipe() {
        this(true);
    }

    /**
     * A pipe; when {@code duplex} is false, {@link #first()} only receives and
     * {@link #second()} only sends, as in Python.
     */
    public Pipe(boolean duplex) {
        Endpoint<PipeOp> endpoint = SharedObjects.pipe();
        first = new Connection(endpoint, 0, true, duplex);
        second = new Connection(endpoint, 1, duplex, true);
    }

    /** The first end (Python's {@code conn1}; the receiving end of a one-way pipe). */
    public Connection first() {
        return first;
    }

    /** The second end (Python's {@code conn2}; the sending end of a one-way pipe). */
    public Connection second() {
        return second;
    }
}
