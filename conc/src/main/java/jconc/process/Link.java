package jconc.process;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Internal: one authenticated, symmetric message connection between two processes. Either side
 * may send requests (answered by a reply), one-way messages and cancels. The link is the
 * transport: a reader thread that hands each incoming message to the {@link RpcClient} (replies
 * to this side's requests) or the {@link ServiceServer} (requests for this process's services),
 * and a {@link FrameWriter} that batches what leaves.
 *
 * <p>The reader thread never deserializes a {@link Codec.Blob}: values stay bytes until the
 * thread that wants them asks.
 */
final class Link implements Closeable {
    private final SocketChannel channel;
    private final Hub hub;
    private final String peer;
    private final DataInputStream in;
    private final FrameWriter out;
    private final RpcClient client;
    private final ServiceServer server;
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** For a thread's private connection ({@link DirectLink}): the peer's shared link, if any. */
    private final Link sharedLink;

    Link(SocketChannel channel, Hub hub, String peer, Link sharedLink) {
        this.sharedLink = sharedLink;
        this.channel = channel;
        this.hub = hub;
        this.peer = peer;
        this.in = new DataInputStream(new BufferedInputStream(new ChannelInput(channel), 65536));
        this.out = new FrameWriter(channel, peer, this::close);
        this.client = new RpcClient(this::send, peer);
        this.server = new ServiceServer(this, hub);
    }

    /** Starts the reader thread. */
    Link start() {
        Daemons.start("jconc-ipc-reader " + peer, this::readLoop);
        return this;
    }

    /**
     * The link whose end means the peer process ended: this one, or for a thread's private
     * connection, the peer's shared link. Services that tie state to a peer use it.
     */
    Link process() {
        return sharedLink != null ? sharedLink : this;
    }

    boolean isClosed() {
        return closed;
    }

    /** Runs {@code action} once when this link closes (at once if it already has). */
    void onClose(Runnable action) {
        onClose.add(action);
        if (closed && onClose.remove(action)) {
            action.run();
        }
    }

    /** Sends a request and waits for its reply (see {@link RpcClient}). */
    Object call(String target, String op, Object... args) throws Exception {
        return client.call(target, op, args);
    }

    /**
     * Queues a one-way message without writing it: it leaves with the next {@link #flush()} or
     * sent message, in order. A burst of messages then costs one system call.
     */
    void enqueue(String target, String op, Object... args) throws IOException {
        try {
            out.append(Msg.oneway(target, op, args));
        } catch (IOException e) {
            throw client.lost(e);
        }
    }

    /** Sends a message that has no reply, written now. */
    void oneway(String target, String op, Object... args) throws IOException {
        try {
            send(Msg.oneway(target, op, args));
        } catch (IOException e) {
            throw client.lost(e);
        }
    }

    /**
     * Sends a one-way message through the writer thread: a burst of posts leaves in few system
     * calls. Order is kept with every other message of this link.
     */
    void post(String target, String op, Object... args) throws IOException {
        try {
            out.post(Msg.oneway(target, op, args));
        } catch (IOException e) {
            throw client.lost(e);
        }
    }

    /** Sends a message now (with everything queued before it). */
    void send(Msg msg) throws IOException {
        out.append(msg);
        out.flush();
    }

    /** Writes everything queued so far. */
    void flush() throws IOException {
        out.flush();
    }

    /**
     * For a service handling a request on this link's reader thread: the request's reply, to
     * be given later. Return {@link Service#LATER} from {@code handle}.
     */
    Deferred deferCurrent() {
        return server.deferCurrent();
    }

    private void readLoop() {
        try {
            while (!closed) {
                int len = in.readInt();
                if (len < 0) {
                    throw new IOException("corrupt frame length " + len);
                }
                dispatch(Msg.read(in));
            }
        } catch (IOException | RuntimeException e) {
            // closed by us or by the peer (its process may have died)
        } finally {
            close();
        }
    }

    private void dispatch(Msg m) {
        switch (m.kind()) {
            case Msg.REPLY, Msg.FAILURE -> client.answered(m);
            case Msg.ONEWAY -> server.oneway(m);
            case Msg.REQUEST -> server.request(m);
            case Msg.CANCEL -> server.cancel(m.id());
            default -> throw new IllegalStateException("unknown message kind " + m.kind());
        }
    }

    void shutdownInput() {
        try {
            flush();
            channel.shutdownInput();
        } catch (IOException ignored) {
            // closed already
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                flush();
            } catch (IOException | RuntimeException ignored) {
                // the peer is gone
            }
            closed = true;
        }
        out.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        client.closed();
        server.closed();
        for (Runnable r : onClose) {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.getLogger("jconc").log(System.Logger.Level.WARNING, "close action failed", e);
            }
        }
        onClose.clear();
        hub.forget(this);
    }

    /** Reads a socket channel without taking its blocking lock (writes go on in parallel). */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return channel.read(ByteBuffer.wrap(b, off, len));
        }
    }
}
