package jconc;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import jconc.process.Daemons;
import jconc.spi.Hosts;

/**
 * Internal: copies a child's stdout and stderr, as they come, to this process's
 * {@code System.out} and {@code System.err}, in the context of the thread that started the child
 * (in a notebook: into the cell that started it, also after that cell has finished).
 */
final class Pumps {
    private Pumps() {
    }

    /** Starts both copies; the future completes when both streams have ended. */
    static CompletableFuture<Void> start(Process p, String name) {
        return CompletableFuture.allOf(
                copy(p.getInputStream(), () -> System.out, name + " stdout"),
                copy(p.getErrorStream(), () -> System.err, name + " stderr"));
    }

    private static CompletableFuture<Void> copy(InputStream in, Supplier<PrintStream> out, String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable task = Hosts.current().propagate(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    write(out.get(), buf, n);
                }
            } catch (IOException e) {
                // the child is gone
            } finally {
                done.complete(null);
            }
        });
        Daemons.start("jconc-pump " + name, task);
        return done;
    }

    /**
     * Writes one chunk of the child's output. When this process's stream cannot take it (a
     * program set System.out to null, or its stream refuses the write) the chunk is dropped:
     * the pipe is still drained, so the child never blocks on a full pipe.
     */
    private static void write(PrintStream target, byte[] buf, int n) {
        if (target == null) {
            return;
        }
        try {
            target.write(buf, 0, n);
            target.flush();
        } catch (RuntimeException | Error e) {
            // dropped, see above
        }
    }
}
