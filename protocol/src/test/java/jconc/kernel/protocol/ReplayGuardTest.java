package jconc.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    @Test
    void aSignatureSeenBeforeIsAReplayAndTheOldestAreForgotten() {
        ReplayGuard g = new ReplayGuard(2);
        assertTrue(g.firstTime("a"));
        assertFalse(g.firstTime("a"));
        assertTrue(g.firstTime("b"));
        assertTrue(g.firstTime("c")); // "a" is forgotten now
        assertFalse(g.firstTime("c"));
        assertTrue(g.firstTime("a"));
    }
}
