package jconc.kernel.protocol;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.ZContext;

/**
 * The Jupyter wire protocol over ZeroMQ: binds the five channels, serves every request through
 * a table of handlers keyed by message type, and hands the language work to an
 * {@link Interpreter}.
 *
 * <p>Threads: shell (requests in order, execution included), control (interrupt and shutdown,
 * answered while a cell runs), iopub (one sender), stdin, heartbeat. No Throwable ends them: a
 * request that fails is answered with an error and the thread serves on. Should one die anyway,
 * the heartbeat falls silent, so that the frontend restarts the kernel.
 */
public final class KernelServer {
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
    private volatile boolean restartRequested;

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
        Statuses statuses = new Statuses(iopub);
        ExecuteHandler execute = new ExecuteHandler(interpreter, iopub, stdin, statuses, history, limits.maxOutputBytes());
        Dispatcher dispatcher = new Dispatcher(statuses, execute, handlers());
        RequestChannel shell = channel("shell", connection.shellPort(), dispatcher);
        RequestChannel control = channel("control", connection.controlPort(), dispatcher);
        serving = List.of(shell.thread(), control.thread(), iopub.thread(), stdin.thread());
        new Heartbeat(context, connection.address(connection.heartbeatPort()), this::healthy, running::get).start();
        control.start();
        iopub.status(null, "starting");
        shell.start();
        whenListening.run();
        stopped.await();
        return restartRequested;
    }

    private RequestChannel channel(String name, int port, Dispatcher dispatcher) {
        return new RequestChannel(name, context, connection.address(port), codec, session, dispatcher, running::get);
    }

    /** Every message type served besides execute_request, and how. */
    private Map<String, Dispatcher.Handler> handlers() {
        return Map.ofEntries(
                on("kernel_info_request", r -> r.reply(Replies.kernelInfo(interpreter.languageInfo()))),
                on("complete_request", r -> r.reply(Replies.completion(interpreter.complete(r.code(), r.cursor())))),
                on("inspect_request", r -> r.reply(Replies.inspection(
                        interpreter.inspect(r.code(), r.cursor(), r.content().path("detail_level").asInt(0))))),
                on("is_complete_request", r -> r.reply(Replies.isComplete(interpreter.isComplete(r.code())))),
                on("history_request", r -> r.reply(Replies.history(history, r.content()))),
                on("comm_info_request", r -> r.reply(Replies.commInfo())),
                on("comm_open", r -> iopub.publish(r.message(), "comm_close", Replies.commClose(r.content()))),
                on("comm_msg", Dispatcher.IGNORE),
                on("comm_close", Dispatcher.IGNORE),
                on("interrupt_request", r -> {
                    interpreter.interrupt();
                    r.reply(Replies.ok());
                }),
                on("shutdown_request", this::shutdown));
    }

    private static Map.Entry<String, Dispatcher.Handler> on(String type, Dispatcher.Handler handler) {
        return Map.entry(type, handler);
    }

    /**
     * Whether no thread that serves the protocol has died (the heartbeat answers only then). A
     * thread not started yet has not died: a ping may come before the shell thread starts.
     */
    private boolean healthy() {
        return noneDied(serving);
    }

    static boolean noneDied(List<Thread> threads) {
        return threads.stream().noneMatch(t -> t.getState() == Thread.State.TERMINATED);
    }

    private void shutdown(Request request) {
        boolean restart = request.content().path("restart").asBoolean(false);
        request.reply(Replies.shutdown(restart));
        iopub.publish(request.message(), "shutdown_reply", Replies.shutdown(restart));
        iopub.status(request.message(), "idle");
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
}
