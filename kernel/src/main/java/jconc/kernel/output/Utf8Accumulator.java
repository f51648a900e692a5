package jconc.kernel.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Turns a stream of UTF-8 bytes into text, holding back a character split across writes. */
final class Utf8Accumulator {
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    /** The complete characters now available. */
    String append(byte[] bytes, int off, int len) {
        byte[] all;
        if (held.size() == 0) {
            all = bytes;
        } else {
            held.write(bytes, off, len);
            all = held.toByteArray();
            off = 0;
            len = all.length;
            held.reset();
        }
        int complete = completeLength(all, off, len);
        if (complete < len) {
            held.write(all, off + complete, len - complete);
        }
        return new String(all, off, complete, StandardCharsets.UTF_8);
    }

    /** Length of the longest prefix that does not end inside a multi-byte sequence. */
    static int completeLength(byte[] b, int off, int len) {
        for (int back = 1; back <= Math.min(3, len); back++) {
            int v = b[off + len - back] & 0xff;
            if ((v & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead
            }
            int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1;
            return need > back ? len - back : len;
        }
        return len;
    }
}
