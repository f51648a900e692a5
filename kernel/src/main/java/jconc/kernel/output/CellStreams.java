package jconc.kernel.output;

import java.util.ArrayList;
import java.util.List;
import jconc.kernel.protocol.CellOutput;

/**
 * The stdout and stderr text of one cell, batched: writes append to a buffer, and
 * {@link #flush()} sends what has gathered as few stream messages as keeps the order of the
 * two streams. Safe for any number of writing threads.
 */
public final class CellStreams {
    /** A batch this large is sent without waiting for the next flush tick. */
    static final int EAGER_FLUSH_CHARS = 1 << 20;

    private record Segment(String stream, StringBuilder text) {
    }

    private final CellOutput output;
    private final List<Segment> pending = new ArrayList<>();
    private final Utf8Accumulator stdoutBytes = new Utf8Accumulator();
    private final Utf8Accumulator stderrBytes = new Utf8Accumulator();
    private final Object sending = new Object();
    private int pendingChars;

    public CellStreams(CellOutput output) {
        this.output = output;
    }

    /** Appends raw UTF-8 bytes written to a stream; returns true when a flush is due now. */
    public boolean write(String stream, byte[] bytes, int off, int len) {
        Utf8Accumulator acc = stream.equals("stderr") ? stderrBytes : stdoutBytes;
        synchronized (this) {
            String text = acc.append(bytes, off, len);
            return !text.isEmpty() && appendLocked(stream, text);
        }
    }

    /** Appends text to a stream; returns true when a flush is due now. */
    public synchronized boolean write(String stream, String text) {
        return !text.isEmpty() && appendLocked(stream, text);
    }

    private boolean appendLocked(String stream, String text) {
        Segment last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last != null && last.stream.equals(stream)) {
            last.text.append(text);
        } else {
            pending.add(new Segment(stream, new StringBuilder(text)));
        }
        pendingChars += text.length();
        return pendingChars >= EAGER_FLUSH_CHARS;
    }

    public synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Sends everything gathered so far, in order. */
    public void flush() {
        synchronized (sending) {
            List<Segment> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
                pendingChars = 0;
            }
            for (Segment s : batch) {
                output.stream(s.stream, s.text.toString());
            }
        }
    }
}
