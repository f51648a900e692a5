package jconc.process;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Internal: a private request/reply connection that one thread owns, to the {@link Hub} of
 * the process that holds an object. The calling thread writes its request and reads the reply
 * itself, so a call wakes one thread on each side (as with Python's per-thread manager
 * connections), not a reader thread and then the caller.
 *
 * <p>Only for calls whose order against the caller's other messages does not matter: they
 * return when the owner has answered, so they are seen by everything that happens after. One-way
 * messages stay on the shared {@link Link}, which keeps their order.
 *
 * <p>An interrupt does not break the connection (a {@link FrameChannel}): the call is
 * cancelled at the owner as with {@link Link}, and what the owner already gave is not lost.
 */
final class DirectLink implements Closeable {
    private static final ThreadLocal<Map<String, DirectLink>> MINE = ThreadLocal.withInitial(HashMap::new);
    private static final Cleaner CLEANER = Cleaner.create(Daemons.factory("jconc-ipc-cleaner"));
    /**
     * At most this many open at once in a process (each costs the owner a reader thread): the
     * threads beyond it, such as thousands of virtual threads, use the shared link.
     */
    static final int MAX_OPEN = 64;
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final FrameChannel channel;
    private final String peer;
    private long ids;
    private boolean interrupted;
    private volatile boolean closed;

    private DirectLink(SocketChannel channel, String peer) throws IOException {
        this.channel = new FrameChannel(channel);
        this.peer = peer;
    }

    /**
     * The calling thread's connection to the process listening at {@code address}, or null
     * when {@link #MAX_OPEN} are open already.
     */
    static DirectLink of(String address) throws IOException, InterruptedException {
        Map<String, DirectLink> mine = MINE.get();
        DirectLink link = mine.get(address);
        if (link != null && !link.closed) {
            return link;
        }
        if (OPEN.incrementAndGet() > MAX_OPEN) {
            OPEN.decrementAndGet();
            return null;
        }
        try {
            link = new DirectLink(Hub.local().openDirect(address), "process at " + address);
        } catch (IOException | RuntimeException e) {
            OPEN.decrementAndGet();
            if (Thread.interrupted()) {
                // An interrupt closed the channel being opened (it is interruptible): nothing was
                // sent, so the call is interrupted, and the flag must not stay set, or the next
                // write on the shared link would be closed by it too.
                InterruptedException interrupted = new InterruptedException("interrupted while connecting to " + address);
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
        mine.put(address, link);
        CLEANER.register(Thread.currentThread(), link::closeQuietly);
        return link;
    }

    /** Sends a request and reads its reply, as {@link Link#call} does. */
    Object call(String target, String op, Object... args) throws Exception {
        long id = ++ids;
        try {
            write(new Msg(Msg.REQUEST, id, target, op, args));
            return awaitReply(id);
        } catch (IOException e) {
            close();
            EOFException lost = new EOFException("the connection to " + peer + " is closed");
            lost.initCause(e);
            throw lost;
        }
    }

    private Object awaitReply(long id) throws Exception {
        boolean cancelSent = false;
        try {
            while (true) {
                Msg m = readMessage();
                if (interrupted && !cancelSent) {
                    write(new Msg(Msg.CANCEL, id, null, null, null));
                    cancelSent = true;
                }
                if (m == null || m.id() != id) {
                    continue;
                }
                if (m.kind() == Msg.FAILURE) {
                    throw Failures.of(m);
                }
                Object value = m.value();
                if (cancelSent && Msg.CANCELLED_REPLY.equals(value)) {
                    interrupted = false;
                    throw new InterruptedException();
                }
                return value;
            }
        } finally {
            if (interrupted) {
                interrupted = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next whole message, or null when an interrupt woke it first. */
    private Msg readMessage() throws IOException {
        try {
            return channel.read(-1);
        } catch (InterruptedException e) {
            interrupted = true;
            return null;
        }
    }

    private void write(Msg msg) throws IOException {
        channel.write(msg);
    }

    @Override
    public void close() {
        closeQuietly();
        MINE.get().values().remove(this);
    }

    private synchronized void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.decrementAndGet();
        channel.close();
    }
}
