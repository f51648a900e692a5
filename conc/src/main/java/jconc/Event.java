package jconc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A flag that threads can wait for: one thread {@link #set() sets} it and every waiting thread
 * goes on. {@link #clear()} lowers it again, so later {@link #await()} calls block.
 *
 * <pre>{@code
 * Event go = new Event();
 * for (int i = 0; i < 10; i++) Threads.start(() -> { go.await(); work(); });
 * go.set();   // all ten start working
 * }</pre>
 *
 * <p>Pitfall: an event is a level, not a pulse. {@code set(); clear();} in quick succession
 * may let a waiter through or not, depending on timing; to hand over items use a
 * {@code BlockingQueue}.
 *
 * <p>Mirrors Python's {@code threading.Event}: {@code wait()} is {@link #await()} here (the
 * name {@code wait} belongs to {@code Object}), {@code is_set()} is {@link #isSet()}. Unlike
 * Python, waiting is interruptible and {@code await(timeout, unit)} takes a unit. Memory
 * effects: actions before {@code set()} happen-before a successful return from {@code await}.
 * While a {@link Timeline} records, waits show as "waiting" bars.
 */
public final class Event {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Sync sync = new Sync();
    private final String name;

    /** A new, cleared event named {@code Event-N}. */
    public Event() {
        this("Event-" + COUNT.incrementAndGet());
    }

    /** A new, cleared event with a name (shown by {@link Timeline} and {@code toString}). */
    public Event(String name) {
        this.name = name;
    }

    /** Raises the flag and wakes every waiting thread. */
    public void set() {
        sync.releaseShared(1);
        Timeline.instant(this, name + " set");
    }

    /** Lowers the flag: later waits block until the next {@link #set()}. */
    public void clear() {
        sync.lower();
    }

    /** Whether the flag is raised. Python: {@code is_set()}. */
    public boolean isSet() {
        return sync.raised();
    }

    /**
     * Waits until the flag is raised.
     *
     * @return {@code true}, as Python's {@code wait()} does without a timeout
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean await() throws InterruptedException {
        if (sync.raised()) {
            return true;
        }
        Waits.shown(this, name, () -> sync.acquireSharedInterruptibly(1));
        return true;
    }

    /**
     * Waits until the flag is raised or the time is up.
     *
     * @return whether the flag was raised (Python's {@code wait(timeout)} result)
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (sync.raised()) {
            return true;
        }
        return Waits.shown(this, name, n -> sync.tryAcquireSharedNanos(1, n), unit.toNanos(timeout));
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Event[" + name + ", " + (isSet() ? "set" : "clear") + "]";
    }

    /** State 1 = raised, 0 = lowered. Waiters acquire shared; set releases them all. */
    private static final class Sync extends AbstractQueuedSynchronizer {
        boolean raised() {
            return getState() == 1;
        }

        void lower() {
            setState(0);
        }

        @Override
        protected int tryAcquireShared(int ignored) {
            return getState() == 1 ? 1 : -1;
        }

        @Override
        protected boolean tryReleaseShared(int ignored) {
            setState(1);
            return true;
        }
    }
}
