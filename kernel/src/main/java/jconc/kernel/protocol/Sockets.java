package jconc.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/** Multipart receive and send on a ZeroMQ socket. */
final class Sockets {
    private Sockets() {
    }

    /** Receives one multipart message, or null when nothing arrived (timeout / non-blocking). */
    static List<byte[]> receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
