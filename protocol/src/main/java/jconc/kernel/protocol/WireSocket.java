package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.zeromq.ZMQ;

/**
 * One ZeroMQ socket that speaks signed Jupyter messages: what arrives is decoded and checked
 * here, once for every channel, and what is sent is signed here. A message that cannot be read
 * is logged and dropped; a well signed one that cannot be served goes to whoever can answer it
 * with an error. Used by one thread at a time, as ZeroMQ sockets must be.
 */
final class WireSocket {
    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final String session;

    WireSocket(String name, ZMQ.Socket socket, WireCodec codec, String session) {
        this.name = name;
        this.socket = socket;
        this.codec = codec;
        this.session = session;
    }

    String name() {
        return name;
    }

    /** The frames of the next message, or null when none arrived (timeout, or none waiting with DONTWAIT). */
    List<byte[]> receive(int flags) {
        return Sockets.receive(socket, flags);
    }

    /**
     * The message in {@code frames}, or null when it is rejected: a message that can be answered
     * (its header and signature are good) goes to {@code refused}, any other is logged and dropped.
     */
    Message accept(List<byte[]> frames, Consumer<WireCodec.Refused> refused) {
        try {
            return codec.decode(frames);
        } catch (WireCodec.Refused e) {
            Log.warn(name + ": refused a " + e.headerOnly().type() + ": " + e.getMessage(), null);
            refused.accept(e);
        } catch (WireCodec.RejectedMessage e) {
            Log.warn(name + ": dropped message: " + e.getMessage(), null);
        }
        return null;
    }

    /** Sends a new message of {@code type} caused by {@code parent} (to its sender, on a ROUTER socket). */
    Message send(Message parent, String type, ObjectNode content) {
        Message m = Message.create(parent, type, content, session);
        send(m);
        return m;
    }

    void send(Message m) {
        Sockets.send(socket, codec.encode(m));
    }
}
