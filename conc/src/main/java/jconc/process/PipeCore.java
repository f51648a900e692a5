package jconc.process;

import java.io.EOFException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Internal: the state of a pipe, in its owner process: one buffer per direction and whether
 * each end is closed. An end used from another process is closed when that process's link
 * closes (the process ended), so the other end's {@code recv} raises instead of hanging. A
 * remote {@code recv} or {@code poll} that has to wait holds no thread: the next {@code send}
 * or {@code close} answers it.
 */
public final class PipeCore implements Service {
    private static final Object NULL = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Object>[] inbox = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()};
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Waiter>[] waiters = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()};
    private final boolean[] closed = new boolean[2];
    private final Link[] attached = new Link[2];

    /** A remote recv or poll waiting on one end. */
    private record Waiter(Deferred reply, boolean recv) {
    }

    /** A reply to send once the lock is released. */
    private record Answer(Deferred to, Object value, Exception failure) {
        void send() {
            if (failure != null) {
                to.fail(failure);
            } else {
                to.reply(value);
            }
        }
    }

    /**
     * Operations on end e (0 or 1): send(e, item), recv(e, timeoutNanos) -> Object[]{item} or
     * null on timeout, poll(e, timeoutNanos) -> Boolean, close(e), closed(e) -> Boolean,
     * holderGone(e).
     */
    @Override
    public Object handle(String op, Object[] a, Link from) throws Exception {
        int e = (Integer) a[0];
        List<Answer> answers = new ArrayList<>();
        Object result;
        lock.lockInterruptibly();
        try {
            if (from != null) {
                attach(e, from.process(), answers);
            }
            result = switch (op) {
                case "send" -> send(e, a[1], answers);
                case "recv" -> receive(e, (Long) a[1], from, true);
                case "poll" -> receive(e, (Long) a[1], from, false);
                case "close", "holderGone" -> {
                    closeEnd(e, answers);
                    yield null;
                }
                case "closed" -> closed[e];
                default -> throw new IllegalArgumentException("unknown pipe operation " + op);
            };
        } finally {
            lock.unlock();
            answers.forEach(Answer::send);
        }
        return result;
    }

    private Object send(int e, Object wire, List<Answer> answers) throws EOFException {
        requireOpen(e);
        int to = 1 - e;
        if (closed[to]) {
            throw new EOFException("the other end of the pipe is closed");
        }
        Waiter w;
        while ((w = waiters[to].poll()) != null) {
            if (!w.reply().claim()) {
                continue;
            }
            if (w.recv()) {
                answers.add(new Answer(w.reply(), new Object[] {wire}, null));
                return null;
            }
            answers.add(new Answer(w.reply(), true, null));
        }
        inbox[to].add(wire == null ? NULL : wire);
        changed.signalAll();
        return null;
    }

    /** recv (take = true) or poll on end e. */
    private Object receive(int e, long nanos, Link from, boolean take) throws Exception {
        requireOpen(e);
        if (inbox[e].isEmpty() && !closed[1 - e] && nanos != 0 && from != null) {
            Deferred d = from.deferCurrent();
            Waiter w = new Waiter(d, take);
            waiters[e].add(w);
            d.onCancel(() -> {
                lock.lock();
                try {
                    waiters[e].remove(w);
                } finally {
                    lock.unlock();
                }
            });
            if (nanos > 0) {
                d.timeoutAfter(nanos, take ? null : Boolean.FALSE);
            }
            return Link.LATER;
        }
        boolean forever = nanos < 0;
        while (inbox[e].isEmpty() && !closed[1 - e] && !closed[e]) {
            if (forever) {
                changed.await();
            } else {
                if (nanos <= 0) {
                    return take ? null : Boolean.FALSE;
                }
                nanos = changed.awaitNanos(nanos);
            }
        }
        if (!take) {
            return Boolean.TRUE;
        }
        requireOpen(e);
        Object item = inbox[e].poll();
        if (item == null) {
            throw new EOFException("the other end of the pipe is closed and nothing is left to receive");
        }
        return new Object[] {item == NULL ? null : item};
    }

    private void requireOpen(int e) {
        if (closed[e]) {
            throw new IllegalStateException("this end of the pipe is closed");
        }
    }

    private void attach(int e, Link from, List<Answer> answers) {
        if (attached[e] == from) {
            return;
        }
        attached[e] = from;
        from.onClose(() -> {
            List<Answer> later = new ArrayList<>();
            lock.lock();
            try {
                if (attached[e] == from) {
                    closeEnd(e, later);
                }
            } finally {
                lock.unlock();
            }
            later.forEach(Answer::send);
        });
    }

    /** Closes end e: whoever waits on the other end learns it (EOF), whoever waits on e is refused. */
    private void closeEnd(int e, List<Answer> answers) {
        closed[e] = true;
        changed.signalAll();
        Waiter w;
        while ((w = waiters[1 - e].poll()) != null) {
            if (w.reply().claim()) {
                answers.add(w.recv()
                        ? new Answer(w.reply(), null, new EOFException("the other end of the pipe is closed and nothing is left to receive"))
                        : new Answer(w.reply(), true, null));
            }
        }
        while ((w = waiters[e].poll()) != null) {
            if (w.reply().claim()) {
                answers.add(new Answer(w.reply(), null, new IllegalStateException("this end of the pipe is closed")));
            }
        }
    }
}
