package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Serves execute_request: counts and records the input, runs it through the {@link Interpreter}
 * with a {@link RequestOutput}, replies, and after a failed cell aborts the execute requests
 * already waiting (stop_on_error). The request's idle waits until the cell has settled
 * ({@link Statuses}). Runs on the shell thread.
 */
final class ExecuteHandler {
    private final Interpreter interpreter;
    private final IopubPublisher iopub;
    private final StdinChannel stdin;
    private final Statuses statuses;
    private final History history;
    private final long maxOutputBytes;
    /** The count the next stored execution gets; read by the control thread when it refuses one. */
    private volatile int executionCount = 1;

    ExecuteHandler(Interpreter interpreter, IopubPublisher iopub, StdinChannel stdin, Statuses statuses,
                   History history, long maxOutputBytes) {
        this.interpreter = interpreter;
        this.iopub = iopub;
        this.stdin = stdin;
        this.statuses = statuses;
        this.history = history;
        this.maxOutputBytes = maxOutputBytes;
    }

    /** Serves one execute request, whose busy {@link Statuses#running} has been sent. */
    void handle(Request request) {
        JsonNode c = request.content();
        String code = request.code();
        boolean silent = c.path("silent").asBoolean(false);
        boolean storeHistory = c.path("store_history").asBoolean(!silent) && !silent;
        int count = executionCount;
        if (storeHistory) {
            executionCount++;
            history.add(count, code);
        }
        if (!silent) {
            ObjectNode input = Json.object();
            input.put("code", code);
            input.put("execution_count", count);
            iopub.publish(request.message(), "execute_input", input);
        }
        var req = new Interpreter.ExecuteRequest(code, count, silent, storeHistory,
                c.path("allow_stdin").asBoolean(false), c.path("stop_on_error").asBoolean(true));
        RequestOutput output = new RequestOutput(request.message(), silent, count, iopub, stdin, maxOutputBytes);
        Interpreter.Outcome outcome;
        try {
            outcome = interpreter.execute(req, output);
        } catch (Throwable e) {
            Log.warn("interpreter failed", e);
            outcome = new Interpreter.Failed("KernelError", String.valueOf(e), List.of("KernelError: " + e));
        } finally {
            statuses.returned();
        }
        if (outcome instanceof Interpreter.Failed f) {
            replyFailed(request, f, count, !silent);
            if (req.stopOnError()) {
                request.channel().serveWaiting(this::abort); // before the idle: a request sent after the idle is never aborted
            }
        } else {
            ObjectNode content = Replies.ok();
            content.set("user_expressions", Json.object());
            content.set("payload", Json.tree(((Interpreter.Ok) outcome).payload()));
            content.put("execution_count", count);
            request.reply(content);
        }
        statuses.idleWhen(request.message(), output.settled());
    }

    /** Answers an execute request that cannot be served: an error on iopub and in the reply. */
    void refuse(Request request, String ename, String evalue) {
        replyFailed(request, new Interpreter.Failed(ename, evalue, List.of(ename + ": " + evalue)), executionCount, true);
    }

    private void replyFailed(Request request, Interpreter.Failed f, int count, boolean showError) {
        ObjectNode content = Replies.error(f.ename(), f.evalue(), f.traceback());
        if (showError) {
            iopub.publish(request.message(), "error", content.deepCopy());
        }
        content.put("execution_count", count);
        request.reply(content);
    }

    /** Answers an execute request that waited behind a failed cell with "aborted". */
    private void abort(Request queued) {
        statuses.busy(queued.message());
        try {
            queued.reply(Replies.aborted(executionCount));
        } finally {
            statuses.idle(queued.message());
        }
    }
}
