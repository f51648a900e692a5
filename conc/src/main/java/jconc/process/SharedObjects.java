package jconc.process;

/**
 * Internal: how the public API makes an object shared between processes, and what can be asked
 * of each kind. Each factory registers the object's state in this process and returns its
 * {@link Endpoint}, which reaches that state from any process; each enum lists the operations
 * of one kind (their arguments and results are wire values, see {@link Codec}).
 *
 * <p>Public because it is the one entry point through which the helper API makes shared objects;
 * the cores that hold their state are package-private.
 */
public final class SharedObjects {
    private SharedObjects() {
    }

    /** A queue's operations. A negative timeout waits forever, zero does not wait. */
    public enum QueueOp {
        /** (item, timeoutNanos) -> Boolean: whether the item went in. */
        PUT,
        /** (item): puts without a reply, waiting as long as it takes. */
        SEND,
        /** (timeoutNanos) -> Object[]{item}, or null on timeout. */
        GET,
        /** () -> Integer. */
        SIZE
    }

    /** A pipe's operations, each on end e (0 or 1). A negative timeout waits forever. */
    public enum PipeOp {
        /** (e, item): sends from end e. */
        SEND,
        /** (e, timeoutNanos) -> Object[]{item}, or null on timeout. */
        RECV,
        /** (e, timeoutNanos) -> Boolean: whether end e has something to receive. */
        POLL,
        /** (e): closes end e. */
        CLOSE,
        /** (e) -> Boolean. */
        CLOSED,
        /** (e): end e was given to a child; it stays open while such a child runs. */
        HOLDER_ADDED,
        /** (e): a child given end e has ended; the end closes when the last has. */
        HOLDER_GONE
    }

    /** A lock's operations. */
    public enum LockOp {
        /** (timeoutNanos) -> Boolean; negative waits forever. */
        ACQUIRE,
        /** (). */
        RELEASE,
        /** () -> Boolean. */
        LOCKED
    }

    /** A managed list's operations, each atomic. */
    public enum ListOp {
        /** (element) -> Boolean. */
        ADD,
        /** (index, element). */
        ADD_AT,
        /** (Object[] elements). */
        ADD_ALL,
        /** (index) -> element. */
        GET,
        /** (index, element) -> the element before. */
        SET,
        /** (index) -> the element removed. */
        REMOVE_AT,
        /** () -> Integer. */
        SIZE,
        /** (). */
        CLEAR,
        /** () -> Object[] of every element. */
        SNAPSHOT
    }

    /** A managed map's operations, each atomic. */
    public enum MapOp {
        /** (key) -> value or null. */
        GET,
        /** (key, default) -> value. */
        GET_OR_DEFAULT,
        /** (key, value) -> the value before. */
        PUT,
        /** (key, value) -> the value before. */
        PUT_IF_ABSENT,
        /** (key, value) -> the value before. */
        REPLACE,
        /** (key) -> the value removed. */
        REMOVE,
        /** (key) -> Boolean. */
        CONTAINS_KEY,
        /** () -> Integer. */
        SIZE,
        /** (). */
        CLEAR,
        /** (Object[] key, value, key, value...). */
        PUT_ALL,
        /** () -> Object[] key, value, key, value... in insertion order. */
        SNAPSHOT
    }

    /** A new queue that holds at most {@code capacity} items. */
    public static Endpoint<QueueOp> queue(int capacity) {
        return Endpoint.of("queue", new QueueCore(capacity));
    }

    /** A new pipe, both ends open. */
    public static Endpoint<PipeOp> pipe() {
        return Endpoint.of("pipe", new PipeCore());
    }

    /** A new lock, unlocked. */
    public static Endpoint<LockOp> lock() {
        return Endpoint.of("lock", new LockCore());
    }

    /** A new managed list, empty. */
    public static Endpoint<ListOp> list() {
        return Endpoint.of("list", new ListCore());
    }

    /** A new managed map, empty. */
    public static Endpoint<MapOp> map() {
        return Endpoint.of("map", new MapCore());
    }
}
