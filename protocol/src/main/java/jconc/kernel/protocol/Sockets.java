package jconc.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Multipart receive and send on a ZeroMQ socket. */
final class Sockets {
    private Sockets() {
    }

    /**
     * A new socket bound to {@code address}: it keeps unsent messages up to {@code lingerMs} when
     * closed, and a receive gives up after {@code receiveTimeoutMs} (-1: waits for ever).
     */
    static ZMQ.Socket bind(ZContext context, SocketType type, String address, int lingerMs, int receiveTimeoutMs) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(lingerMs);
        socket.setReceiveTimeOut(receiveTimeoutMs);
        socket.bind(address);
        return socket;
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
