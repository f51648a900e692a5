package jconc.process;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Internal: one end of a pipe in a process other than the pipe's owner, over a connection of
 * its own to the owner ({@link PipeCore#holdsRemotely}). A send is one write and a receive one
 * read, both by the calling thread, as on a Python pipe; no request goes to the owner.
 *
 * <p>A receive that an interrupt wakes throws {@link InterruptedException} and loses nothing.
 *
 * <p>Public because a pipe end of the helper API held in a process other than the pipe's owner
 * sends and receives through it.
 */
public final class PipeEndStream {
    private static final Map<String, Optional<PipeEndStream>> HELD = new ConcurrentHashMap<>();

    private final FrameChannel channel;
    private final ReentrantLock reading = new ReentrantLock();
    private final Object writing = new Object();
    /** A value that {@link #poll} read ahead (guarded by {@code reading}). */
    private Msg ahead;
    /** Whether the owner closed the connection (guarded by {@code reading}). */
    private boolean ended;
    /** How the connection ended, if not by a plain end of stream (guarded by {@code reading}). */
    private IOException endCause;
    private volatile boolean closed;

    private PipeEndStream(SocketChannel channel) throws IOException {
        this.channel = new FrameChannel(channel);
    }

    /**
     * This process's connection for end {@code end} of the pipe at {@code endpoint}, opened on
     * first use; null if the owner keeps that end on the shared link (another process holds it
     * already) or cannot be reached (the shared link then reports that).
     */
    public static PipeEndStream of(Endpoint endpoint, int end) {
        String key = endpoint.address() + '#' + endpoint.id() + '#' + end;
        Optional<PipeEndStream> held = HELD.get(key);
        if (held != null) {
            return held.orElse(null);
        }
        synchronized (HELD) {
            held = HELD.get(key);
            if (held == null) {
                try {
                    SocketChannel ch = Hub.local().openPipeEnd(endpoint.address(), endpoint.id(), end);
                    held = Optional.ofNullable(ch == null ? null : new PipeEndStream(ch));
                } catch (IOException e) {
                    return null;
                }
                HELD.put(key, held);
            }
        }
        return held.orElse(null);
    }

    /** Sends a wire value. */
    public void send(Object wire) throws EOFException {
        requireOpen();
        try {
            synchronized (writing) {
                channel.write(Msg.carrying(wire));
            }
        } catch (IOException e) {
            requireOpen();
            throw PipeEnd.otherEndClosed(e);
        }
    }

    /**
     * The next wire value, as {@code {value}}, waiting at most {@code nanos} (forever if
     * negative); null if that time passed first.
     */
    public Object[] recv(long nanos) throws EOFException, InterruptedException {
        if (!lockReading(nanos)) {
            return null;
        }
        try {
            Msg m = ahead != null ? ahead : next(nanos);
            ahead = null;
            if (m == null) {
                if (ended) {
                    throw PipeEnd.nothingLeft(endCause);
                }
                return null;
            }
            return new Object[] {m.value()};
        } finally {
            reading.unlock();
        }
    }

    /** Whether a value (or the end) arrives within {@code nanos}. */
    public boolean poll(long nanos) throws InterruptedException {
        if (!lockReading(nanos)) {
            return false;
        }
        try {
            if (ahead == null && !ended) {
                ahead = next(nanos);
            }
            return ahead != null || ended;
        } finally {
            reading.unlock();
        }
    }

    /** Takes the right to read, waiting at most {@code nanos} for another reader (forever if negative). */
    private boolean lockReading(long nanos) throws InterruptedException {
        requireOpen();
        if (nanos < 0) {
            reading.lockInterruptibly();
            return true;
        }
        return reading.tryLock(nanos, TimeUnit.NANOSECONDS);
    }

    /** The next message, or null (timed out, or the end: {@code ended}). */
    private Msg next(long nanos) throws InterruptedException {
        if (ended) {
            return null;
        }
        try {
            return channel.read(nanos);
        } catch (IOException e) {
            requireOpen();
            ended = true;
            endCause = e instanceof EOFException ? null : e;
            return null;
        }
    }

    /** Closes this end for good (in this process): the other end receives what was sent, then the end. */
    public void close() {
        closed = true;
        channel.close();
    }

    public boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this end of the pipe is closed");
        }
    }
}
