package jconc.kernel.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

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
            Runnable next;
            try {
                next = work.take();
            } catch (InterruptedException e) {
                if (cell.stopping()) {
                    return;
                }
                continue;
            }
            if (next == FINISH) {
                return;
            }
            next.run();
        }
    }

    /** Runs a statement's compiled code on this thread; the future completes with its outcome. */
    CompletableFuture<Result> submit(Method doit) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        work.add(() -> {
            Result r;
            try {
                r = new Result(doit.invoke(null), null);
            } catch (InvocationTargetException e) {
                r = new Result(null, e.getCause());
            } catch (Throwable e) {
                r = new Result(null, e);
            }
            Thread.interrupted(); // an interrupt meant for this statement ends with it
            done.complete(r);
        });
        return done;
    }

    /** The cell is over: the thread ends once the statement it runs (if any) has returned. */
    void finish() {
        work.add(FINISH);
    }
}
