package jconc.kernel.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes each request to the handler registered for its message type, between its busy and its
 * idle, as ipykernel's {@code shell_handlers} and xeus's handler table do. A type without a
 * handler is answered with an UnknownMessageType error. execute_request is the one handler that
 * sends its own idle (when its cell has settled).
 */
final class Dispatcher implements RequestChannel.Dispatch {
    /** Serves one request of a type; replies through {@link Request#reply}. */
    @FunctionalInterface
    interface Handler {
        void handle(Request request);
    }

    /** For messages that need no answer. */
    static final Handler IGNORE = request -> Log.debug("ignored " + request.type());

    private final Statuses statuses;
    private final ExecuteHandler execute;
    private final Map<String, Handler> handlers;

    /** {@code handlers}: every type but execute_request, which {@code execute} serves. */
    Dispatcher(Statuses statuses, ExecuteHandler execute, Map<String, Handler> handlers) {
        this.statuses = statuses;
        this.execute = execute;
        this.handlers = new HashMap<>(handlers);
        this.handlers.put("execute_request", execute::handle);
    }

    @Override
    public void serve(Request request) {
        Handler handler = handlers.getOrDefault(request.type(), Dispatcher::unknown);
        if (request.isExecute()) {
            statuses.running(request.message());
            handler.handle(request); // sends the idle itself, once the cell has settled
            return;
        }
        statuses.busy(request.message());
        try {
            handler.handle(request);
        } finally {
            statuses.idle(request.message());
        }
    }

    private static void unknown(Request request) {
        Log.warn("unknown message type '" + request.type() + "'", null);
        if (request.expectsReply()) {
            request.reply(Replies.error("UnknownMessageType", "jconc does not handle " + request.type(), List.of()));
        }
    }

    /**
     * Answers with an error reply (busy, the reply, for an execute request an error on iopub,
     * idle), so the frontend is never left waiting.
     */
    @Override
    public void refuse(Request request, String ename, String evalue) {
        if (!request.expectsReply()) {
            return;
        }
        statuses.busy(request.message());
        try {
            if (request.isExecute()) {
                execute.refuse(request, ename, evalue);
            } else {
                request.reply(Replies.error(ename, evalue, List.of(ename + ": " + evalue)));
            }
        } finally {
            statuses.idle(request.message());
        }
    }
}
