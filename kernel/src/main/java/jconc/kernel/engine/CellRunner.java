package jconc.kernel.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread, named "main", on which all of a cell's statements run, one after another,
 * like the main thread of a program: {@code Thread.currentThread()}, thread locals and locks
 * held carry over from one statement to the next. JShell compiles each statement on the
 * kernel's thread and hands the compiled code here.
 */
final class CellRunner {
    private static final Runnable FINISH = () -> { };

    /** What one statement did: its value or what it threw. */
    record Result(Object value, Throwable thrown) {
    }

    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread thread;

    CellRunner(Cell cell) {
        thread = new Thread(cell.threads(), () -> loop(cell), "main");
        thread.setDaemon(false); // as a program's main thread: the threads it starts are not daemons either
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    private void loop(Cell cell) {
        Cells.enter(cell);
        while (true) {
            try {
                Runnable next = work.take();
                if (next == FINISH) {
                    return;
                }
                next.run();
            } catch (InterruptedException e) {
                if (cell.stopping()) {
                    return;
                }
            } catch (Throwable late) {
                // a stop meant for a statement that had just ended: the thread serves the next one
                if (cell.stopping()) {
                    return;
                }
            }
        }
    }

    /** Runs a statement's compiled code on this thread; the future completes with its outcome. */
    CompletableFuture<Result> submit(Method doit) {
        return submit(() -> {
            try {
                return doit.invoke(null);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Code that may throw anything. */
    interface Work {
        Object run() throws Throwable;
    }

    /** Runs {@code body} on this thread; the future completes with its value or what it threw. */
    CompletableFuture<Result> submit(Work body) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        work.add(() -> {
            Result r;
            try {
                r = new Result(body.run(), null);
            } catch (Throwable e) {
                r = new Result(null, e);
            }
            Thread.interrupted(); // an interrupt meant for this statement ends with it
            done.complete(r);
        });
        return done;
    }

    /**
     * Waits for work submitted here until it completes, the cell is being stopped, or
     * {@code timeoutMillis} pass (never, for {@code Long.MAX_VALUE}); null when it did not complete.
     */
    static Result await(Cell cell, CompletableFuture<Result> done, long timeoutMillis) {
        long start = System.nanoTime();
        while (!cell.stopping() && (timeoutMillis == Long.MAX_VALUE
                || System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(timeoutMillis))) {
            Result r = within(done, 50);
            if (r != null) {
                return r;
            }
        }
        return done.getNow(null);
    }

    /** The result if the work completes within {@code millis}, else null. */
    static Result within(CompletableFuture<Result> done, long millis) {
        try {
            return done.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return new Result(null, e.getCause()); // not reached: the work completes normally
        }
    }

    /** The cell is over: the thread ends once the statement it runs (if any) has returned. */
    void finish() {
        work.add(FINISH);
    }
}
