package jconc.process;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Internal: a socket channel that carries {@link Msg} frames (a length, then the message, as on
 * a {@link Link}) and is read and written by the calling thread itself. It is in non-blocking
 * mode and waits in selectors, so an interrupt never closes it: a read that an interrupt wakes
 * throws {@link InterruptedException} and loses nothing; the bytes read so far stay buffered.
 *
 * <p>Not thread-safe: one reader and one writer at a time (they may be two threads).
 */
final class FrameChannel implements Closeable {
    private final SocketChannel channel;
    private final Selector readable;
    private final Selector writable;
    private final FrameBuffer out = new FrameBuffer();
    private ByteBuffer in = ByteBuffer.allocate(8192);
    private volatile boolean woken;
    /** Frames {@link #send} could not write at once, oldest first (guarded by itself). */
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private final FrameBuffer sendOut = new FrameBuffer();
    /** Whether to close once {@code pending} is written (guarded by {@code pending}). */
    private boolean closeWhenSent;

    FrameChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        readable = Selector.open();
        writable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        channel.register(writable, SelectionKey.OP_WRITE);
    }

    /**
     * The next whole message, waiting at most {@code nanos} (forever if negative); null if that
     * time passed first, or {@link #wakeReader} was called.
     *
     * @throws EOFException         if the peer closed the connection and nothing is left
     * @throws InterruptedException if an interrupt woke it while it waited
     */
    Msg read(long nanos) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        while (true) {
            Msg m = buffered();
            if (m != null) {
                return m;
            }
            int n = channel.read(in);
            if (n < 0) {
                throw new EOFException("closed by the peer");
            }
            if (n > 0) {
                continue;
            }
            long left = nanos < 0 ? -1 : deadline - System.nanoTime();
            if (nanos >= 0 && left <= 0) {
                return null;
            }
            awaitReadable(left);
            if (woken) {
                woken = false;
                return null;
            }
        }
    }

    /** The message already read in whole, if any, taken out of the buffer. */
    private Msg buffered() throws IOException {
        if (in.position() < 4) {
            return null;
        }
        int len = in.getInt(0);
        if (len < 0) {
            throw new IOException("corrupt frame length " + len);
        }
        if (in.position() < 4 + len) {
            if (in.capacity() < 4 + len) {
                ByteBuffer bigger = ByteBuffer.allocate(4 + len);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            return null;
        }
        Msg m = Msg.read(new DataInputStream(new ByteArrayInputStream(in.array(), 4, len)));
        int rest = in.position() - 4 - len;
        System.arraycopy(in.array(), 4 + len, in.array(), 0, rest);
        in.position(rest);
        return m;
    }

    private void awaitReadable(long nanos) throws IOException, InterruptedException {
        try {
            if (nanos < 0) {
                readable.select();
            } else {
                readable.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
            }
            readable.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Writes one message whole; an interrupt does not cut it short (it stays set). */
    void write(Msg msg) throws IOException {
        out.recycle();
        out.add(msg);
        ByteBuffer bb = ByteBuffer.wrap(out.array(), 0, out.size());
        boolean interrupted = false;
        try {
            while (bb.hasRemaining()) {
                if (channel.write(bb) == 0) {
                    try {
                        writable.select();
                        writable.selectedKeys().clear();
                    } catch (ClosedSelectorException e) {
                        throw new ClosedChannelException();
                    }
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes one message without waiting: what the socket does not take now (its peer is not
     * reading) a thread of its own writes later, in order with later sends.
     */
    void send(Msg msg) throws IOException {
        synchronized (pending) {
            sendOut.recycle();
            sendOut.add(msg);
            ByteBuffer bb = ByteBuffer.wrap(sendOut.array(), 0, sendOut.size());
            if (pending.isEmpty()) {
                channel.write(bb);
                if (!bb.hasRemaining()) {
                    return;
                }
                pending.add(copy(bb));
                Daemons.start("jconc-pipe-writer", this::writePending);
            } else {
                pending.add(copy(bb));
            }
        }
    }

    private static ByteBuffer copy(ByteBuffer bb) {
        ByteBuffer c = ByteBuffer.allocate(bb.remaining());
        c.put(bb).flip();
        return c;
    }

    /** Writes what {@link #send} left, as the socket takes it; ends when nothing is left. */
    private void writePending() {
        try {
            while (true) {
                synchronized (pending) {
                    ByteBuffer bb = pending.peek();
                    while (bb != null) {
                        channel.write(bb);
                        if (bb.hasRemaining()) {
                            break;
                        }
                        pending.poll();
                        bb = pending.peek();
                    }
                    if (bb == null) {
                        if (closeWhenSent) {
                            close();
                        }
                        return;
                    }
                }
                writable.select();
                writable.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            close();  // the peer is gone: its reader sees the end
        }
    }

    /**
     * Closes the channel once what {@link #send} left is written: the peer reads everything
     * sent, then the end.
     */
    void closeWhenSent() {
        synchronized (pending) {
            if (pending.isEmpty()) {
                close();
            } else {
                closeWhenSent = true;
            }
        }
    }

    /** Makes a reader waiting in {@link #read} return null at once, as if its time had passed. */
    void wakeReader() {
        woken = true;
        readable.wakeup();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        readable.wakeup();
        writable.wakeup();
        try {
            readable.close();
            writable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
