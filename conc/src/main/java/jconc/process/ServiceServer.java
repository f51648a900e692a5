package jconc.process;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Internal: the answering side of a {@link Link}: runs the requests and one-way messages that
 * arrive for the {@link Hub}'s services, and replies. Operations that may block run on a worker
 * thread that the peer's cancel interrupts; the others run on the reader thread, in arrival
 * order, and may reply later through a {@link Deferred}. A failure is sent back as the caller's
 * exception ({@link Failures}).
 */
final class ServiceServer {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(Daemons.factory("jconc-ipc-worker"));
    private static final Object QUEUED = new Object();
    private static final Object CANCELLED = new Object();

    private final Link link;
    private final Hub hub;
    /** Per request on a worker thread: QUEUED, then its thread; CANCELLED if cancelled before it ran. */
    private final Map<Long, Object> running = new ConcurrentHashMap<>();
    private final Map<Long, Deferred> deferred = new ConcurrentHashMap<>();
    /** The request being handled on the reader thread, or -1 (read and written by that thread only). */
    private long currentRequest = -1;

    ServiceServer(Link link, Hub hub) {
        this.link = link;
        this.hub = hub;
    }

    /** A one-way message: performed, its failure only logged (nobody waits for it). */
    void oneway(Msg m) {
        try {
            hub.service(m.target()).handle(m.op(), m.args(), link);
        } catch (Exception e) {
            System.getLogger("jconc").log(System.Logger.Level.DEBUG,
                    "one-way " + m.target() + "." + m.op() + " failed", e);
        }
    }

    void request(Msg m) {
        Service service;
        try {
            service = hub.service(m.target());
        } catch (RuntimeException e) {
            reply(m.id(), null, e);
            return;
        }
        if (service.mayBlock(m.op())) {
            runOnWorker(m, service);
        } else {
            runInline(m, service);
        }
    }

    private void runInline(Msg m, Service service) {
        currentRequest = m.id();
        try {
            Object value = service.handle(m.op(), m.args(), link);
            if (value != Service.LATER) {
                reply(m.id(), value, null);
            }
        } catch (Exception e) {
            deferred.remove(m.id());
            reply(m.id(), null, e);
        } finally {
            currentRequest = -1;
        }
    }

    private void runOnWorker(Msg m, Service service) {
        running.put(m.id(), QUEUED);
        WORKERS.execute(() -> {
            Thread me = Thread.currentThread();
            if (!running.replace(m.id(), QUEUED, me)) {
                running.remove(m.id());
                reply(m.id(), Msg.CANCELLED_REPLY, null);
                return;
            }
            Object value = null;
            Exception failure = null;
            try {
                value = service.handle(m.op(), m.args(), link);
            } catch (InterruptedException e) {
                value = Msg.CANCELLED_REPLY;
            } catch (Exception e) {
                failure = e;
            } finally {
                running.remove(m.id());
                Thread.interrupted();
            }
            reply(m.id(), value, failure);
        });
    }

    /** The peer cancels request {@code id}: a deferred reply answers it, a running one is interrupted. */
    void cancel(long id) {
        Deferred d = deferred.remove(id);
        if (d != null) {
            d.cancelled();
            return;
        }
        running.computeIfPresent(id, (key, state) -> {
            if (state instanceof Thread t) {
                t.interrupt();
                return state;
            }
            return CANCELLED;
        });
    }

    /** See {@link Link#deferCurrent()}. */
    Deferred deferCurrent() {
        if (currentRequest < 0) {
            throw new IllegalStateException("not handling a request inline");
        }
        Deferred d = new Deferred(this, currentRequest, link);
        deferred.put(currentRequest, d);
        return d;
    }

    /** A deferred reply is given. */
    void replyLater(long id, Object value, Exception failure) {
        deferred.remove(id);
        reply(id, value, failure);
    }

    private void reply(long id, Object value, Exception failure) {
        try {
            if (failure == null) {
                link.send(new Msg(Msg.REPLY, id, null, null, new Object[] {value}));
            } else {
                link.send(new Msg(Msg.FAILURE, id, null, null, new Object[] {Failures.toWire(failure)}));
            }
        } catch (IOException e) {
            // the peer is gone; nobody waits for this reply
        } catch (RuntimeException e) {
            try {
                link.send(new Msg(Msg.FAILURE, id, null, null, new Object[] {Failures.toWire(e)}));
            } catch (IOException | RuntimeException ignored) {
                // give up: the peer sees the link close
            }
        }
    }

    /** The link closed: deferred replies are dropped, running requests interrupted. */
    void closed() {
        deferred.values().forEach(Deferred::linkClosed);
        deferred.clear();
        running.values().forEach(s -> {
            if (s instanceof Thread t) {
                t.interrupt();
            }
        });
    }
}
