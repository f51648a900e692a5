package jconc.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The server's handler table, through its shell socket, with a language that knows nothing. */
class KernelServerTest {
    /** Answers kernel_info; every completion fails. */
    private static final class Mute implements Interpreter {
        public LanguageInfo languageInfo() {
            return new LanguageInfo("mute", "1", "text/plain", ".txt", "text", "text", "mute", "1", "", Map.of());
        }

        public Outcome execute(ExecuteRequest request, CellOutput output) {
            return new Ok();
        }

        public Completion complete(String code, int cursor) {
            throw new IllegalStateException("completion broke");
        }

        public Inspection inspect(String code, int cursor, int detailLevel) {
            return Inspection.NOT_FOUND;
        }

        public IsComplete isComplete(String code) {
            return new IsComplete("complete", "");
        }

        public void interrupt() {
        }

        public void shutdown(boolean restart) {
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Test
    @Timeout(60)
    void unknownTypesAndFailingHandlersGetErrorRepliesAndTheShellServesOn() throws Exception {
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(),
                freePort(), "key", "hmac-sha256");
        KernelServer server = new KernelServer(info, new Mute());
        Thread serving = new Thread(() -> {
            try {
                server.serve(() -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        serving.setDaemon(true);
        serving.start();
        WireCodec codec = new WireCodec(new Signer("key", "hmac-sha256"));
        try (ZContext context = new ZContext()) {
            ZMQ.Socket shell = context.createSocket(SocketType.DEALER);
            shell.setReceiveTimeOut(20_000);
            shell.connect(info.address(info.shellPort()));

            Message unknown = ask(shell, codec, "no_such_request");
            assertEquals("no_such_reply", unknown.type());
            assertEquals("UnknownMessageType", unknown.content().path("ename").asText());

            Message broken = ask(shell, codec, "complete_request");
            assertEquals("complete_reply", broken.type());
            assertEquals("KernelError", broken.content().path("ename").asText());
            assertTrue(broken.content().path("evalue").asText().contains("completion broke"));

            Message kernelInfo = ask(shell, codec, "kernel_info_request");
            assertEquals("kernel_info_reply", kernelInfo.type());
            assertEquals("mute", kernelInfo.content().path("language_info").path("name").asText());
        } finally {
            server.stop(false);
        }
    }

    private static Message ask(ZMQ.Socket shell, WireCodec codec, String type) throws Exception {
        Message request = Message.create(null, type, Json.object(), "test");
        Sockets.send(shell, codec.encode(request));
        List<byte[]> frames = Sockets.receive(shell, 0);
        assertNotNull(frames, "no reply to " + type);
        Message reply = codec.decode(frames);
        assertEquals(request.id(), reply.parentHeader().path("msg_id").asText());
        return reply;
    }
}
