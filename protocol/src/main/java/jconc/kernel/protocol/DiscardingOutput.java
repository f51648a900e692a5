package jconc.kernel.protocol;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** A frontend that shows nothing and cannot answer input; extend it to watch some of it. */
public class DiscardingOutput implements CellOutput {
    @Override
    public void stream(String name, String text) {
    }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
    }

    @Override
    public void result(Map<String, Object> data) {
    }

    @Override
    public void clearOutput(boolean wait) {
    }

    @Override
    public boolean stdinAllowed() {
        return false;
    }

    @Override
    public String input(String prompt, boolean password) {
        throw new IllegalStateException("no frontend to answer input");
    }

    @Override
    public void idleWhen(CompletionStage<?> settled) {
    }
}
