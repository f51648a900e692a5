package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jconc.spi.Host;
import jconc.spi.Hosts;
import jconc.spi.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No child outlives its parent or its owner. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LifetimeTest {

    /** A parent program for the kill test: starts a sleeping child and a pool, prints their pids. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            var child = new ChildProcess(() -> Thread.sleep(120_000)).start();
            var pool = new Pool(1);
            List<Long> pids = new ArrayList<>(pool.pids());
            pids.add(child.pid());
            System.out.println("pids " + pids.toString().replaceAll("[\\[\\],]", ""));
            Thread.sleep(120_000);
        }
    }

    @Test
    void killingTheParentWithSigkillEndsEveryChildWithinTwoSeconds() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Parent.class.getName())
                .redirectErrorStream(true).start();
        List<ProcessHandle> children = new ArrayList<>();
        try (var out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("pids ")) {
                System.out.println(line);
            }
            for (String pid : line.substring(5).trim().split("\\s+")) {
                children.add(ProcessHandle.of(Long.parseLong(pid)).orElseThrow());
            }
            Thread.sleep(500);
            children.addAll(ProcessHandle.of(parent.pid()).orElseThrow().children().toList());

            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline && children.stream().anyMatch(ProcessHandle::isAlive)) {
                Thread.sleep(20);
            }
        } finally {
            parent.destroyForcibly();
        }

        assertTrue(children.size() >= 2, children.toString());
        assertEquals(List.of(), children.stream().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().startInstant().orElse(null) + " " + h.info().totalCpuDuration().orElse(null)).toList());
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void closingAnOwnerEndsTheChildrenItStartedAndNoOthers() throws Exception {
        Object cellA = new Object();
        Object cellB = new Object();
        ChildProcess a;
        ChildProcess b;
        try {
            Hosts.install(ownedBy(cellA));
            a = new ChildProcess(() -> Thread.sleep(60_000)).start();
            Hosts.install(ownedBy(cellB));
            b = new ChildProcess(() -> Thread.sleep(60_000)).start();
        } finally {
            Hosts.install(Host.PLAIN);
        }

        Resources.closeOwnedBy(cellA);

        assertTrue(a.join(30, TimeUnit.SECONDS));
        assertFalse(b.join(300, TimeUnit.MILLISECONDS));
        Resources.closeOwnedBy(cellB);
        assertTrue(b.join(30, TimeUnit.SECONDS));
        assertEquals(137, a.exitCode());
    }

    private static Host ownedBy(Object owner) {
        return new Host() {
            @Override
            public Object owner() {
                return owner;
            }
        };
    }

    @Test
    void aDaemonChildIsStillRunningUntilItsParentEndsOrItIsJoined() throws Exception {
        var p = new ChildProcess(() -> Thread.sleep(100)).daemon(true).start();

        assertTrue(p.isDaemon());
        assertTrue(p.join(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitCode());
    }
}
