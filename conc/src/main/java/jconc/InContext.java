package jconc;

import java.util.concurrent.atomic.AtomicReference;
import jconc.spi.Hosts;

/**
 * Internal: runs work, from any thread, in the context of the thread that made this (in a
 * notebook: its cell, so that what the work prints lands there). One piece of work at a time.
 */
final class InContext {
    private final AtomicReference<Runnable> next = new AtomicReference<>();
    private final Runnable inContext;

    private InContext() {
        inContext = Hosts.current().propagate(() -> next.getAndSet(null).run());
    }

    /** The context of the calling thread. */
    static InContext ofCaller() {
        return new InContext();
    }

    /** Runs {@code work} in that context, on the calling thread. */
    void run(Runnable work) {
        synchronized (next) {
            next.set(work);
            inContext.run();
        }
    }
}
