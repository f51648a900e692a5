package jconc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jconc.ChildProcess;
import jconc.Pool;
import jconc.ProcessQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The heap of each child and the cap on live children; where the children's archives live. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChildLimitsTest {
    private static final long MIB = 1024 * 1024;

    @AfterEach
    void restore() {
        System.clearProperty("jconc.process.heap");
        System.clearProperty("jconc.process.maxChildren");
    }

    private static ChildLimits limits(Map<String, String> props, Map<String, String> env) {
        return ChildLimits.from(props::get, env);
    }

    @Test
    void defaultsAreAQuarterGigabyteAndAtLeastThirtyTwoChildren() {
        ChildLimits l = limits(Map.of(), Map.of());
        assertEquals("256m", l.heap());
        assertEquals("-Xmx256m", l.heapOption());
        assertEquals(Math.max(32, 2 * Runtime.getRuntime().availableProcessors()), l.maxChildren());
    }

    @Test
    void theEnvironmentSetsThemAndASystemPropertyWins() {
        ChildLimits fromEnv = limits(Map.of(), Map.of("JCONC_CHILD_HEAP", "512m", "JCONC_MAX_CHILDREN", "5"));
        assertEquals("512m", fromEnv.heap());
        assertEquals(5, fromEnv.maxChildren());

        ChildLimits both = limits(Map.of("jconc.process.heap", "1g", "jconc.process.maxChildren", "7"),
                Map.of("JCONC_CHILD_HEAP", "512m", "JCONC_MAX_CHILDREN", "5"));
        assertEquals("1g", both.heap());
        assertEquals(7, both.maxChildren());
    }

    @Test
    void aBadValueIsAClearErrorNamingTheSetting() {
        var heap = assertThrows(IllegalStateException.class,
                () -> limits(Map.of(), Map.of("JCONC_CHILD_HEAP", "lots")));
        assertEquals("JCONC_CHILD_HEAP=lots is not a heap size (write it as -Xmx takes it: 256m, 1g)", heap.getMessage());
        var max = assertThrows(IllegalStateException.class,
                () -> limits(Map.of("jconc.process.maxChildren", "0"), Map.of()));
        assertEquals("jconc.process.maxChildren=0 is not a number of child processes (1 or more)", max.getMessage());
    }

    @Test
    void passesItsLimitsToAChildsEnvironment() {
        Map<String, String> env = new HashMap<>();
        limits(Map.of("jconc.process.heap", "96m", "jconc.process.maxChildren", "3"), Map.of()).passTo(env);
        assertEquals(Map.of("JCONC_CHILD_HEAP", "96m", "JCONC_MAX_CHILDREN", "3"), env);
    }

    @Test
    void aChildRunsWithTheDefaultHeapOrTheOneSet() throws Exception {
        assertTrue(maxHeapOfAChild() <= 256 * MIB, "default heap of a child");

        System.setProperty("jconc.process.heap", "48m");
        long small = maxHeapOfAChild();
        assertTrue(small <= 48 * MIB && small > 16 * MIB, "heap of a child with 48m: " + small);
    }

    private static long maxHeapOfAChild() throws Exception {
        var q = new ProcessQueue<Long>();
        var p = new ChildProcess((ProcessQueue<Long> qq) -> qq.put(Runtime.getRuntime().maxMemory()), q).start();
        assertTrue(p.join(60, TimeUnit.SECONDS));
        return q.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aChildThatRunsOutOfHeapEndsAloneWithExitCodeThree() throws Exception {
        System.setProperty("jconc.process.heap", "32m");
        var p = new ChildProcess(() -> {
            long[][] hog = new long[64][];
            for (int i = 0; i < hog.length; i++) {
                hog[i] = new long[1 << 20];
            }
        }).start();
        assertTrue(p.join(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitCode());
    }

    @Test
    void oneChildOverTheLimitFailsAtStartWithTheLimitNamedAndLaterStartsWork() throws Exception {
        System.setProperty("jconc.process.maxChildren", "2");
        var release = new ProcessQueue<String>();
        var first = new ChildProcess((ProcessQueue<String> r) -> r.get(), release).start();
        var second = new ChildProcess((ProcessQueue<String> r) -> r.get(), release).start();

        var third = new ChildProcess(() -> { });
        var e = assertThrows(IllegalStateException.class, third::start);
        assertEquals("this process already runs 2 child JVMs (the limit, JCONC_MAX_CHILDREN=2): "
                + "join or terminate some before starting more", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Pool(1));

        release.put("go");
        release.put("go");
        assertTrue(first.join(60, TimeUnit.SECONDS));
        assertTrue(second.join(60, TimeUnit.SECONDS));
        var later = new ChildProcess(() -> { }).start();
        assertTrue(later.join(60, TimeUnit.SECONDS));
        assertEquals(0, later.exitCode());
    }

    @Test
    void aPoolThatDoesNotFitStartsNoWorkerAtAll() throws Exception {
        System.setProperty("jconc.process.maxChildren", "2");
        assertThrows(IllegalStateException.class, () -> new Pool(3));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (WorkerRegistry.liveChildren() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, WorkerRegistry.liveChildren());
    }

    @Test
    void theUsersArchivesLiveUnderHomeFromTheEnvironmentNotTheAccountsHome() {
        assertEquals(Path.of("/srv/class/ann/.cache"), Launcher.userCacheDir(Map.of("HOME", "/srv/class/ann")));
        assertEquals(Path.of("/tmp/c"), Launcher.userCacheDir(Map.of("HOME", "/srv/class/ann", "XDG_CACHE_HOME", "/tmp/c")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache"), Launcher.userCacheDir(Map.of()));
    }

    @Test
    void aSharedArchiveMadeAtInstallTimeIsUsedWhenItMatches(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        System.setProperty("jconc.process.sharedArchiveDir", dir.toString());
        try {
            ChildLimits limits = ChildLimits.current();
            Path shared = dir.resolve(Launcher.archiveName(limits));
            java.nio.file.Files.writeString(shared, "");
            ArchiveCheck.record(shared, shared);
            String startFromShared = Launcher.startFrom(shared).get(0);
            assertTrue(Launcher.command(null, limits).contains(startFromShared));

            System.setProperty("jconc.process.heap", "64m");
            ChildLimits other = ChildLimits.current();
            assertTrue(Launcher.command(null, other).stream().noneMatch(o -> o.equals(startFromShared)),
                    "an archive made for other child options is not used");
        } finally {
            System.clearProperty("jconc.process.sharedArchiveDir");
        }
    }
}
