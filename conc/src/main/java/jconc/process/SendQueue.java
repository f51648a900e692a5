package jconc.process;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import jconc.process.ChildContract.ChildOp;

/**
 * Internal: the messages for one child, sent in the order they were given. Messages given
 * before the child has connected wait and leave, in order, when it connects; messages
 * {@link #hold held} wait for the next {@link #send} or {@link #release}, so that several leave
 * in one write.
 */
final class SendQueue {
    private record Message(ChildOp op, Object[] args) {
    }

    private final CompletableFuture<Link> link;
    private final ArrayDeque<Message> unsent = new ArrayDeque<>();
    /** Whether a thread is sending (guarded by {@code unsent}). */
    private boolean draining;

    SendQueue(CompletableFuture<Link> link) {
        this.link = link;
    }

    /** Sends a message after those given before it. */
    void send(ChildOp op, Object... args) {
        hold(op, args);
        release();
    }

    /** Queues a message without sending it. */
    void hold(ChildOp op, Object... args) {
        synchronized (unsent) {
            unsent.add(new Message(op, args));
        }
    }

    /** Sends what is queued (once the child has connected), unless a thread is sending already. */
    void release() {
        synchronized (unsent) {
            if (draining || unsent.isEmpty()) {
                return;
            }
            draining = true;
        }
        if (link.isDone()) {
            drain();
        } else {
            link.thenRun(this::drain);
        }
    }

    private void drain() {
        Link l = link.getNow(null);
        while (true) {
            Message next;
            synchronized (unsent) {
                next = unsent.poll();
                if (next == null) {
                    draining = false;
                }
            }
            try {
                if (next == null) {
                    l.flush();
                    return;
                }
                l.enqueue(ChildContract.CHILD, next.op().name(), next.args());
            } catch (IOException | RuntimeException e) {
                // the child is gone: its worker reports it
                if (next == null) {
                    return;
                }
            }
        }
    }
}
