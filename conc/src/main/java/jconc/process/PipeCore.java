package jconc.process;

import java.io.EOFException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Internal: the state of a pipe, in its owner process: one buffer per direction and whether
 * each end is closed. An end used from another process is closed when that process's link
 * closes (the process ended), so the other end's {@code recv} raises instead of hanging.
 */
public final class PipeCore implements Service {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Object>[] inbox = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()};
    private final boolean[] closed = new boolean[2];
    private final Link[] attached = new Link[2];
    private static final Object NULL = new Object();

    @Override
    public boolean mayBlock(String op) {
        return op.equals("recv") || op.equals("poll");
    }

    /**
     * Operations on end e (0 or 1): send(e, item), recv(e, timeoutNanos) -> Object[]{item} or
     * null on timeout, poll(e, timeoutNanos) -> Boolean, close(e), closed(e) -> Boolean,
     * holderGone(e).
     */
    @Override
    public Object handle(String op, Object[] a, Link from) throws Exception {
        int e = (Integer) a[0];
        lock.lock();
        try {
            if (from != null) {
                attach(e, from);
            }
            switch (op) {
                case "send" -> {
                    requireOpen(e);
                    if (closed[1 - e]) {
                        throw new EOFException("the other end of the pipe is closed");
                    }
                    inbox[1 - e].add(a[1] == null ? NULL : a[1]);
                    changed.signalAll();
                    return null;
                }
                case "recv" -> {
                    requireOpen(e);
                    if (!await(e, (Long) a[1])) {
                        return null;
                    }
                    Object item = inbox[e].poll();
                    if (item == null) {
                        throw new EOFException("the other end of the pipe is closed and nothing is left to receive");
                    }
                    return new Object[] {item == NULL ? null : item};
                }
                case "poll" -> {
                    requireOpen(e);
                    return await(e, (Long) a[1]);
                }
                case "close", "holderGone" -> {
                    closeEnd(e);
                    return null;
                }
                case "closed" -> {
                    return closed[e];
                }
                default -> throw new IllegalArgumentException("unknown pipe operation " + op);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until end e has something to read or its peer is closed; false on timeout. */
    private boolean await(int e, long nanos) throws InterruptedException {
        boolean forever = nanos < 0;
        while (inbox[e].isEmpty() && !closed[1 - e] && !closed[e]) {
            if (forever) {
                changed.await();
            } else {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
        }
        return true;
    }

    private void requireOpen(int e) {
        if (closed[e]) {
            throw new IllegalStateException("this end of the pipe is closed");
        }
    }

    private void attach(int e, Link from) {
        if (attached[e] == from) {
            return;
        }
        attached[e] = from;
        from.onClose(() -> {
            lock.lock();
            try {
                if (attached[e] == from) {
                    closeEnd(e);
                }
            } finally {
                lock.unlock();
            }
        });
    }

    private void closeEnd(int e) {
        closed[e] = true;
        changed.signalAll();
    }
}
