package jconc.process;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Internal: one authenticated, symmetric message connection between two processes. Either side
 * may send requests (answered by a reply), one-way messages and cancels. Incoming requests go
 * to the {@link Hub}'s services: those that may block run on a worker thread that a cancel
 * interrupts; the others run on the reader thread, in arrival order.
 *
 * <p>The reader thread never deserializes a {@link Codec.Blob}: values stay bytes until the
 * thread that wants them asks.
 */
public final class Link implements Closeable {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(Daemons.factory("jconc-ipc-worker"));
    private static final Object QUEUED = new Object();
    private static final Object CANCELLED = new Object();
    /** What a service returns when it will reply later through {@link #deferCurrent()}. */
    public static final Object LATER = new Object();
    /** The reply value of a request that a cancel stopped before it took effect. */
    static final String CANCELLED_REPLY = "jconc:cancelled";

    private final SocketChannel channel;
    private final Hub hub;
    private final String peer;
    private final DataInputStream in;
    private final Object writeLock = new Object();
    private final Object outLock = new Object();
    private Frames current = new Frames();
    private Frames spare = new Frames();
    private boolean flushScheduled;
    private volatile Thread writerThread;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final Map<Long, Object> running = new ConcurrentHashMap<>();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final Map<Long, Deferred> deferred = new ConcurrentHashMap<>();
    private long currentRequest = -1;
    private volatile boolean closed;
    /** For a thread's private connection ({@link DirectLink}): the peer's shared link, if any. */
    private final Link sharedLink;

    Link(SocketChannel channel, Hub hub, String peer, Link sharedLink) {
        this.sharedLink = sharedLink;
        this.channel = channel;
        this.hub = hub;
        this.peer = peer;
        this.in = new DataInputStream(new java.io.BufferedInputStream(new ChannelInput(channel), 65536));
    }

    /** Starts the reader thread. */
    Link start() {
        Daemons.start("jconc-ipc-reader " + peer, this::readLoop);
        return this;
    }

    /** Who is on the other side, for messages. */
    public String peer() {
        return peer;
    }

    /**
     * The link whose end means the peer process ended: this one, or for a thread's private
     * connection, the peer's shared link. Services that tie state to a peer use it.
     */
    public Link process() {
        return sharedLink != null ? sharedLink : this;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Runs {@code action} once when this link closes (at once if it already has). */
    public void onClose(Runnable action) {
        onClose.add(action);
        if (closed && onClose.remove(action)) {
            action.run();
        }
    }

    /**
     * Queues a one-way message without writing it: it leaves with the next {@link #flush()} or
     * sent message, in order. A burst of messages then costs one system call.
     */
    public void enqueue(String target, String op, Object... args) throws IOException {
        try {
            append(new Msg(Msg.ONEWAY, 0, target, op, args));
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Sends a request and waits for its reply; see {@link #await} for interrupts. */
    public Object call(String target, String op, Object... args) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<Object> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            send(new Msg(Msg.REQUEST, id, target, op, args));
        } catch (IOException e) {
            pending.remove(id);
            throw lost(e);
        }
        return await(id, reply);
    }

    /** Sends a request and returns its reply as a future (not cancellable). */
    public CompletableFuture<Object> callAsync(String target, String op, Object... args) {
        long id = ids.incrementAndGet();
        CompletableFuture<Object> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            send(new Msg(Msg.REQUEST, id, target, op, args));
        } catch (IOException e) {
            pending.remove(id);
            reply.completeExceptionally(lost(e));
        }
        return reply;
    }

    /** Sends a message that has no reply. */
    public void oneway(String target, String op, Object... args) throws IOException {
        try {
            send(new Msg(Msg.ONEWAY, 0, target, op, args));
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * Waits for a reply. When the waiting thread is interrupted, asks the peer to cancel and
     * waits for the final answer: a request the peer stopped in time throws
     * {@link InterruptedException}; one that completed anyway returns its value with the
     * thread's interrupt status set, so nothing taken from the peer is lost.
     */
    private Object await(long id, CompletableFuture<Object> reply) throws Exception {
        try {
            return unwrap(reply.get());
        } catch (InterruptedException e) {
            try {
                send(new Msg(Msg.CANCEL, id, null, null, null));
            } catch (IOException ignored) {
                // the link is gone: the future fails below
            }
            Object value;
            try {
                value = unwrap(joinUninterruptibly(reply));
            } catch (Exception failure) {
                Thread.currentThread().interrupt();
                throw failure;
            }
            if (CANCELLED_REPLY.equals(value)) {
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
            return value;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    private static Object joinUninterruptibly(CompletableFuture<Object> f) throws Exception {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Object unwrap(Object value) {
        return value;
    }

    private EOFException lost(IOException cause) {
        EOFException e = new EOFException("the connection to " + peer + " is closed");
        e.initCause(cause);
        return e;
    }

    /** Sends a message now (with everything posted before it). */
    void send(Msg msg) throws IOException {
        append(msg);
        flush();
    }

    /**
     * Queues a message for the writer thread: a burst of posts leaves in few system calls.
     * Order is kept with every other message of this link.
     */
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

    /** Sends a one-way message through the writer thread (see {@link #post(Msg)}). */
    public void post(String target, String op, Object... args) throws IOException {
        try {
            post(new Msg(Msg.ONEWAY, 0, target, op, args));
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private void append(Msg msg) throws IOException {
        synchronized (outLock) {
            if (closed) {
                throw new EOFException("closed");
            }
            current.add(msg);
        }
    }

    /** Writes everything queued so far. */
    public void flush() throws IOException {
        synchronized (writeLock) {
            Frames batch;
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
        while (!closed) {
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
                    close();
                    return;
                }
            }
        }
    }

    /** A growing byte buffer of whole frames, reused between writes. */
    static final class Frames extends ByteArrayOutputStream {
        final DataOutputStream data = new DataOutputStream(this);

        Frames() {
            super(8192);
        }

        byte[] array() {
            return buf;
        }

        /** Appends {@code msg} as one frame: its length, then its bytes. */
        void add(Msg msg) throws IOException {
            int start = count;
            data.writeInt(0);
            msg.write(data);
            patchLength(start);
        }

        private void patchLength(int start) {
            int len = count - start - 4;
            buf[start] = (byte) (len >>> 24);
            buf[start + 1] = (byte) (len >>> 16);
            buf[start + 2] = (byte) (len >>> 8);
            buf[start + 3] = (byte) len;
        }

        void recycle() {
            if (buf.length > (1 << 20)) {
                buf = new byte[8192];
            }
            count = 0;
        }
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
            case Msg.REPLY -> complete(m.id(), m.value(), null);
            case Msg.FAILURE -> complete(m.id(), null, failureOf(m.args()));
            case Msg.ONEWAY -> {
                try {
                    hub.service(m.target()).handle(m.op(), m.args(), this);
                } catch (Exception e) {
                    System.getLogger("jconc").log(System.Logger.Level.DEBUG,
                            "one-way " + m.target() + "." + m.op() + " failed", e);
                }
            }
            case Msg.REQUEST -> request(m);
            case Msg.CANCEL -> cancel(m.id());
            default -> throw new IllegalStateException("unknown message kind " + m.kind());
        }
    }

    private void cancel(long id) {
        Deferred d = deferred.remove(id);
        if (d != null) {
            d.cancelled();
            return;
        }
        running.computeIfPresent(id, (key, state) -> {
                if (state instanceof Thread t) {
                    t.interrupt();
                    return state;
                }
            return CANCELLED;
        });
    }

    /**
     * For a service handling a request on this link's reader thread: the request's reply, to
     * be given later. Return {@link #LATER} from {@code handle}.
     */
    public Deferred deferCurrent() {
        if (currentRequest < 0) {
            throw new IllegalStateException("not handling a request inline");
        }
        Deferred d = new Deferred(this, currentRequest);
        deferred.put(currentRequest, d);
        return d;
    }

    void replyLater(long id, Object value, Exception failure) {
        deferred.remove(id);
        reply(id, value, failure);
    }

    private void request(Msg m) {
        Service service;
        try {
            service = hub.service(m.target());
        } catch (RuntimeException e) {
            reply(m.id(), null, e);
            return;
        }
        if (!service.mayBlock(m.op())) {
            currentRequest = m.id();
            try {
                Object value = service.handle(m.op(), m.args(), this);
                if (value != LATER) {
                    reply(m.id(), value, null);
                }
            } catch (Exception e) {
                deferred.remove(m.id());
                reply(m.id(), null, e);
            } finally {
                currentRequest = -1;
            }
            return;
        }
        running.put(m.id(), QUEUED);
        WORKERS.execute(() -> {
            Thread me = Thread.currentThread();
            if (!running.replace(m.id(), QUEUED, me)) {
                running.remove(m.id());
                reply(m.id(), CANCELLED_REPLY, null);
                return;
            }
            Object value = null;
            Exception failure = null;
            try {
                value = service.handle(m.op(), m.args(), this);
            } catch (InterruptedException e) {
                value = CANCELLED_REPLY;
            } catch (Exception e) {
                failure = e;
            } finally {
                running.remove(m.id());
                Thread.interrupted();
            }
            reply(m.id(), value, failure);
        });
    }

    private void reply(long id, Object value, Exception failure) {
        try {
            if (failure == null) {
                send(new Msg(Msg.REPLY, id, null, null, new Object[] {value}));
            } else {
                send(new Msg(Msg.FAILURE, id, null, null, new Object[] {failureWire(failure)}));
            }
        } catch (IOException e) {
            // the peer is gone; nobody waits for this reply
        } catch (RuntimeException e) {
            try {
                send(new Msg(Msg.FAILURE, id, null, null, new Object[] {failureWire(e)}));
            } catch (IOException | RuntimeException ignored) {
                // give up: the peer sees the link close
            }
        }
    }

    private static Object failureWire(Exception failure) {
        try {
            return Codec.toWire(failure);
        } catch (RuntimeException e) {
            return failure.getClass().getName() + ": " + failure.getMessage();
        }
    }

    static Exception failureOf(Object[] args) {
        Object wire = args == null || args.length == 0 ? null : args[0];
        if (wire instanceof String s) {
            return new IllegalStateException(s);
        }
        try {
            Object t = Codec.fromWire(wire);
            if (t instanceof Exception e) {
                return e;
            }
            return new IllegalStateException(String.valueOf(t));
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void complete(long id, Object value, Exception failure) {
        CompletableFuture<Object> f = pending.remove(id);
        if (f == null) {
            return;
        }
        if (failure != null) {
            f.completeExceptionally(failure);
        } else {
            f.complete(value);
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
        Thread w = writerThread;
        if (w != null) {
            LockSupport.unpark(w);
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        EOFException gone = new EOFException("the connection to " + peer + " is closed");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        deferred.values().forEach(Deferred::linkClosed);
        deferred.clear();
        running.values().forEach(s -> {
            if (s instanceof Thread t) {
                t.interrupt();
            }
        });
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

    static CancellationException cancelled() {
        return new CancellationException();
    }
}
