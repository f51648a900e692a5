package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Owns the stdin socket: sends one input_request at a time and waits for its reply.
 *
 * <p>Only the answer to the request being asked is taken: whatever waits on the socket before a
 * request is sent (the late answer to an input that was interrupted, an answer nobody asked
 * for) is dropped first, as ipykernel does, and a reply whose parent is another input_request
 * is dropped too. Replies without a parent (jupyter_client's own {@code input()} sends none)
 * answer the request being asked.
 */
final class StdinChannel {
    private record Request(Message parent, String prompt, boolean password, CompletableFuture<String> answer) {
    }

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    StdinChannel(ZContext context, String address, WireCodec codec, String session) {
        ZMQ.Socket socket = Sockets.bind(context, SocketType.ROUTER, address, 0, 100);
        WireSocket wire = new WireSocket("stdin", socket, codec, session);
        this.thread = new Thread(() -> run(wire), "jconc-stdin");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    String input(Message parent, String prompt, boolean password) throws InterruptedException {
        CompletableFuture<String> answer = new CompletableFuture<>();
        requests.add(new Request(parent, prompt, password, answer));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void run(WireSocket socket) {
        while (running) {
            Request request;
            try {
                request = requests.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                ask(socket, request);
            } catch (Throwable e) {
                request.answer.completeExceptionally(e);
                if (running) {
                    Log.warn("stdin: survived", e);
                }
            }
        }
    }

    private void ask(WireSocket socket, Request request) {
        if (request.answer.isDone()) {
            return;
        }
        dropWaiting(socket);
        ObjectNode content = Json.object();
        content.put("prompt", request.prompt);
        content.put("password", request.password);
        Message m = socket.send(request.parent, "input_request", content);
        while (running && !request.answer.isDone()) {
            List<byte[]> frames = socket.receive(0);
            Message reply = frames == null ? null : socket.accept(frames, refused -> { });
            if (reply == null) {
                continue;
            }
            String answers = reply.parentHeader().path("msg_id").asText("");
            if (!reply.type().equals("input_reply")) {
                Log.warn("stdin: dropped a " + reply.type() + " (only input_reply is expected here)", null);
            } else if (!answers.isEmpty() && !answers.equals(m.id())) {
                Log.warn("stdin: dropped a stale input_reply (it answers an earlier input_request)", null);
            } else {
                request.answer.complete(reply.content().path("value").asText(""));
            }
        }
    }

    /** Drops every message that arrived while no input was asked for. */
    private static void dropWaiting(WireSocket socket) {
        int dropped = 0;
        while (socket.receive(ZMQ.DONTWAIT) != null) {
            dropped++;
        }
        if (dropped > 0) {
            Log.warn("stdin: dropped " + dropped + " message(s) that arrived while no input was asked for", null);
        }
    }

    void close() {
        running = false;
        thread.interrupt();
    }
}
