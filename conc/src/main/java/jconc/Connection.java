package jconc;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import jconc.process.Calls;
import jconc.process.Codec;
import jconc.process.Endpoint;
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
 * {@code recv}, {@code poll([timeout])}, {@code close}. A send to an end closed in another
 * process is dropped (Python raises {@code BrokenPipeError}); a send from the owner process
 * raises {@link EOFException} at once.
 */
public final class Connection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Endpoint endpoint;
    private final int end;
    private final boolean readable;
    private final boolean writable;

    Connection(Endpoint endpoint, int end, boolean readable, boolean writable) {
        this.endpoint = endpoint;
        this.end = end;
        this.readable = readable;
        this.writable = writable;
    }

    /** Sends a serialized copy of {@code value} to the other end. Never waits. */
    public void send(Object value) throws EOFException {
        if (!writable) {
            throw new IllegalStateException("this end of a one-way pipe only receives");
        }
        Object wire = Codec.toWire(value);
        try {
            endpoint.sendNow("send", end, wire);
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
        try {
            Object[] got = (Object[]) endpoint.callDirect("recv", end, -1L);
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
        try {
            return (Boolean) endpoint.callDirect("poll", end, Math.max(0, unit.toNanos(timeout)));
        } catch (Exception e) {
            throw Calls.rethrow(e);
        }
    }

    /** Closes this end; the other end's {@code recv} raises once it has read what is left. */
    public void close() {
        try {
            endpoint.call("close", end);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the owner is gone: the pipe is closed anyway
        }
    }

    /** Whether this end has been closed. */
    public boolean isClosed() {
        try {
            return (Boolean) endpoint.call("closed", end);
        } catch (Exception e) {
            return true;
        }
    }

    private void requireReadable() {
        if (!readable) {
            throw new IllegalStateException("this end of a one-way pipe only sends");
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (endpoint.isLocal()) {
            Endpoint ep = endpoint;
            int e = end;
            Transfers.whenReceiverExits(() -> {
                try {
                    ep.localService().handle("holderGone", new Object[] {e}, null);
                } catch (Exception ignored) {
                    // closed already
                }
            });
        }
        out.defaultWriteObject();
    }

    @Override
    public String toString() {
        return "Connection[" + endpoint.id() + " end " + (end + 1) + "]";
    }
}
