package jconc.kernel.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import jconc.kernel.protocol.CellOutput;

/** A cell output that keeps every message, in order, as "kind: content". */
public final class RecordingOutput implements CellOutput {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    /** Everything sent, in order: "stdout: text", "display: {...}", "result: {...}". */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** The text of one stream, all messages joined. */
    public String text(String stream) {
        StringBuilder text = new StringBuilder();
        for (String m : messages) {
            if (m.startsWith(stream + ": ")) {
                text.append(m.substring(stream.length() + 2));
            }
        }
        return text.toString();
    }

    @Override
    public void stream(String name, String text) {
        messages.add(name + ": " + text);
    }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        messages.add((update ? "update: " : "display: ") + data);
    }

    @Override
    public void result(Map<String, Object> data) {
        messages.add("result: " + data);
    }

    @Override
    public void clearOutput(boolean wait) {
        messages.add("clear: " + wait);
    }

    @Override
    public boolean stdinAllowed() {
        return false;
    }

    @Override
    public String input(String prompt, boolean password) {
        throw new IllegalStateException("no input in tests");
    }

    @Override
    public void idleWhen(CompletionStage<?> settled) {
    }
}
