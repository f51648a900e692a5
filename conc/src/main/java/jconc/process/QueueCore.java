package jconc.process;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import jconc.process.SharedObjects.QueueOp;

/**
 * Internal: the state of a process queue, in its owner process. Items are wire values, so every
 * consumer gets its own copy. A consumer in another process that finds the queue empty waits
 * without a thread: its request is answered by whoever puts the next item.
 */
final class QueueCore implements Service {
    private static final Object NULL = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final ArrayDeque<Deferred> getters = new ArrayDeque<>();
    private final int capacity;

    QueueCore(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean mayBlock(String op) {
        return QueueOp.PUT.name().equals(op);
    }

    /** See {@link QueueOp}. */
    @Override
    public Object handle(String op, Object[] a, Link from) throws Exception {
        return switch (Service.op(QueueOp.class, op)) {
            case SEND -> put(a[0], -1);
            case PUT -> put(a[0], (Long) a[1]);
            case GET -> get((Long) a[0], from);
            case SIZE -> size();
        };
    }

    private int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    private Boolean put(Object wire, long nanos) throws InterruptedException {
        Object item = wire == null ? NULL : wire;
        Deferred taker = null;
        lock.lockInterruptibly();
        try {
            while ((taker = nextGetter()) == null && items.size() >= capacity) {
                if (nanos < 0) {
                    notFull.await();
                } else if (nanos == 0) {
                    return false;
                } else {
                    nanos = notFull.awaitNanos(nanos);
                }
            }
            if (taker == null) {
                items.add(item);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        if (taker != null) {
            taker.reply(new Object[] {wire});
        }
        return true;
    }

    /** The first remote getter still waiting, claimed; null if none. Holds the lock. */
    private Deferred nextGetter() {
        Deferred d;
        while ((d = getters.poll()) != null) {
            if (d.claim()) {
                return d;
            }
        }
        return null;
    }

    private Object get(long nanos, Link from) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Object item = items.poll();
            if (item == null && nanos != 0 && from != null) {
                Deferred d = from.deferCurrent();
                getters.add(d);
                d.onCancel(() -> {
                    lock.lock();
                    try {
                        getters.remove(d);
                    } finally {
                        lock.unlock();
                    }
                });
                if (nanos > 0) {
                    d.timeoutAfter(nanos, null);
                }
                return Service.LATER;
            }
            while (item == null && nanos != 0) {
                if (nanos < 0) {
                    notEmpty.await();
                } else {
                    nanos = notEmpty.awaitNanos(nanos);
                    if (nanos <= 0) {
                        nanos = 0;
                    }
                }
                item = items.poll();
            }
            if (item == null) {
                return null;
            }
            notFull.signal();
            return new Object[] {item == NULL ? null : item};
        } finally {
            lock.unlock();
        }
    }
}
