package jconc.kernel.output;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The permanent {@code System.out} and {@code System.err}: each write goes to the streams of
 * the cell the writing thread works for, or to the kernel's log for the kernel's own threads.
 * A flusher sends batches every 50 ms (as ipykernel batches its output), or at once when a
 * cell has gathered a megabyte: a flood of output is a few large messages, not many small ones.
 */
public final class OutputRouter {
    static final long FLUSH_INTERVAL_MS = 50;

    private final Supplier<CellStreams> target;
    private final PrintStream log;
    private final Runnable checkpoint;
    private final Set<CellStreams> dirty = ConcurrentHashMap.newKeySet();

    /**
     * {@code target} gives the calling thread's cell streams, or null for the kernel's threads;
     * {@code checkpoint} runs at the start of every print (it may throw to end a stopped thread).
     */
    public OutputRouter(Supplier<CellStreams> target, PrintStream log, Runnable checkpoint) {
        this.target = target;
        this.log = log;
        this.checkpoint = checkpoint;
    }

    /** Replaces System.out and System.err and starts the flusher. */
    public void install() {
        System.setOut(new RoutedPrintStream(new RoutedStream("stdout"), checkpoint));
        System.setErr(new RoutedPrintStream(new RoutedStream("stderr"), checkpoint));
        Thread flusher = new Thread(this::flushLoop, "jconc-output-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    private void flushLoop() {
        while (true) {
            try {
                Thread.sleep(FLUSH_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                flushAll();
            } catch (Throwable e) {
                log.println("[jconc] WARNING output flusher survived: " + e);
            }
        }
    }

    /** Sends every pending batch now. */
    public void flushAll() {
        for (CellStreams s : dirty) {
            dirty.remove(s);
            s.flush();
        }
    }

    private final class RoutedStream extends OutputStream {
        private final String name;

        RoutedStream(String name) {
            this.name = name;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CellStreams streams = target.get();
            if (streams == null) {
                log.write(b, off, len);
                log.flush();
                return;
            }
            if (streams.write(name, b, off, len)) {
                dirty.remove(streams);
                streams.flush();
            } else {
                dirty.add(streams);
            }
        }
    }
}
