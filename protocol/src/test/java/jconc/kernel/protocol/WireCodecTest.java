package jconc.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private final WireCodec codec = new WireCodec(new Signer("secret", "hmac-sha256"));

    private static Message sample() {
        var content = Json.object();
        content.put("code", "1 + 1");
        return Message.create(null, "execute_request", content, "session-1");
    }

    @Test
    void aSignedMessageSurvivesTheRoundTrip() throws Exception {
        Message original = sample();
        Message decoded = codec.decode(codec.encode(original));
        assertEquals("execute_request", decoded.type());
        assertEquals("1 + 1", decoded.content().path("code").asText());
        assertEquals(original.id(), decoded.id());
    }

    @Test
    void aWrongSignatureIsRejected() {
        List<byte[]> frames = new ArrayList<>(codec.encode(sample()));
        int sig = indexOfDelimiter(frames) + 1;
        frames.set(sig, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        var e = assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(frames));
        assertTrue(e.getMessage().contains("signature"));
    }

    @Test
    void aMissingSignatureIsRejected() {
        List<byte[]> frames = new ArrayList<>(codec.encode(sample()));
        frames.set(indexOfDelimiter(frames) + 1, new byte[0]);
        assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(frames));
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRejected() {
        List<byte[]> frames = new WireCodec(new Signer("other", "hmac-sha256")).encode(sample());
        assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(frames));
    }

    @Test
    void framesWithoutTheDelimiterAreRejected() {
        assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(List.of("junk".getBytes())));
    }

    @Test
    void badJsonIsRejectedNotThrown() {
        WireCodec unsigned = new WireCodec(new Signer("", "hmac-sha256"));
        List<byte[]> frames = new ArrayList<>(unsigned.encode(sample()));
        frames.set(indexOfDelimiter(frames) + 5, "{not json".getBytes());
        assertThrows(WireCodec.RejectedMessage.class, () -> unsigned.decode(frames));
    }

    @Test
    void anEmptyKeyDisablesSigning() throws Exception {
        WireCodec unsigned = new WireCodec(new Signer("", "hmac-sha256"));
        List<byte[]> frames = unsigned.encode(sample());
        assertEquals(0, frames.get(indexOfDelimiter(frames) + 1).length);
        assertEquals("execute_request", unsigned.decode(frames).type());
    }

    @Test
    void repliesKeepTheRequestersIdentitiesAndParent() throws Exception {
        Message request = new Message(List.of("client-7".getBytes()), sample().header(), Json.object(),
                Json.object(), Json.object(), List.of());
        Message reply = Message.create(request, "execute_reply", Json.object(), "kernel-session");
        List<byte[]> frames = codec.encode(reply);
        assertEquals("client-7", new String(frames.get(0)));
        assertEquals(request.id(), codec.decode(frames).parentHeader().path("msg_id").asText());
    }

    @Test
    void aMessageSentTwiceIsRejectedTheSecondTime() throws Exception {
        List<byte[]> frames = codec.encode(sample());
        codec.decode(frames);
        var e = assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(frames));
        assertTrue(e.getMessage().contains("replayed"));
    }

    @Test
    void aMessageOverTheMaximumIsRefusedWithItsHeader() {
        WireCodec small = new WireCodec(new Signer("secret", "hmac-sha256"), 1024);
        var content = Json.object();
        content.put("code", "x".repeat(2000));
        Message big = Message.create(null, "execute_request", content, "s");
        var e = assertThrows(WireCodec.Refused.class, () -> small.decode(small.encode(big)));
        assertEquals("RequestTooLarge", e.ename());
        assertEquals(big.id(), e.headerOnly().id());
        assertTrue(e.getMessage().contains("1 KB"), e.getMessage());
    }

    @Test
    void aStringOverJacksonsDefaultLimitIsRead() throws Exception {
        var content = Json.object();
        content.put("code", "x".repeat(21 << 20));
        assertEquals(21 << 20, codec.decode(codec.encode(Message.create(null, "execute_request", content, "s")))
                .content().path("code").asText().length());
    }

    @Test
    void aWellSignedBodyThatCannotBeReadIsRefusedAsABadRequest() {
        List<byte[]> frames = new ArrayList<>(codec.encode(sample()));
        int d = indexOfDelimiter(frames);
        frames.set(d + 5, "[".repeat(5000).getBytes());
        frames.set(d + 1, new Signer("secret", "hmac-sha256").sign(frames.subList(d + 2, d + 6))
                .getBytes(StandardCharsets.US_ASCII));
        var e = assertThrows(WireCodec.Refused.class, () -> codec.decode(frames));
        assertEquals("BadRequest", e.ename());
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (new String(frames.get(i), StandardCharsets.US_ASCII).equals("<IDS|MSG>")) {
                return i;
            }
        }
        throw new AssertionError("no delimiter");
    }
}
