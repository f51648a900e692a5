package jconc.process;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: the calling side of a {@link Link}: sends requests, matches replies to them, and
 * turns an interrupt of the waiting thread into a cancel the peer answers.
 */
final class RpcClient {
    /** How a message leaves: written now, with everything queued before it. */
    interface Sender {
        void send(Msg msg) throws IOException;
    }

    private final Sender sender;
    private final String peer;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();

    RpcClient(Sender sender, String peer) {
        this.sender = sender;
        this.peer = peer;
    }

    /** Sends a request and waits for its reply; see {@link #await} for interrupts. */
    Object call(String target, String op, Object... args) throws Exception {
        long id = ids.incrementAndGet();
        return await(id, sendRequest(id, target, op, args));
    }

    private CompletableFuture<Object> sendRequest(long id, String target, String op, Object[] args) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            sender.send(new Msg(Msg.REQUEST, id, target, op, args));
        } catch (IOException e) {
            pending.remove(id);
            reply.completeExceptionally(lost(e));
        }
        return reply;
    }

    /**
     * Waits for a reply. When the waiting thread is interrupted, asks the peer to cancel and
     * waits for the final answer: a request the peer stopped in time throws
     * {@link InterruptedException}; one that completed anyway returns its value with the
     * thread's interrupt status set, so nothing taken from the peer is lost.
     */
    private Object await(long id, CompletableFuture<Object> reply) throws Exception {
        try {
            return reply.get();
        } catch (InterruptedException e) {
            try {
                sender.send(new Msg(Msg.CANCEL, id, null, null, null));
            } catch (IOException ignored) {
                // the link is gone: the future fails below
            }
            Object value;
            try {
                value = joinUninterruptibly(reply);
            } catch (Exception failure) {
                Thread.currentThread().interrupt();
                throw failure;
            }
            if (Msg.CANCELLED_REPLY.equals(value)) {
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
            return value;
        } catch (ExecutionException e) {
            throw causeOf(e);
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
                    throw causeOf(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Exception causeOf(ExecutionException e) {
        if (e.getCause() instanceof Exception ex) {
            return ex;
        }
        throw (Error) e.getCause();
    }

    /** A reply or failure arrived (reader thread). */
    void answered(Msg m) {
        CompletableFuture<Object> f = pending.remove(m.id());
        if (f == null) {
            return;
        }
        if (m.kind() == Msg.FAILURE) {
            f.completeExceptionally(Failures.of(m));
        } else {
            f.complete(m.value());
        }
    }

    /** The link closed: every request still waiting fails. */
    void closed() {
        EOFException gone = new EOFException("the connection to " + peer + " is closed");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
    }

    /** The exception a caller sees when the connection is gone. */
    EOFException lost(IOException cause) {
        EOFException e = new EOFException("the connection to " + peer + " is closed");
        e.initCause(cause);
        return e;
    }
}
