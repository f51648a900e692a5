package jconc.kernel.protocol;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The heartbeat channel: echoes every message, all of its frames, to whoever sent it (as
 * ipykernel's ROUTER queue device does), whatever the message holds. It answers only while the
 * kernel is {@code healthy}: once a thread that serves the protocol has died, it falls silent
 * for good, so that the frontend sees a dead kernel and restarts it instead of waiting on a deaf one.
 */
final class Heartbeat {
    private static final int POLL_MS = 250;

    private final ZMQ.Socket socket;
    private final BooleanSupplier healthy;
    private final BooleanSupplier running;
    private final Thread thread;

    Heartbeat(ZContext context, String address, BooleanSupplier healthy, BooleanSupplier running) {
        this.socket = Sockets.bind(context, SocketType.ROUTER, address, 0, POLL_MS);
        this.healthy = healthy;
        this.running = running;
        this.thread = new Thread(this::run, "jconc-heartbeat");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        boolean silent = false;
        while (running.getAsBoolean()) {
            try {
                List<byte[]> frames = Sockets.receive(socket, 0);
                if (frames == null || silent) {
                    continue;
                }
                if (!healthy.getAsBoolean()) {
                    if (!running.getAsBoolean()) {
                        return;  // the kernel is shutting down: its threads end, none died
                    }
                    silent = true;
                    Log.warn("heartbeat: a protocol thread has died; no longer answering, so the frontend restarts the kernel", null);
                    continue;
                }
                Sockets.send(socket, frames);
            } catch (Throwable e) {
                if (!running.getAsBoolean()) {
                    return;
                }
                Log.warn("heartbeat: survived", e);
            }
        }
    }
}
