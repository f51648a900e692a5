package jconc.process;

import java.io.EOFException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Internal: the state of one end of a pipe, in the pipe's owner ({@link PipeCore}): what was sent
 * to it and not yet received, who waits on it, whether it is closed, and how it is held in
 * another process. Guarded by the pipe's lock unless said otherwise.
 */
final class PipeEnd {
    /** Stands for a null value in {@link #inbox}. */
    private static final Object NULL = new Object();

    /** A remote recv or poll waiting on an end. */
    record Waiter(Deferred reply, boolean recv) {
    }

    /** A reply to send once the pipe's lock is released. */
    record Answer(Deferred to, Object value, Exception failure) {
        void send() {
            if (failure != null) {
                to.fail(failure);
            } else {
                to.reply(value);
            }
        }
    }

    /** What the other end sent to this one, not yet received. */
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    /** Remote receives and polls waiting on this end. */
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    boolean closed;
    /** The child processes that were given this end and have not ended yet. */
    int holders;
    /** The link of the process that last used this end over the shared link. */
    Link attached;
    /** This end is held in another process over a connection of its own. */
    FrameChannel stream;
    /** A thread here passes what this end's holder sends on to the other end. */
    boolean relayed;
    /** Held by whoever reads {@code stream} (not guarded by the pipe's lock). */
    final ReentrantLock streamReading = new ReentrantLock();
    /** Held by whoever writes {@code stream} (not guarded by the pipe's lock). */
    final Object streamWriting = new Object();
    /** The next drain of {@code stream} while nobody here reads it. */
    ScheduledFuture<?> draining;

    /** Keeps a value sent to this end until it is received. */
    void keep(Object wire) {
        inbox.add(wire == null ? NULL : wire);
    }

    /** The oldest value kept, as {@code Object[]{value}}; null if none. */
    Object[] takeKept() {
        Object item = inbox.poll();
        return item == null ? null : new Object[] {item == NULL ? null : item};
    }

    boolean hasKept() {
        return !inbox.isEmpty();
    }

    /**
     * Gives a value sent to this end to the first remote receive waiting (a poll waiting before
     * it is told a value is there); false if no receive waited.
     */
    boolean handToWaiter(Object wire, List<Answer> answers) {
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (!w.reply().claim()) {
                continue;
            }
            if (w.recv()) {
                answers.add(new Answer(w.reply(), new Object[] {wire}, null));
                return true;
            }
            answers.add(new Answer(w.reply(), true, null));
        }
        return false;
    }

    /** This end is closed: whoever waits on it is refused. */
    void refuseWaiters(List<Answer> answers) {
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.reply().claim()) {
                answers.add(new Answer(w.reply(), null, new IllegalStateException("this end of the pipe is closed")));
            }
        }
    }

    /** The other end is closed and all it sent has arrived: a receive waiting gets EOF, a poll true. */
    void answerOtherEndGone(List<Answer> answers) {
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.reply().claim()) {
                answers.add(w.recv()
                        ? new Answer(w.reply(), null, nothingLeft(null))
                        : new Answer(w.reply(), true, null));
            }
        }
    }

    /** Cancels the next drain of {@code stream}, if one is scheduled. */
    void stopDraining() {
        if (draining != null) {
            draining.cancel(false);
            draining = null;
        }
    }

    /** What a send to a closed end raises, here and in a holder elsewhere. */
    static EOFException otherEndClosed(Throwable cause) {
        EOFException e = new EOFException("the other end of the pipe is closed");
        e.initCause(cause);
        return e;
    }

    /** What a receive raises once the other end is closed and everything it sent was received. */
    static EOFException nothingLeft(Throwable cause) {
        EOFException e = new EOFException("the other end of the pipe is closed and nothing is left to receive");
        e.initCause(cause);
        return e;
    }
}
