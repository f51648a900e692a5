package jconc.process;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Internal: the state of a process queue, in its owner process. Items are wire values, so
 * every consumer gets its own copy.
 */
public final class QueueCore implements Service {
    private static final Object NULL = new Object();
    private final LinkedBlockingQueue<Object> items;

    public QueueCore(int capacity) {
        items = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public boolean mayBlock(String op) {
        return op.equals("get") || op.equals("put");
    }

    /**
     * Operations: put(item, timeoutNanos) -> Boolean; send(item); get(timeoutNanos) -> Object[]{item}
     * or null on timeout; size. A negative timeout waits forever, zero does not wait.
     */
    @Override
    public Object handle(String op, Object[] a, Link from) throws Exception {
        switch (op) {
            case "send":
                items.put(a[0] == null ? NULL : a[0]);
                return null;
            case "put": {
                Object item = a[0] == null ? NULL : a[0];
                long nanos = (Long) a[1];
                if (nanos < 0) {
                    items.put(item);
                    return true;
                }
                return nanos == 0 ? items.offer(item) : items.offer(item, nanos, TimeUnit.NANOSECONDS);
            }
            case "get": {
                long nanos = (Long) a[0];
                Object item = nanos < 0 ? items.take()
                        : nanos == 0 ? items.poll() : items.poll(nanos, TimeUnit.NANOSECONDS);
                return item == null ? null : new Object[] {item == NULL ? null : item};
            }
            case "size":
                return items.size();
            default:
                throw new IllegalArgumentException("unknown queue operation " + op);
        }
    }
}
