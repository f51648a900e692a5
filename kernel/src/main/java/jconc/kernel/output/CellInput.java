package jconc.kernel.output;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import jconc.kernel.protocol.CellOutput;

/**
 * The permanent {@code System.in}: a read asks the frontend of the reading thread's cell for
 * a line (input_request) and returns it with a newline. Where the frontend cannot answer
 * (nbconvert, say), reading fails with a message that says so.
 */
public final class CellInput extends InputStream {
    private final Supplier<CellOutput> target;
    private byte[] line = new byte[0];
    private int pos;

    public CellInput(Supplier<CellOutput> target) {
        this.target = target;
    }

    @Override
    public synchronized int read() throws InterruptedIOException {
        if (!fill()) {
            return -1;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - pos;
    }

    private boolean fill() throws InterruptedIOException {
        if (pos < line.length) {
            return true;
        }
        CellOutput output = target.get();
        if (output == null) {
            return false;
        }
        if (!output.stdinAllowed()) {
            throw new IllegalStateException("System.in: this frontend cannot answer input "
                    + "(it did not allow stdin; nbconvert and other headless runs never do). "
                    + "Use input(prompt, answerWhenHeadless) for a cell that must also run headless.");
        }
        try {
            line = (output.input("", false) + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("input interrupted");
        }
    }
}
