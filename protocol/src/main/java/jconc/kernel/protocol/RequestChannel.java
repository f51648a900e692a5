package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A channel of requests (shell or control) and the thread that serves it: receives, accepts
 * (see {@link WireSocket#accept}) and hands each request to a {@link Dispatch}, one at a time,
 * in order. No Throwable ends the thread: a request whose handling fails is answered with an
 * error, and the channel serves on.
 */
final class RequestChannel {
    /** What the channel hands its requests to. */
    interface Dispatch {
        void serve(Request request);

        /** Answers a request that cannot be served with an error (when it expects an answer). */
        void refuse(Request request, String ename, String evalue);
    }

    private static final int POLL_MS = 250;

    private final WireSocket socket;
    private final Dispatch dispatch;
    private final BooleanSupplier running;
    private final Thread thread;

    RequestChannel(String name, ZContext context, String address, WireCodec codec, String session,
                   Dispatch dispatch, BooleanSupplier running) {
        ZMQ.Socket router = Sockets.bind(context, SocketType.ROUTER, address, 1000, POLL_MS);
        this.socket = new WireSocket(name, router, codec, session);
        this.dispatch = dispatch;
        this.running = running;
        this.thread = new Thread(this::serveUntilStopped, "jconc-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    private void serveUntilStopped() {
        while (running.getAsBoolean()) {
            try {
                List<byte[]> frames = socket.receive(0);
                if (frames != null) {
                    serve(frames);
                }
            } catch (Throwable e) {
                if (!running.getAsBoolean()) {
                    return;
                }
                Log.warn(socket.name() + ": survived", e);
            }
        }
    }

    /**
     * Serves the requests already waiting, without waiting for more; the execute requests among
     * them go to {@code executeInstead}. Called from a handler, on this channel's thread.
     */
    void serveWaiting(Consumer<Request> executeInstead) {
        List<byte[]> frames;
        while ((frames = socket.receive(ZMQ.DONTWAIT)) != null) {
            Message m = accept(frames);
            if (m != null && m.type().equals("execute_request")) {
                executeInstead.accept(new Request(m, this));
            } else if (m != null) {
                serve(new Request(m, this));
            }
        }
    }

    private void serve(List<byte[]> frames) {
        Message m = accept(frames);
        if (m != null) {
            serve(new Request(m, this));
        }
    }

    private Message accept(List<byte[]> frames) {
        return socket.accept(frames, refused ->
                dispatch.refuse(new Request(refused.headerOnly(), this), refused.ename(), refused.getMessage()));
    }

    private void serve(Request request) {
        try {
            dispatch.serve(request);
        } catch (Throwable e) {
            Log.warn(socket.name() + ": failed to handle " + request.type(), e);
            dispatch.refuse(request, "KernelError", "the kernel failed to answer " + request.type() + ": " + e);
        }
    }

    /** Sends a reply to {@code request}'s sender; on this channel's thread only. */
    void reply(Message request, String type, ObjectNode content) {
        socket.send(request, type, content);
    }
}
