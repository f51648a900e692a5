package jconc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ParentWatchTest {
    @Test
    void aParentPidFromJupyterIsReadAndNonsenseIsIgnored() {
        assertEquals(OptionalLong.of(4242), ParentWatch.parsePid(" 4242 "));
        assertTrue(ParentWatch.parsePid("abc").isEmpty());
        assertTrue(ParentWatch.parsePid("-3").isEmpty());
        assertTrue(ParentWatch.parsePid(null).isEmpty());
    }

    @Test
    void initIsNeverWatched() {
        assertTrue(ParentWatch.forThisProcess(Map.of(ParentWatch.PARENT_PID_VARIABLE, "1")).isEmpty());
    }

    @Test
    void aLiveParentIsNotGone() {
        var watch = ParentWatch.forThisProcess(Map.of());
        assertTrue(watch.isPresent(), "the test JVM has a parent");
        assertFalse(watch.get().parentGone());
    }

    @Test
    void aParentThatHasExitedIsGone() throws Exception {
        Process shortLived = new ProcessBuilder("true").start();
        shortLived.waitFor();
        var watch = ParentWatch.forThisProcess(Map.of(ParentWatch.PARENT_PID_VARIABLE, Long.toString(shortLived.pid())));
        assertTrue(watch.isEmpty() || watch.get().parentGone());
    }
}
