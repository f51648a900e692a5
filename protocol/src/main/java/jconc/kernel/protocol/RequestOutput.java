package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link CellOutput} of one execute request: iopub and stdin messages whose parent is the
 * request. Its stream text is bounded: once the cell (its threads, children and programs
 * included, for as long as they write) has sent the output limit, the rest is dropped, with one
 * notice on stderr.
 */
final class RequestOutput implements CellOutput {
    private final Message request;
    private final boolean silent;
    private final int count;
    private final IopubPublisher iopub;
    private final StdinChannel stdin;
    private final long maxOutputBytes;
    private final OutputBudget budget;
    private volatile CompletionStage<?> settled = CompletableFuture.completedFuture(null);

    RequestOutput(Message request, boolean silent, int count, IopubPublisher iopub, StdinChannel stdin, long maxOutputBytes) {
        this.request = request;
        this.silent = silent;
        this.count = count;
        this.iopub = iopub;
        this.stdin = stdin;
        this.maxOutputBytes = maxOutputBytes;
        this.budget = new OutputBudget(maxOutputBytes);
    }

    /** What the cell handed to {@link #idleWhen}: its idle waits for it. */
    CompletionStage<?> settled() {
        return settled;
    }

    @Override
    public void stream(String name, String text) {
        OutputBudget.Grant grant = budget.take(text);
        if (!grant.text().isEmpty()) {
            publishStream(name, grant.text());
        }
        if (grant.exhaustedNow()) {
            publishStream("stderr", "\n[jconc] output limit of " + Limits.describe(maxOutputBytes)
                    + " reached; the rest of this cell's output is dropped (set -Djconc." + Limits.MAX_OUTPUT_BYTES
                    + " or JCONC_" + Limits.MAX_OUTPUT_BYTES.toUpperCase(Locale.ROOT) + " to change it)\n");
        }
    }

    private void publishStream(String name, String text) {
        ObjectNode c = Json.object();
        c.put("name", name);
        c.put("text", text);
        iopub.publish(request, "stream", c);
    }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        ObjectNode c = Json.object();
        c.set("data", Json.tree(data));
        c.set("metadata", Json.tree(metadata == null ? Map.of() : metadata));
        ObjectNode trans = c.putObject("transient");
        if (displayId != null) {
            trans.put("display_id", displayId);
        }
        iopub.publish(request, update ? "update_display_data" : "display_data", c);
    }

    @Override
    public void result(Map<String, Object> data) {
        if (silent) {
            return;
        }
        ObjectNode c = Json.object();
        c.put("execution_count", count);
        c.set("data", Json.tree(data));
        c.set("metadata", Json.object());
        iopub.publish(request, "execute_result", c);
    }

    @Override
    public void clearOutput(boolean wait) {
        ObjectNode c = Json.object();
        c.put("wait", wait);
        iopub.publish(request, "clear_output", c);
    }

    @Override
    public boolean stdinAllowed() {
        return request.content().path("allow_stdin").asBoolean(false);
    }

    @Override
    public String input(String prompt, boolean password) throws InterruptedException {
        if (!stdinAllowed()) {
            throw new IllegalStateException("this frontend does not accept input (allow_stdin is false)");
        }
        return stdin.input(request, prompt, password);
    }

    @Override
    public void idleWhen(CompletionStage<?> done) {
        settled = done;
    }
}
