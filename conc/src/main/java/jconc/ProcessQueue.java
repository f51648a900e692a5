package jconc;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jconc.process.Codec;
import jconc.process.Endpoint;
import jconc.process.SharedObjects;
import jconc.process.SharedObjects.QueueOp;

/**
 * A FIFO queue that several processes share: pass it to child processes (capture it or give it
 * as an argument) and they put and get items that the owner holds. Any number of producers and
 * consumers, in any processes.
 *
 * <pre>{@code
 * var q = new ProcessQueue<List<String>>();
 * new ChildProcess(qq -> qq.put(Arrays.asList("Hello", null, "World")), q).start();
 * System.out.println(q.get());   // [Hello, null, World]
 * }</pre>
 *
 * <p>Items travel as serialized copies: an item must be {@code Serializable} (a value that is
 * not fails in {@link #put}), and changing it after {@code put} changes nothing in the queue.
 * Items put by one process arrive in the order it put them.
 *
 * <p>Pitfall: {@link #size()} and {@link #isEmpty()} are snapshots that other processes change
 * at once; do not use them to decide whether {@link #get()} would wait.
 *
 * <p>Mirrors Python's {@code multiprocessing.Queue}: {@code put}, {@code get},
 * {@code get(timeout)} (which throws {@link TimeoutException} where Python raises
 * {@code queue.Empty}), {@code empty}, {@code qsize}; {@link #poll()} is
 * {@code get_nowait} returning {@code null} instead of raising. There is no {@code close} or
 * feeder thread to join: the queue lives as long as the process that created it.
 *
 * @param <E> the type of the items
 */
public final class ProcessQueue<E> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Endpoint<QueueOp> endpoint;
    private final boolean bounded;

    /** An unbounded queue: {@link #put} never waits. */
    public ProcessQueue() {
        this(Integer.MAX_VALUE);
    }

    /** A queue that holds at most {@code capacity} items: {@link #put} waits while it is full. */
    public ProcessQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.endpoint = SharedObjects.queue(capacity);
        this.bounded = capacity != Integer.MAX_VALUE;
    }

    /** Adds {@code item}, waiting for room if the queue is bounded and full. */
    public void put(E item) throws InterruptedException {
        Object wire = Codec.toWire(item);
        try {
            if (bounded) {
                endpoint.call(QueueOp.PUT, wire, -1L);
            } else {
                endpoint.send(QueueOp.SEND, wire);
            }
        } catch (Exception e) {
            throw Calls.rethrow(e);
        }
    }

    /** Adds {@code item} if there is room within {@code timeout}; returns whether it did. */
    public boolean offer(E item, long timeout, TimeUnit unit) throws InterruptedException {
        return offerWire(Codec.toWire(item), Math.max(0, unit.toNanos(timeout)));
    }

    /** Adds {@code item} if there is room now; returns whether it did. Never waits. */
    public boolean offer(E item) {
        try {
            return offerWire(Codec.toWire(item), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean offerWire(Object wire, long nanos) throws InterruptedException {
        try {
            return (Boolean) endpoint.call(QueueOp.PUT, wire, nanos);
        } catch (Exception e) {
            throw Calls.rethrow(e);
        }
    }

    /** Removes and returns the head, waiting as long as it takes. */
    public E get() throws InterruptedException {
        return take(-1);
    }

    /**
     * Removes and returns the head, waiting at most {@code timeout}.
     *
     * @throws TimeoutException if the queue stayed empty (Python's {@code queue.Empty})
     */
    public E get(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        Object[] got = takeWire(Math.max(0, unit.toNanos(timeout)));
        if (got == null) {
            throw new TimeoutException("the queue stayed empty for " + timeout + " " + unit.toString().toLowerCase());
        }
        return cast(got[0]);
    }

    /** Removes and returns the head, or {@code null} if the queue is empty. Never waits. */
    public E poll() {
        try {
            return take(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Removes and returns the head, or {@code null} if none arrived within {@code timeout}. */
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return take(Math.max(0, unit.toNanos(timeout)));
    }

    private E take(long nanos) throws InterruptedException {
        Object[] got = takeWire(nanos);
        return got == null ? null : cast(got[0]);
    }

    private Object[] takeWire(long nanos) throws InterruptedException {
        try {
            return (Object[]) endpoint.call(QueueOp.GET, nanos);
        } catch (Exception e) {
            throw Calls.rethrow(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> E cast(Object wire) {
        return (E) Codec.fromWire(wire);
    }

    /** The number of items now (a snapshot). */
    public int size() {
        try {
            return (Integer) endpoint.call(QueueOp.SIZE);
        } catch (Exception e) {
            throw new IllegalStateException(Calls.rethrow(e));
        }
    }

    /** Whether the queue is empty now (a snapshot). */
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public String toString() {
        return "ProcessQueue[" + endpoint.id() + (endpoint.isLocal() ? "" : ", remote") + "]";
    }
}
