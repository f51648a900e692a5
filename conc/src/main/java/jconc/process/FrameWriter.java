package jconc.process;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Internal: the writing side of a {@link Link}. Messages are appended to a batch in order; the
 * batch leaves in one write, either when the caller {@link #flush()}es or, for
 * {@link #post posted} messages, on a writer thread that a burst of posts wakes once. A burst of
 * messages thus costs one system call.
 */
final class FrameWriter {
    private final SocketChannel channel;
    private final String peer;
    private final Runnable onFailure;
    private final Object writeLock = new Object();
    private final Object outLock = new Object();
    private FrameBuffer current = new FrameBuffer();
    private FrameBuffer spare = new FrameBuffer();
    private boolean flushScheduled;
    private boolean closed;
    private volatile Thread writerThread;

    /** {@code onFailure} runs when the writer thread cannot write (the peer is gone). */
    FrameWriter(SocketChannel channel, String peer, Runnable onFailure) {
        this.channel = channel;
        this.peer = peer;
        this.onFailure = onFailure;
    }

    /** Queues a message; it leaves with the next {@link #flush()}, in order. */
    void append(Msg msg) throws IOException {
        synchronized (outLock) {
            if (closed) {
                throw new EOFException("closed");
            }
            current.add(msg);
        }
    }

    /** Queues a message for the writer thread. */
    void post(Msg msg) throws IOException {
        append(msg);
        boolean wake;
        synchronized (outLock) {
            wake = !flushScheduled;
            flushScheduled = true;
        }
        if (wake) {
            LockSupport.unpark(writer());
        }
    }

    /** Writes everything queued so far. */
    void flush() throws IOException {
        synchronized (writeLock) {
            FrameBuffer batch;
            synchronized (outLock) {
                if (current.size() == 0) {
                    return;
                }
                batch = current;
                current = spare;
                spare = batch;
            }
            try {
                ByteBuffer bb = ByteBuffer.wrap(batch.array(), 0, batch.size());
                while (bb.hasRemaining()) {
                    channel.write(bb);
                }
            } finally {
                batch.recycle();
            }
        }
    }

    /** Refuses further messages and lets the writer thread end (what was queued is not written). */
    void close() {
        synchronized (outLock) {
            closed = true;
        }
        Thread w = writerThread;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private boolean isClosed() {
        synchronized (outLock) {
            return closed;
        }
    }

    private Thread writer() {
        Thread w = writerThread;
        if (w == null) {
            synchronized (outLock) {
                if (writerThread == null) {
                    writerThread = Daemons.start("jconc-ipc-writer " + peer, this::writeLoop);
                }
                w = writerThread;
            }
        }
        return w;
    }

    private void writeLoop() {
        while (!isClosed()) {
            LockSupport.park(this);
            boolean go;
            synchronized (outLock) {
                go = flushScheduled;
                flushScheduled = false;
            }
            if (go) {
                try {
                    flush();
                } catch (IOException e) {
                    onFailure.run();
                    return;
                }
            }
        }
    }
}
