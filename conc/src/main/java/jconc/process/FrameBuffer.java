package jconc.process;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Internal: a growing byte buffer of whole {@link Msg} frames (each its length, then its bytes),
 * reused between writes.
 */
final class FrameBuffer extends ByteArrayOutputStream {
    private final DataOutputStream data = new DataOutputStream(this);

    FrameBuffer() {
        super(8192);
    }

    byte[] array() {
        return buf;
    }

    /** Appends {@code msg} as one frame: its length, then its bytes. */
    void add(Msg msg) throws IOException {
        int start = count;
        data.writeInt(0);
        msg.write(data);
        patchLength(start);
    }

    private void patchLength(int start) {
        int len = count - start - 4;
        buf[start] = (byte) (len >>> 24);
        buf[start + 1] = (byte) (len >>> 16);
        buf[start + 2] = (byte) (len >>> 8);
        buf[start + 3] = (byte) len;
    }

    /** Empties the buffer (and lets a very large one go). */
    void recycle() {
        if (buf.length > (1 << 20)) {
            buf = new byte[8192];
        }
        count = 0;
    }
}
