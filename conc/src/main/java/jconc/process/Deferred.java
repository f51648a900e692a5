package jconc.process;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal: the reply to a peer's request that a {@link Service} gives later, when what the
 * peer waits for happens (an item arrives in a queue, a value in a pipe). No thread waits for
 * it: whoever makes it happen replies. Exactly one outcome wins: the value, the timeout, the
 * peer's cancel, or the link's end; {@link #claim()} decides.
 */
final class Deferred {
    private static final ScheduledExecutorService TIMERS =
            Executors.newSingleThreadScheduledExecutor(Daemons.factory("jconc-ipc-timer"));

    private final ServiceServer server;
    private final long id;
    private final Link link;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile Runnable onCancel = () -> { };

    Deferred(ServiceServer server, long id, Link link) {
        this.server = server;
        this.id = id;
        this.link = link;
    }

    /** Takes the right to reply; false if another outcome won or the peer is gone. */
    boolean claim() {
        if (link.isClosed()) {
            claimed.set(true);
            return false;
        }
        return claimed.compareAndSet(false, true);
    }

    /** Replies with a wire value (after a successful {@link #claim()}). */
    void reply(Object value) {
        server.replyLater(id, value, null);
    }

    /** Replies with a failure (after a successful {@link #claim()}). */
    void fail(Exception failure) {
        server.replyLater(id, null, failure);
    }

    /** What to undo when the peer cancels or the link ends (for example: stop waiting in a list). */
    void onCancel(Runnable action) {
        this.onCancel = action;
    }

    /** Replies {@code valueOnTimeout} after {@code nanos} unless another outcome won first. */
    void timeoutAfter(long nanos, Object valueOnTimeout) {
        TIMERS.schedule(() -> {
            if (claim()) {
                onCancel.run();
                reply(valueOnTimeout);
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    void cancelled() {
        if (claim()) {
            onCancel.run();
            reply(Msg.CANCELLED_REPLY);
        }
    }

    void linkClosed() {
        claimed.set(true);
        onCancel.run();
    }
}
