package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A message that arrived on the shell or control channel, and the way back to its sender. */
record Request(Message message, RequestChannel channel) {
    private static final String REQUEST = "_request";

    String type() {
        return message.type();
    }

    JsonNode content() {
        return message.content();
    }

    /** Whether a reply is due (the type ends in {@code _request}; comm messages, for one, get none). */
    boolean expectsReply() {
        return type().endsWith(REQUEST);
    }

    boolean isExecute() {
        return type().equals("execute_request");
    }

    /** The {@code code} field of the content, "" when absent. */
    String code() {
        return content().path("code").asText("");
    }

    /** The {@code cursor_pos} field, the end of the code when absent. */
    int cursor() {
        return content().path("cursor_pos").asInt(code().length());
    }

    /** Answers with the reply of this request's type ({@code x_request} is answered by {@code x_reply}). */
    void reply(ObjectNode content) {
        String type = type();
        channel.reply(message, type.substring(0, type.length() - REQUEST.length()) + "_reply", content);
    }
}
