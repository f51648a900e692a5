package jconc.process;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * Internal: how a shared object (queue, pipe end, lock, managed collection) reaches the
 * {@link Service} that holds its state: directly in the owning process, over a {@link Link}
 * to the owner's {@link Hub} anywhere else. It serializes as the owner's address and the
 * service id, so an object captured by a child's lambda becomes a remote handle there, and
 * the owner's own object again when it comes back.
 *
 * <p>Public because it is what a shared object of the helper API holds and calls: the factories
 * of {@link SharedObjects} return it.
 */
public final class Endpoint<O extends Enum<O>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String address;
    private final String id;
    private final transient Service local;

    private Endpoint(String address, String id, Service local) {
        this.address = address;
        this.id = id;
        this.local = local;
    }

    /** Registers {@code service} in this process and returns its endpoint. */
    static <O extends Enum<O>> Endpoint<O> of(String prefix, Service service) {
        return new Endpoint<>(null, Hub.local().register(prefix, service), service);
    }

    /** Whether the state lives in this process. */
    public boolean isLocal() {
        return local != null;
    }

    /** The owner's hub address (remote endpoints only; null in the owner). */
    String address() {
        return address;
    }

    /** The service id (unique in its owner process). */
    public String id() {
        return id;
    }

    /** Performs an operation and returns its (wire) result. */
    public Object call(O op, Object... args) throws Exception {
        if (local != null) {
            return local.handle(op.name(), args, null);
        }
        return link().call(id, op.name(), args);
    }

    /**
     * Performs an operation; remote, over the calling thread's own connection to the owner
     * ({@link DirectLink}), which is quicker for a call that must wait for its answer anyway
     * (over the shared link when this process has {@link DirectLink#MAX_OPEN} open already).
     */
    public Object callDirect(O op, Object... args) throws Exception {
        if (local != null) {
            return local.handle(op.name(), args, null);
        }
        DirectLink direct = DirectLink.of(address);
        return direct != null ? direct.call(id, op.name(), args) : link().call(id, op.name(), args);
    }

    /**
     * Sends an operation without waiting (remote: queued for the link's writer thread, so a
     * burst of them leaves in few system calls), or performs it (local).
     */
    public void send(O op, Object... args) throws Exception {
        if (local != null) {
            local.handle(op.name(), args, null);
        } else {
            link().post(id, op.name(), args);
        }
    }

    /**
     * Sends an operation without waiting for an answer, written at once by the calling thread
     * (remote), or performs it (local). In order with everything else sent on the shared link.
     */
    public void sendNow(O op, Object... args) throws Exception {
        if (local != null) {
            local.handle(op.name(), args, null);
        } else {
            link().oneway(id, op.name(), args);
        }
    }

    /** The link to the owner (remote endpoints only). */
    Link link() throws IOException {
        return Hub.local().connect(address);
    }

    /** Forgets the service in its owner; later calls from anywhere fail. */
    public void unregister() {
        if (local != null) {
            Hub.local().unregister(id);
        }
    }

    private Object writeReplace() throws ObjectStreamException {
        return new Ref(local != null ? Hub.local().address() : address, id);
    }

    private record Ref(String address, String id) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            Hub hub = Hub.local();
            if (hub.isLocal(address)) {
                return new Endpoint<>(null, id, hub.service(id));
            }
            return new Endpoint<>(address, id, null);
        }
    }
}
