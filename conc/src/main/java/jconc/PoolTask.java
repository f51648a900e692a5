package jconc;

import java.util.function.Consumer;
import jconc.process.Codec;

/**
 * Internal: a task given to a {@link Pool}: its function and arguments (wire values), its
 * {@link AsyncResult}, the callbacks to run in the context of the thread that submitted it, and
 * its bar in a recording {@link Timeline} while it runs.
 */
final class PoolTask {
    /** A task's function, serialized once; {@code id} names it for workers that have it. */
    record Function(long id, byte[] bytes) {
    }

    private final Function function;
    private final Object[] args;
    private final AsyncResult<Object> result;
    private final Consumer<Object> callback;
    private final Consumer<Throwable> errorCallback;
    /** Where the callbacks run; null when there are none. */
    private final InContext context;
    /** The task's bar in a recording timeline, while it runs (guarded by the scheduler's lock). */
    Held bar;

    @SuppressWarnings("unchecked")
    PoolTask(Function function, Object[] args, Consumer<?> callback, Consumer<? super Throwable> errorCallback) {
        this.function = function;
        this.args = args;
        this.result = new AsyncResult<>();
        this.callback = (Consumer<Object>) callback;
        this.errorCallback = (Consumer<Throwable>) errorCallback;
        this.context = callback != null || errorCallback != null ? InContext.ofCaller() : null;
    }

    Function function() {
        return function;
    }

    Object[] args() {
        return args;
    }

    AsyncResult<Object> result() {
        return result;
    }

    /**
     * The task has ended with {@code value}, or {@code error} if not null: as in Python, the
     * callback has run by the time the result is ready.
     */
    void deliver(Object value, Throwable error) {
        if (error == null) {
            if (callback != null) {
                runCallback(() -> callback.accept(value));
            }
            result.complete(value);
        } else {
            if (errorCallback != null) {
                runCallback(() -> errorCallback.accept(error));
            }
            result.fail(error);
        }
    }

    private void runCallback(Runnable r) {
        try {
            context.run(r);
        } catch (RuntimeException e) {
            System.err.println("exception in a Pool callback: " + e);
            e.printStackTrace();
        }
    }

    /** The task's bar label: its arguments, as in {@code (3)}. */
    String label() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            Object wire = args[i];
            sb.append(i > 0 ? ", " : "").append(wire instanceof byte[] || wire instanceof Codec.Blob ? "..." : String.valueOf(wire));
        }
        String text = sb.append(')').toString();
        return text.length() <= 16 ? text : text.substring(0, 15) + "\u2026";
    }
}
