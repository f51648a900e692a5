package jconc.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void sizesTakeBytesOrASuffix() {
        assertEquals(1234, Limits.parseSize("1234"));
        assertEquals(2L << 20, Limits.parseSize("2M"));
        assertEquals(2L << 20, Limits.parseSize("2 MiB"));
        assertEquals(512L << 10, Limits.parseSize("512k"));
        assertEquals(1L << 30, Limits.parseSize("1G"));
        assertThrows(IllegalArgumentException.class, () -> Limits.parseSize("lots"));
        assertThrows(IllegalArgumentException.class, () -> Limits.parseSize("-5"));
    }

    @Test
    void aPropertyIsReadAndABadOneFallsBackToTheDefault() {
        System.setProperty("jconc.test_size", "3M");
        System.setProperty("jconc.test_bad", "many");
        try {
            assertEquals(3L << 20, Limits.size("test_size", 7));
            assertEquals(7, Limits.size("test_bad", 7));
            assertEquals(9, Limits.size("test_unset", 9));
        } finally {
            System.clearProperty("jconc.test_size");
            System.clearProperty("jconc.test_bad");
        }
    }

    @Test
    void sizesAreDescribedInMegabytes() {
        assertEquals("64 MB", Limits.describe(64L << 20));
        assertEquals("1.5 MB", Limits.describe(3L << 19));
        assertEquals("4 KB", Limits.describe(4096));
        assertEquals("100 bytes", Limits.describe(100));
    }
}
