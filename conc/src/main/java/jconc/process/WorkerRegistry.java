package jconc.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jconc.spi.Resources;

/**
 * Internal: the child JVMs of this process: every live {@link Worker} by its token, the count
 * the limit of live children ({@link ChildLimits}) is checked against, and the warm standby
 * (one child started and idle in advance, like Python's forkserver, so that the next start
 * costs a message, not a JVM boot). The children of an owner (a notebook) end with it.
 */
final class WorkerRegistry {
    private static final Map<String, Worker> BY_TOKEN = new ConcurrentHashMap<>();
    private static final Map<Worker, Boolean> LIVE = new ConcurrentHashMap<>();
    private static final AtomicReference<Worker> STANDBY = new AtomicReference<>();

    static {
        Hub.local().registerNamed(ChildContract.CONTROL, new ControlService());
        Resources.register(owner -> {
            for (Worker w : LIVE.keySet()) {
                if (owner == null || owner.equals(w.owner())) {
                    w.kill();
                }
            }
        });
    }

    private WorkerRegistry() {
    }

    /** Starts a child JVM (it connects back asynchronously). */
    static Worker launch(Path archiveAtExit, Object owner, boolean standby) throws IOException {
        ChildLimits limits = ChildLimits.current();
        Worker w = new Worker(owner, limits.heap());
        BY_TOKEN.put(w.token(), w);
        Process p;
        try {
            p = ChildLaunch.start(archiveAtExit, w.token(), standby, limits);
        } catch (IOException e) {
            BY_TOKEN.remove(w.token());
            throw e;
        }
        LIVE.put(w, Boolean.TRUE);
        w.started(p);
        return w;
    }

    /** See {@link Worker#obtain}. */
    static Worker obtain(Object owner) throws IOException {
        Worker standby;
        Worker w;
        synchronized (LIVE) {
            ChildLimits.current().checkRoom(liveChildren());
            standby = standbyEnabled() ? STANDBY.getAndSet(null) : null;
            if (standby != null && !standby.heap().equals(ChildLimits.current().heap())) {
                standby.kill();  // started before the heap setting changed
                standby = null;
            }
            if (standby != null && !standby.isAlive()) {
                standby = null;
            }
            w = standby != null ? standby : launch(null, owner, false);
            w.countFor(owner);
        }
        if (standby == null) {
            if (standbyEnabled()) {
                refillStandby();
            }
        } else {
            // start the next standby when this child is done (or soon): booting a JVM now
            // would compete for the processor with the child just started
            w.process().onExit().completeOnTimeout(null, 1, TimeUnit.SECONDS)
                    .thenRun(WorkerRegistry::refillStandby);
        }
        return w;
    }

    /** See {@link Worker#launchFor}. */
    static Worker launchFor(Object owner) throws IOException {
        synchronized (LIVE) {
            ChildLimits.current().checkRoom(liveChildren());
            Worker w = launch(null, owner, false);
            w.countFor(owner);
            return w;
        }
    }

    /** The live children started for jobs (not the standby, not a training run). */
    static int liveChildren() {
        int n = 0;
        for (Worker w : LIVE.keySet()) {
            if (w.isCounted() && w.isAlive()) {
                n++;
            }
        }
        return n;
    }

    private static boolean standbyEnabled() {
        return !"false".equals(System.getProperty(ChildContract.STANDBY_PROPERTY));
    }

    /** Starts a standby child in the background if none is waiting. */
    static void refillStandby() {
        if (STANDBY.get() != null) {
            return;
        }
        Daemons.start("jconc-standby-start", () -> {
            try {
                Worker w = launch(null, null, true);
                if (!STANDBY.compareAndSet(null, w)) {
                    w.kill();
                }
            } catch (IOException e) {
                System.getLogger("jconc").log(System.Logger.Level.DEBUG, "no standby child", e);
            }
        });
    }

    /** Ends the standby child, if any. */
    static void dropStandby() {
        Worker w = STANDBY.getAndSet(null);
        if (w != null) {
            w.kill();
        }
    }

    /** The worker with this token, or null if there is none (any more). */
    static Worker byToken(String token) {
        return BY_TOKEN.get(token);
    }

    /** A worker's process has ended. */
    static void exited(Worker w) {
        LIVE.remove(w);
        BY_TOKEN.remove(w.token());
    }
}
