package jconc.kernel.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread on which JShell parses, compiles and analyses code. javac recurses once per
 * level of nesting (brackets, blocks, a chain of {@code +}), so deep code overflows an
 * ordinary stack; this thread's stack is large ({@link Limits#COMPILER_STACK_MB}), and code
 * nesting deeper than {@link Limits#MAX_NESTING} is refused before it gets here. Anything it
 * throws, a StackOverflowError too, comes back to the caller; the thread itself lives on.
 */
final class CompilerThread {
    private volatile Thread current;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(body -> {
        Thread t = new Thread(null, () -> {
            Cells.markKernelThread();
            body.run();
        }, "jconc-compiler", (long) Limits.COMPILER_STACK_MB << 20);
        t.setDaemon(true);
        current = t;
        return t;
    });

    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Runs {@code work} on the compiler thread and waits for it; what it throws comes back as a
     * {@link Failure}.
     */
    <T> T call(Callable<T> work) {
        if (Thread.currentThread() == current) {
            return direct(work); // already here (a magic of a running cell asks for documentation)
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        queued.incrementAndGet();
        thread.execute(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            } finally {
                queued.decrementAndGet();
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the answer is still due: keep waiting
                } catch (ExecutionException e) {
                    throw new Failure(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Like {@link #call}, but when the thread is busy (a cell runs and the request came on
     * another channel) answers {@code meanwhile} at once instead of waiting for the cell.
     */
    <T> T callIfIdle(Callable<T> work, java.util.function.Supplier<T> meanwhile) {
        return queued.get() > 0 && Thread.currentThread() != current ? meanwhile.get() : call(work);
    }

    private static <T> T direct(Callable<T> work) {
        try {
            return work.call();
        } catch (Throwable e) {
            throw new Failure(e);
        }
    }

    /** What the work threw, carried to the waiting thread. */
    static final class Failure extends RuntimeException {
        Failure(Throwable cause) {
            super(String.valueOf(cause), cause, false, false);
        }
    }
}
