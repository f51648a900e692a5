package jconc.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The Jupyter wire protocol over ZeroMQ: binds the five channels, checks signatures, answers
 * every request, and hands the language work to an {@link Interpreter}.
 *
 * <p>Threads: shell (requests in order, execution included), control (interrupt and shutdown,
 * answered while a cell runs), iopub (one sender), stdin, heartbeat. No Throwable ends them: a
 * request that fails is answered with an error and the thread serves on. Should one die anyway,
 * the heartbeat falls silent, so that the frontend restarts the kernel.
 */
public final class KernelServer {
    private static final int POLL_MS = 250;

    private final ConnectionInfo connection;
    private final Interpreter interpreter;
    private final Limits limits;
    private final WireCodec codec;
    private final String session = UUID.randomUUID().toString();
    private final ZContext context = new ZContext();
    private final History history = new History();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private IopubPublisher iopub;
    private StdinChannel stdin;
    private List<Thread> serving = List.of();
    /** Orders the busy of a new execute request against a late idle of an earlier one. */
    private final Object statusLock = new Object();
    private Message currentExecute;
    private int executionCount = 1;

    public KernelServer(ConnectionInfo connection, Interpreter interpreter) {
        this(connection, interpreter, Limits.fromEnvironment());
    }

    public KernelServer(ConnectionInfo connection, Interpreter interpreter, Limits limits) {
        this.connection = connection;
        this.interpreter = interpreter;
        this.limits = limits;
        this.codec = new WireCodec(new Signer(connection.key(), connection.signatureScheme()), limits.maxRequestBytes());
    }

    /**
     * Binds every channel and serves until shutdown; returns whether a restart was asked.
     * {@code whenListening} runs once the channels are bound (slow warm-up belongs there, so
     * that the first kernel_info is answered at once).
     */
    public boolean serve(Runnable whenListening) throws InterruptedException {
        iopub = new IopubPublisher(context, connection.address(connection.iopubPort()), codec, session);
        iopub.start();
        stdin = new StdinChannel(context, connection.address(connection.stdinPort()), codec, session);
        stdin.start();
        ZMQ.Socket shell = bindRouter(connection.shellPort());
        ZMQ.Socket control = bindRouter(connection.controlPort());
        Thread controlThread = daemon("jconc-control", () -> serveLoop(control, true));
        Thread shellThread = daemon("jconc-shell", () -> serveLoop(shell, false));
        serving = List.of(shellThread, controlThread, iopub.thread(), stdin.thread());
        new Heartbeat(context, connection.address(connection.heartbeatPort()), this::healthy, running::get).start();
        controlThread.start();
        iopub.status(null, "starting");
        shellThread.start();
        whenListening.run();
        stopped.await();
        return restartRequested;
    }

    private volatile boolean restartRequested;

    private ZMQ.Socket bindRouter(int port) {
        ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
        socket.setLinger(1000);
        socket.setReceiveTimeOut(POLL_MS);
        socket.bind(connection.address(port));
        return socket;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** Whether every thread that serves the protocol is alive (the heartbeat answers only then). */
    private boolean healthy() {
        for (Thread t : serving) {
            if (!t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private void serveLoop(ZMQ.Socket socket, boolean isControl) {
        String channel = isControl ? "control" : "shell";
        while (running.get()) {
            try {
                serveOne(socket, channel);
            } catch (Throwable e) {
                if (!running.get()) {
                    return;
                }
                Log.warn(channel + ": survived", e);
            }
        }
    }

    private void serveOne(ZMQ.Socket socket, String channel) {
        List<byte[]> frames = Sockets.receive(socket, 0);
        if (frames == null) {
            return;
        }
        Message request = accept(socket, frames, channel);
        if (request == null) {
            return;
        }
        try {
            handle(socket, request);
        } catch (Throwable e) {
            Log.warn(channel + ": failed to handle " + request.type(), e);
            refuse(socket, request, "KernelError", "the kernel failed to answer " + request.type() + ": " + e);
        }
    }

    /**
     * The request in {@code frames}, or null when it is rejected: logged, and answered with an
     * error where its header could be read and its signature is good.
     */
    private Message accept(ZMQ.Socket socket, List<byte[]> frames, String channel) {
        try {
            return codec.decode(frames);
        } catch (WireCodec.Refused e) {
            Log.warn(channel + ": refused a " + e.headerOnly().type() + ": " + e.getMessage(), null);
            refuse(socket, e.headerOnly(), e.ename(), e.getMessage());
        } catch (WireCodec.RejectedMessage e) {
            Log.warn(channel + ": dropped message: " + e.getMessage(), null);
        }
        return null;
    }

    /**
     * Answers a request the kernel cannot serve with an error reply (busy, the reply, for an
     * execute request an error on iopub, idle), so the frontend is never left waiting.
     */
    private void refuse(ZMQ.Socket socket, Message request, String ename, String evalue) {
        String type = request.type();
        if (!type.endsWith("_request")) {
            return;
        }
        iopub.status(request, "busy");
        try {
            ObjectNode c = Json.object();
            c.put("status", "error");
            c.put("ename", ename);
            c.put("evalue", evalue);
            c.set("traceback", Json.array().add(ename + ": " + evalue));
            if (type.equals("execute_request")) {
                iopub.publish(request, "error", c.deepCopy());
                c.put("execution_count", executionCount);
            }
            reply(socket, request, type.substring(0, type.length() - "_request".length()) + "_reply", c);
        } finally {
            iopub.status(request, "idle");
        }
    }

    private void reply(ZMQ.Socket socket, Message request, String type, ObjectNode content) {
        Sockets.send(socket, codec.encode(Message.create(request, type, content, session)));
    }

    private void handle(ZMQ.Socket socket, Message request) {
        String type = request.type();
        synchronized (statusLock) {
            iopub.status(request, "busy");
            if (type.equals("execute_request")) {
                currentExecute = request;
            }
        }
        try {
            switch (type) {
                case "execute_request" -> execute(socket, request);
                case "kernel_info_request" -> reply(socket, request, "kernel_info_reply", kernelInfo());
                case "complete_request" -> reply(socket, request, "complete_reply", complete(request));
                case "inspect_request" -> reply(socket, request, "inspect_reply", inspect(request));
                case "is_complete_request" -> reply(socket, request, "is_complete_reply", isComplete(request));
                case "history_request" -> reply(socket, request, "history_reply", history(request));
                case "comm_info_request" -> reply(socket, request, "comm_info_reply", commInfo());
                case "comm_open" -> closeUnknownComm(request);
                case "comm_msg", "comm_close" -> Log.debug("ignored " + type);
                case "interrupt_request" -> {
                    interpreter.interrupt();
                    reply(socket, request, "interrupt_reply", ok());
                }
                case "shutdown_request" -> shutdown(socket, request);
                default -> {
                    Log.warn("unknown message type '" + type + "'", null);
                    if (type.endsWith("_request")) {
                        ObjectNode c = Json.object();
                        c.put("status", "error");
                        c.put("ename", "UnknownMessageType");
                        c.put("evalue", "jconc does not handle " + type);
                        c.set("traceback", Json.array());
                        reply(socket, request, type.replace("_request", "_reply"), c);
                    }
                }
            }
        } finally {
            if (!type.equals("execute_request")) {
                iopub.status(request, "idle");
            }
        }
    }

    private static ObjectNode ok() {
        ObjectNode c = Json.object();
        c.put("status", "ok");
        return c;
    }

    private ObjectNode kernelInfo() {
        Interpreter.LanguageInfo info = interpreter.languageInfo();
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

    private void execute(ZMQ.Socket socket, Message request) {
        JsonNode c = request.content();
        String code = c.path("code").asText("");
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
            iopub.publish(request, "execute_input", input);
        }
        var req = new Interpreter.ExecuteRequest(code, count, silent, storeHistory,
                c.path("allow_stdin").asBoolean(false), c.path("stop_on_error").asBoolean(true));
        RequestOutput output = new RequestOutput(request, silent, count);
        Interpreter.Outcome outcome;
        try {
            outcome = interpreter.execute(req, output);
        } catch (Throwable e) {
            Log.warn("interpreter failed", e);
            outcome = new Interpreter.Failed("KernelError", String.valueOf(e), List.of("KernelError: " + e));
        } finally {
            synchronized (statusLock) {
                currentExecute = null;
            }
        }
        ObjectNode content = Json.object();
        if (outcome instanceof Interpreter.Failed f) {
            content.put("status", "error");
            content.put("ename", f.ename());
            content.put("evalue", f.evalue());
            ArrayNode tb = content.putArray("traceback");
            f.traceback().forEach(tb::add);
            if (!silent) {
                iopub.publish(request, "error", content.deepCopy());
            }
        } else {
            content.put("status", "ok");
            content.set("user_expressions", Json.object());
            content.set("payload", Json.tree(((Interpreter.Ok) outcome).payload()));
        }
        content.put("execution_count", count);
        reply(socket, request, "execute_reply", content);
        if (outcome instanceof Interpreter.Failed && req.stopOnError()) {
            abortQueued(socket); // before the idle: a request sent after the idle is never aborted
        }
        output.settled.whenComplete((v, e) -> idleLate(request));
    }

    /**
     * Sends an execute request's idle, which waits until the work its cell started has ended.
     * When that happens while a later cell runs, that cell's busy is sent again so the frontend
     * still shows the kernel busy. Under {@link #statusLock}, so the later cell's own busy is never
     * sent twice in a row.
     */
    private void idleLate(Message request) {
        synchronized (statusLock) {
            iopub.status(request, "idle");
            Message now = currentExecute;
            if (now != null && now != request) {
                iopub.status(now, "busy");
            }
        }
    }

    /** After a failed cell, answers the execute requests already waiting with "aborted". */
    private void abortQueued(ZMQ.Socket socket) {
        while (true) {
            List<byte[]> frames = Sockets.receive(socket, ZMQ.DONTWAIT);
            if (frames == null) {
                return;
            }
            Message queued = accept(socket, frames, "shell");
            if (queued == null) {
                continue;
            }
            if (!queued.type().equals("execute_request")) {
                handle(socket, queued);
                continue;
            }
            iopub.status(queued, "busy");
            ObjectNode c = Json.object();
            c.put("status", "aborted");
            c.put("execution_count", executionCount);
            reply(socket, queued, "execute_reply", c);
            iopub.status(queued, "idle");
        }
    }

    private ObjectNode complete(Message request) {
        String code = request.content().path("code").asText("");
        int cursor = request.content().path("cursor_pos").asInt(code.length());
        Interpreter.Completion completion = interpreter.complete(code, cursor);
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

    private ObjectNode inspect(Message request) {
        String code = request.content().path("code").asText("");
        int cursor = request.content().path("cursor_pos").asInt(code.length());
        Interpreter.Inspection found = interpreter.inspect(code, cursor, request.content().path("detail_level").asInt(0));
        ObjectNode c = ok();
        c.put("found", found.found());
        c.set("data", Json.tree(found.data()));
        c.set("metadata", Json.object());
        return c;
    }

    private ObjectNode isComplete(Message request) {
        Interpreter.IsComplete r = interpreter.isComplete(request.content().path("code").asText(""));
        ObjectNode c = Json.object();
        c.put("status", r.status());
        if (r.status().equals("incomplete")) {
            c.put("indent", r.indent());
        }
        return c;
    }

    private ObjectNode history(Message request) {
        JsonNode c = request.content();
        String access = c.path("hist_access_type").asText("tail");
        int n = c.path("n").asInt(10);
        List<History.Entry> entries = switch (access) {
            case "search" -> history.search(c.path("pattern").asText("*"), n, c.path("unique").asBoolean(false));
            case "range" -> history.range(c.path("start").asInt(0), c.path("stop").asInt(0));
            default -> history.tail(n);
        };
        boolean withOutput = c.path("output").asBoolean(false);
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

    private static ObjectNode commInfo() {
        ObjectNode c = ok();
        c.putObject("comms");
        return c;
    }

    private void closeUnknownComm(Message request) {
        ObjectNode c = Json.object();
        c.put("comm_id", request.content().path("comm_id").asText(""));
        c.putObject("data");
        iopub.publish(request, "comm_close", c);
    }

    private void shutdown(ZMQ.Socket socket, Message request) {
        boolean restart = request.content().path("restart").asBoolean(false);
        ObjectNode c = ok();
        c.put("restart", restart);
        reply(socket, request, "shutdown_reply", c);
        iopub.publish(request, "shutdown_reply", c.deepCopy());
        iopub.status(request, "idle");
        restartRequested = restart;
        stop(restart);
    }

    /** Ends the server: interpreter first, then the channels. */
    public void stop(boolean restart) {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        try {
            interpreter.shutdown(restart);
        } catch (RuntimeException e) {
            Log.warn("interpreter shutdown", e);
        }
        try {
            iopub.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stdin.close();
        stopped.countDown();
    }

    /**
     * The {@link CellOutput} of one execute request. Its stream text is bounded: once the
     * cell (its threads, children and programs included, for as long as they write) has sent
     * the output limit, the rest is dropped, with one notice on stderr.
     */
    private final class RequestOutput implements CellOutput {
        private final Message request;
        private final boolean silent;
        private final int count;
        private final OutputBudget budget = new OutputBudget(limits.maxOutputBytes());
        private volatile CompletionStage<?> settled = CompletableFuture.completedFuture(null);

        RequestOutput(Message request, boolean silent, int count) {
            this.request = request;
            this.silent = silent;
            this.count = count;
        }

        @Override
        public void stream(String name, String text) {
            OutputBudget.Grant grant = budget.take(text);
            if (!grant.text().isEmpty()) {
                publishStream(name, grant.text());
            }
            if (grant.exhaustedNow()) {
                publishStream("stderr", "\n[jconc] output limit of " + Limits.describe(limits.maxOutputBytes())
                        + " reached; the rest of this cell's output is dropped (set -Djconc." + Limits.MAX_OUTPUT_BYTES
                        + " or JCONC_" + Limits.MAX_OUTPUT_BYTES.toUpperCase(java.util.Locale.ROOT) + " to change it)\n");
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
}
