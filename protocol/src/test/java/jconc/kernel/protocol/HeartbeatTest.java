package jconc.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class HeartbeatTest {
    @Test
    void echoesEveryFrameWhileHealthyAndFallsSilentForGoodWhenAServingThreadDied() throws java.io.IOException {
        AtomicBoolean healthy = new AtomicBoolean(true);
        AtomicBoolean running = new AtomicBoolean(true);
        try (ZContext context = new ZContext()) {
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort(); // free, and released at once when closed
            }
            new Heartbeat(context, "tcp://127.0.0.1:" + port, healthy::get, running::get).start();
            ZMQ.Socket client = context.createSocket(SocketType.DEALER);
            client.setReceiveTimeOut(5000);
            client.connect("tcp://127.0.0.1:" + port);
            Sockets.send(client, List.of("one".getBytes(), "two".getBytes()));
            List<byte[]> echo = Sockets.receive(client, 0);
            assertEquals(2, echo.size());
            assertArrayEquals("two".getBytes(), echo.get(1));

            healthy.set(false);
            Sockets.send(client, List.of("ping".getBytes()));
            client.setReceiveTimeOut(1000);
            assertNull(Sockets.receive(client, 0));
            healthy.set(true); // silent for good: a dead serving thread does not come back
            Sockets.send(client, List.of("ping".getBytes()));
            assertNull(Sockets.receive(client, 0));
            running.set(false);
        }
    }

    @Test
    void aServingThreadNotStartedYetHasNotDied() throws InterruptedException {
        Thread notYet = new Thread(() -> { });
        Thread ended = new Thread(() -> { });
        ended.start();
        ended.join();
        assertTrue(KernelServer.noneDied(List.of(notYet, Thread.currentThread())));
        assertFalse(KernelServer.noneDied(List.of(notYet, ended)));
    }
}
