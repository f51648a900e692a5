package jconc.kernel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns multipart ZeroMQ frames into {@link Message}s and back, signing and checking. */
public final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Signer signer;

    public WireCodec(Signer signer) {
        this.signer = signer;
    }

    /** Why a received message was not accepted. */
    public static final class RejectedMessage extends Exception {
        public RejectedMessage(String why) {
            super(why);
        }
    }

    public Message decode(List<byte[]> frames) throws RejectedMessage {
        int delim = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delim = i;
                break;
            }
        }
        if (delim < 0 || frames.size() < delim + 6) {
            throw new RejectedMessage("malformed message: " + frames.size() + " frames, no complete <IDS|MSG> block");
        }
        List<byte[]> jsonParts = frames.subList(delim + 2, delim + 6);
        String signature = new String(frames.get(delim + 1), StandardCharsets.US_ASCII);
        if (!signer.verify(signature, jsonParts)) {
            throw new RejectedMessage("bad or missing signature");
        }
        try {
            return new Message(
                    List.copyOf(frames.subList(0, delim)),
                    object(jsonParts.get(0), "header"),
                    object(jsonParts.get(1), "parent_header"),
                    object(jsonParts.get(2), "metadata"),
                    object(jsonParts.get(3), "content"),
                    List.copyOf(frames.subList(delim + 6, frames.size())));
        } catch (JsonProcessingException e) {
            throw new RejectedMessage("bad JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new RejectedMessage("unreadable JSON: " + e.getMessage());
        }
    }

    private static ObjectNode object(byte[] bytes, String what) throws RejectedMessage, java.io.IOException {
        JsonNode node = JSON.readTree(bytes);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JSON.createObjectNode();
        }
        if (!(node instanceof ObjectNode o)) {
            throw new RejectedMessage(what + " is not a JSON object");
        }
        return o;
    }

    public List<byte[]> encode(Message m) {
        List<byte[]> parts = List.of(bytes(m.header()), bytes(m.parentHeader()), bytes(m.metadata()), bytes(m.content()));
        List<byte[]> frames = new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
        frames.addAll(m.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(parts);
        frames.addAll(m.buffers());
        return frames;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
