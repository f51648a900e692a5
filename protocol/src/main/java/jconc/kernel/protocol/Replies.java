package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The contents of the replies, built from what the {@link Interpreter} answered. */
final class Replies {
    private Replies() {
    }

    static ObjectNode ok() {
        ObjectNode c = Json.object();
        c.put("status", "ok");
        return c;
    }

    /** An error reply's content (also the content of an iopub {@code error}). */
    static ObjectNode error(String ename, String evalue, List<String> traceback) {
        ObjectNode c = Json.object();
        c.put("status", "error");
        c.put("ename", ename);
        c.put("evalue", evalue);
        ArrayNode tb = c.putArray("traceback");
        traceback.forEach(tb::add);
        return c;
    }

    static ObjectNode kernelInfo(Interpreter.LanguageInfo info) {
        ObjectNode c = ok();
        c.put("protocol_version", Message.PROTOCOL_VERSION);
        c.put("implementation", info.implementation());
        c.put("implementation_version", info.implementationVersion());
        ObjectNode lang = c.putObject("language_info");
        lang.put("name", info.name());
        lang.put("version", info.version());
        lang.put("mimetype", info.mimetype());
        lang.put("file_extension", info.fileExtension());
        lang.put("pygments_lexer", info.pygmentsLexer());
        lang.put("codemirror_mode", info.codemirrorMode());
        c.put("banner", info.banner());
        c.put("debugger", false);
        ArrayNode links = c.putArray("help_links");
        info.helpLinks().forEach((text, url) -> links.addObject().put("text", text).put("url", url));
        return c;
    }

    static ObjectNode completion(Interpreter.Completion completion) {
        ObjectNode c = ok();
        ArrayNode matches = c.putArray("matches");
        completion.matches().forEach(matches::add);
        c.put("cursor_start", completion.cursorStart());
        c.put("cursor_end", completion.cursorEnd());
        ObjectNode meta = c.putObject("metadata");
        if (!completion.types().isEmpty()) {
            meta.set("_jupyter_types_experimental", Json.tree(completion.types()));
        }
        return c;
    }

    static ObjectNode inspection(Interpreter.Inspection found) {
        ObjectNode c = ok();
        c.put("found", found.found());
        c.set("data", Json.tree(found.data()));
        c.set("metadata", Json.object());
        return c;
    }

    static ObjectNode isComplete(Interpreter.IsComplete answer) {
        ObjectNode c = Json.object();
        c.put("status", answer.status());
        if (answer.status().equals("incomplete")) {
            c.put("indent", answer.indent());
        }
        return c;
    }

    /** The answer to a history_request's {@code request} content: tail, search or range. */
    static ObjectNode history(History history, JsonNode request) {
        int n = request.path("n").asInt(10);
        List<History.Entry> entries = switch (request.path("hist_access_type").asText("tail")) {
            case "search" -> history.search(request.path("pattern").asText("*"), n, request.path("unique").asBoolean(false));
            case "range" -> history.range(request.path("start").asInt(0), request.path("stop").asInt(0));
            default -> history.tail(n);
        };
        boolean withOutput = request.path("output").asBoolean(false);
        ObjectNode reply = ok();
        ArrayNode list = reply.putArray("history");
        for (History.Entry e : entries) {
            ArrayNode row = list.addArray().add(e.session()).add(e.line());
            if (withOutput) {
                row.addArray().add(e.input()).addNull();
            } else {
                row.add(e.input());
            }
        }
        return reply;
    }

    /** No comms: this kernel opens none and accepts none. */
    static ObjectNode commInfo() {
        ObjectNode c = ok();
        c.putObject("comms");
        return c;
    }

    /** The comm_close that answers a comm_open the kernel has no target for. */
    static ObjectNode commClose(JsonNode commOpen) {
        ObjectNode c = Json.object();
        c.put("comm_id", commOpen.path("comm_id").asText(""));
        c.putObject("data");
        return c;
    }

    static ObjectNode shutdown(boolean restart) {
        ObjectNode c = ok();
        c.put("restart", restart);
        return c;
    }

    static ObjectNode aborted(int executionCount) {
        ObjectNode c = Json.object();
        c.put("status", "aborted");
        c.put("execution_count", executionCount);
        return c;
    }
}
