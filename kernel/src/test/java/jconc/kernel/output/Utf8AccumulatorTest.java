package jconc.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8AccumulatorTest {
    @Test
    void aCharacterSplitAcrossWritesIsHeldUntilComplete() {
        byte[] bytes = "线程 ok".getBytes(StandardCharsets.UTF_8);
        Utf8Accumulator acc = new Utf8Accumulator();
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(acc.append(new byte[] {b}, 0, 1));
        }
        assertEquals("线程 ok", out.toString());
    }

    @Test
    void asciiPassesStraightThrough() {
        assertEquals("abc", new Utf8Accumulator().append("abc".getBytes(), 0, 3));
    }

    @Test
    void aFourByteCharacterCutInTheMiddleWaits() {
        byte[] emoji = "🧵".getBytes(StandardCharsets.UTF_8);
        Utf8Accumulator acc = new Utf8Accumulator();
        assertEquals("", acc.append(emoji, 0, 2));
        assertEquals("🧵", acc.append(emoji, 2, 2));
    }
}
