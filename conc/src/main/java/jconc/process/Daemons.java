package jconc.process;

import java.util.concurrent.ThreadFactory;

/**
 * Internal: the threads jconc needs for itself (socket readers and writers, timers, output
 * copiers). They are daemons in a thread group of their own, outside any notebook cell's group,
 * and inherit no thread-local context: interrupting or stopping a cell must never stop the
 * machinery that other cells' processes use.
 *
 * <p>Public because the helper API's own threads (a pool's scheduler and timeline rows, a child's
 * output copiers) must be outside every cell's thread group too.
 */
public final class Daemons {
    private static final ThreadGroup GROUP = new ThreadGroup(root(), "jconc");

    private Daemons() {
    }

    private static ThreadGroup root() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    /** A started daemon thread in jconc's own group. */
    public static Thread start(String name, Runnable task) {
        Thread t = create(name, task);
        t.start();
        return t;
    }

    /** An unstarted daemon thread in jconc's own group. */
    public static Thread create(String name, Runnable task) {
        Thread t = new Thread(GROUP, task, name, 0, false);
        t.setDaemon(true);
        return t;
    }

    /** A thread factory for jconc's own executors. */
    public static ThreadFactory factory(String name) {
        return r -> create(name, r);
    }
}
