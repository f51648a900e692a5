package jconc.kernel.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns multipart ZeroMQ frames into {@link Message}s and back, signing and checking: a
 * message must carry a good signature, not one seen before (a replay), and be no larger than
 * the largest request accepted.
 */
public final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper OUT = new ObjectMapper();
    private final Signer signer;
    private final long maxRequestBytes;
    private final ObjectMapper in;
    private final ReplayGuard replays = new ReplayGuard(ReplayGuard.DEFAULT_CAPACITY);

    public WireCodec(Signer signer) {
        this(signer, Limits.DEFAULT_MAX_REQUEST_BYTES);
    }

    public WireCodec(Signer signer, long maxRequestBytes) {
        this.signer = signer;
        this.maxRequestBytes = maxRequestBytes;
        int longest = (int) Math.min(Integer.MAX_VALUE, maxRequestBytes);
        this.in = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(longest).build())
                .build());
    }

    /** Why a received message was not accepted. */
    public static class RejectedMessage extends Exception {
        public RejectedMessage(String why) {
            super(why);
        }
    }

    /**
     * A well signed message that cannot be served (larger than the largest request accepted,
     * or a part other than the header is unreadable), whose header (and the sender's
     * identities) could be read, so that it can be answered with an error.
     */
    public static final class Refused extends RejectedMessage {
        private final String ename;
        private final transient Message header;

        Refused(String ename, String why, Message header) {
            super(why);
            this.ename = ename;
            this.header = header;
        }

        /** The error's name: RequestTooLarge or BadRequest. */
        public String ename() {
            return ename;
        }

        /** The message with its header and identities only (empty content). */
        public Message headerOnly() {
            return header;
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
        if (!signature.isEmpty() && !replays.firstTime(signature)) {
            throw new RejectedMessage("replayed message (its signature was seen before)");
        }
        long size = 0;
        for (byte[] f : frames.subList(delim + 2, frames.size())) {
            size += f.length;
        }
        ObjectNode header = part(jsonParts.get(0), "header");
        if (size > maxRequestBytes) {
            throw refused(header, frames, delim, "RequestTooLarge", "the message is " + Limits.describe(size)
                    + ", more than the largest request this kernel accepts (" + Limits.describe(maxRequestBytes)
                    + "; set with -Djconc." + Limits.MAX_REQUEST_BYTES + " or JCONC_"
                    + Limits.MAX_REQUEST_BYTES.toUpperCase(java.util.Locale.ROOT) + ")");
        }
        if (header == null) {
            throw new RejectedMessage("the header is not a readable JSON object");
        }
        try {
            return new Message(
                    List.copyOf(frames.subList(0, delim)),
                    header,
                    part(jsonParts.get(1), "parent_header"),
                    part(jsonParts.get(2), "metadata"),
                    part(jsonParts.get(3), "content"),
                    List.copyOf(frames.subList(delim + 6, frames.size())));
        } catch (RejectedMessage e) {
            throw refused(header, frames, delim, "BadRequest", e.getMessage());
        }
    }

    /** One JSON part, or null for a header that cannot be read (the others then fail). */
    private ObjectNode part(byte[] bytes, String what) throws RejectedMessage {
        try {
            return object(bytes, what);
        } catch (JsonProcessingException e) {
            if (what.equals("header")) {
                return null;
            }
            throw new RejectedMessage(what + ": bad JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            if (what.equals("header")) {
                return null;
            }
            throw new RejectedMessage(what + ": unreadable JSON: " + e.getMessage());
        } catch (RejectedMessage e) {
            if (what.equals("header")) {
                return null;
            }
            throw e;
        }
    }

    private static RejectedMessage refused(ObjectNode header, List<byte[]> frames, int delim, String ename, String why) {
        if (header == null) {
            return new RejectedMessage(why + "; its header is unreadable too, so it cannot be answered");
        }
        var empty = OUT.createObjectNode();
        return new Refused(ename, why, new Message(List.copyOf(frames.subList(0, delim)), header, empty,
                empty.deepCopy(), empty.deepCopy(), List.of()));
    }

    private ObjectNode object(byte[] bytes, String what) throws RejectedMessage, java.io.IOException {
        JsonNode node = in.readTree(bytes);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return OUT.createObjectNode();
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
            return OUT.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
