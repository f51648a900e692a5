package jconc;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import jconc.process.Codec;
import jconc.process.Endpoint;
import jconc.process.SharedObjects.PipeOp;
import jconc.process.PipeEndStream;
import jconc.process.Transfers;

/**
 * One end of a {@link Pipe}: sends objects to the other end and receives what it sends. Pass it
 * to a child process as an argument or capture it; it works the same there.
 *
 * <pre>{@code
 * Connection c = pipe.first();
 * c.send(42);
 * if (c.poll(1, TimeUnit.SECONDS)) { Object reply = c.recv(); }
 * c.close();
 * }</pre>
 *
 * <p>Pitfall: after the other end is closed, {@code recv} still returns what was sent before
 * and raises {@link EOFException} only when nothing is left.
 *
 * <p>Mirrors Python's {@code multiprocessing.connection.Connection}: {@code send},
 * {@code recv}, {@code poll([timeout])}, {@code close}. A send to a closed end raises
 * {@link EOFException} (Python raises {@code BrokenPipeError}) once that is known: at once in
 * the process that made the pipe; elsewhere as soon as the pipe's owner has seen it. Like a
 * Python pipe, each end in another process has a connection of its own to the owner, so a value
 * wakes one thread on each side.
 */
public final class Connection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Endpoint<PipeOp> endpoint;
    private final int end;
    private final boolean readable;
    private final boolean writable;
    private transient volatile PipeEndStream ownConnection;

    Connection(Endpoint<PipeOp> endpoint, int end, boolean readable, boolean writable) {
        this.endpoint = endpoint;
        this.end = end;
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * Sends a serialized copy of {@code value} to the other end. Does not wait for a receiver:
     * what nobody receives yet is kept (in the process that made the pipe).
     */
    public void send(Object value) throws EOFException {
        if (!writable) {
            throw new IllegalStateException("this end of a one-way pipe only receives");
        }
        Object wire = Codec.toWire(value);
        PipeEndStream stream = stream();
        if (stream != null) {
            stream.send(wire);
            return;
        }
        try {
            endpoint.sendNow(PipeOp.SEND, end, wire);
        } catch (EOFException e) {
            throw e;
        } catch (Exception e) {
            Calls.rethrow(e);
        }
    }

    /**
     * Receives the next value, waiting as long as it takes.
     *
     * @throws EOFException if the other end is closed (or its process ended) and nothing is left
     */
    public Object recv() throws EOFException, InterruptedException {
        requireReadable();
        PipeEndStream stream = stream();
        if (stream != null) {
            return Codec.fromWire(stream.recv(-1)[0]);
        }
        try {
            Object[] got = (Object[]) endpoint.callDirect(PipeOp.RECV, end, -1L);
            return Codec.fromWire(got[0]);
        } catch (EOFException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(Calls.rethrow(e));
        }
    }

    /** Whether a value (or the end of the stream) can be received now. Never waits. */
    public boolean poll() {
        try {
            return poll(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits at most {@code timeout} for a value (or the end of the stream); returns whether one is there. */
    public boolean poll(long timeout, TimeUnit unit) throws InterruptedException {
        requireReadable();
        long nanos = Math.max(0, unit.toNanos(timeout));
        PipeEndStream stream = stream();
        if (stream != null) {
            return stream.poll(nanos);
        }
        try {
            return (Boolean) endpoint.callDirect(PipeOp.POLL, end, nanos);
        } catch (Exception e) {
            throw Calls.rethrow(e);
        }
    }

    /** Closes this end; the other end's {@code recv} raises once it has read what is left. */
    public void close() {
        PipeEndStream stream = stream();
        if (stream != null) {
            stream.close();  // what this end sent arrives before the close below takes effect
        }
        try {
            endpoint.call(PipeOp.CLOSE, end);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the owner is gone: the pipe is closed anyway
        }
    }

    /** Whether this end has been closed. */
    public boolean isClosed() {
        PipeEndStream stream = stream();
        if (stream != null) {
            return stream.isClosed();
        }
        try {
            return (Boolean) endpoint.call(PipeOp.CLOSED, end);
        } catch (Exception e) {
            return true;
        }
    }

    /** This end's own connection to the pipe's owner, when it is used in another process and has one. */
    private PipeEndStream stream() {
        PipeEndStream s = ownConnection;
        if (s == null && !endpoint.isLocal()) {
            s = PipeEndStream.of(endpoint, end);
            ownConnection = s;  // found once per copy of this end, not on every send and receive
        }
        return s;
    }

    private void requireReadable() {
        if (!readable) {
            throw new IllegalStateException("this end of a one-way pipe only sends");
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (endpoint.isLocal()) {
            Endpoint<PipeOp> ep = endpoint;
            int e = end;
            if (Transfers.whenReceiverExits(() -> tellOwner(ep, PipeOp.HOLDER_GONE, e))) {
                tellOwner(ep, PipeOp.HOLDER_ADDED, e);
            }
        }
        out.defaultWriteObject();
    }

    /** Tells this end's pipe (in this process) that a child was given the end, or has ended. */
    private static void tellOwner(Endpoint<PipeOp> ep, PipeOp op, int e) {
        try {
            ep.call(op, e);
        } catch (Exception ignored) {
            // closed already
        }
    }

    @Override
    public String toString() {
        return "Connection[" + endpoint.id() + " end " + (end + 1) + "]";
    }
}
