package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Owns the iopub socket: any thread enqueues, one thread sends, in order. */
final class IopubPublisher {
    private static final Message STOP = Message.create(null, "stop", null, "");
    private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final WireCodec codec;
    private final String session;
    private final Thread thread;
    private final CountDownLatch bound = new CountDownLatch(1);

    IopubPublisher(ZContext context, String address, WireCodec codec, String session) {
        this.codec = codec;
        this.session = session;
        this.thread = new Thread(() -> run(context, address), "jconc-iopub");
        this.thread.setDaemon(true);
    }

    void start() throws InterruptedException {
        thread.start();
        bound.await(10, TimeUnit.SECONDS);
    }

    private void run(ZContext context, String address) {
        ZMQ.Socket socket = Sockets.bind(context, SocketType.PUB, address, 1000, -1);
        WireSocket wire = new WireSocket("iopub", socket, codec, session);
        bound.countDown();
        while (true) {
            Message m;
            try {
                m = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (m == STOP) {
                return;
            }
            try {
                byte[] topic = ("kernel." + session + "." + m.type()).getBytes(StandardCharsets.UTF_8);
                wire.send(m.withIdentities(List.of(topic)));
            } catch (Throwable e) {
                Log.warn("iopub: could not send a " + m.type() + " (dropped it, sending on)", e);
            }
        }
    }

    Thread thread() {
        return thread;
    }

    void publish(Message parent, String type, ObjectNode content) {
        queue.add(Message.create(parent, type, content, session));
    }

    void status(Message parent, String state) {
        ObjectNode c = Json.object();
        c.put("execution_state", state);
        publish(parent, "status", c);
    }

    /** Sends what is queued, then stops. */
    void close() throws InterruptedException {
        queue.add(STOP);
        thread.join(2000);
    }
}
