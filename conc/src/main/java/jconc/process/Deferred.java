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
public final class Deferred {
    private static final ScheduledExecutorService TIMERS =
            Executors.newSingleThreadScheduledExecutor(Daemons.factory("jconc-ipc-timer"));

    private final Link link;
    private final long id;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile Runnable onCancel = () -> { };

    Deferred(Link link, long id) {
        this.link = link;
        this.id = id;
    }

    /** Takes the right to reply; false if another outcome won or the peer is gone. */
    public boolean claim() {
        if (link.isClosed()) {
            claimed.set(true);
            return false;
        }
        return claimed.compareAndSet(false, true);
    }

    /** Replies with a wire value (after a successful {@link #claim()}). */
    public void reply(Object value) {
        link.replyLater(id, value, null);
    }

    /** Replies with a failure (after a successful {@link #claim()}). */
    public void fail(Exception failure) {
        link.replyLater(id, null, failure);
    }

    /** What to undo when the peer cancels or the link ends (for example: stop waiting in a list). */
    public void onCancel(Runnable action) {
        this.onCancel = action;
    }

    /** Replies {@code valueOnTimeout} after {@code nanos} unless another outcome won first. */
    public void timeoutAfter(long nanos, Object valueOnTimeout) {
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
            reply(Link.CANCELLED_REPLY);
        }
    }

    void linkClosed() {
        claimed.set(true);
        onCancel.run();
    }
}
