package jconc.kernel.output;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import jconc.kernel.protocol.CellOutput;

/**
 * A cell's output that keeps the order the cell's code saw: the text its {@link CellStreams}
 * hold is sent before any other message (a display, a result, a clear, an input request), and
 * text sent through {@link #stream} goes after what was written before it, at once.
 */
public final class OrderedOutput implements CellOutput {
    private final CellOutput output;
    private final CellStreams streams;

    public OrderedOutput(CellOutput output, CellStreams streams) {
        this.output = output;
        this.streams = streams;
    }

    /** The one place that sends the streams' text before a message. */
    private CellOutput afterPendingText() {
        streams.flush();
        return output;
    }

    @Override
    public void stream(String name, String text) {
        streams.write(name, text);
        afterPendingText();
    }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        afterPendingText().display(data, metadata, displayId, update);
    }

    @Override
    public void result(Map<String, Object> data) {
        afterPendingText().result(data);
    }

    @Override
    public void clearOutput(boolean wait) {
        afterPendingText().clearOutput(wait);
    }

    @Override
    public boolean stdinAllowed() {
        return output.stdinAllowed();
    }

    @Override
    public String input(String prompt, boolean password) throws InterruptedException {
        return afterPendingText().input(prompt, password);
    }

    @Override
    public void idleWhen(CompletionStage<?> settled) {
        output.idleWhen(settled);
    }
}
