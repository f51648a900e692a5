package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** One Jupyter message: routing identities plus the four JSON parts and binary buffers. */
public record Message(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader,
                      ObjectNode metadata, ObjectNode content, List<byte[]> buffers) {

    public static final String PROTOCOL_VERSION = "5.3";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    public String type() {
        return header.path("msg_type").asText("");
    }

    public String id() {
        return header.path("msg_id").asText("");
    }

    public String session() {
        return header.path("session").asText("");
    }

    /** A new message of {@code type}, answering or caused by {@code parent} (may be null). */
    public static Message create(Message parent, String type, ObjectNode content, String session) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", session);
        header.put("username", parent == null ? "kernel" : parent.header.path("username").asText("kernel"));
        header.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(ISO));
        header.put("msg_type", type);
        header.put("version", PROTOCOL_VERSION);
        ObjectNode parentHeader = parent == null ? JsonNodeFactory.instance.objectNode() : parent.header.deepCopy();
        List<byte[]> ids = parent == null ? List.of() : parent.identities;
        return new Message(ids, header, parentHeader, JsonNodeFactory.instance.objectNode(), content, List.of());
    }

    /** The same message sent to an iopub topic instead of back to the requester. */
    public Message withIdentities(List<byte[]> ids) {
        return new Message(ids, header, parentHeader, metadata, content, buffers);
    }

    public JsonNode field(String name) {
        return content.path(name);
    }
}
