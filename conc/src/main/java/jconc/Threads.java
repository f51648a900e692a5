package jconc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jconc.spi.Hosts;

/**
 * Starting threads the way Python's {@code threading.Thread(target=..., args=..., name=...,
 * daemon=...)} reads, and counting the user's live threads like {@code threading.active_count()}.
 *
 * <pre>{@code
 * Threads.start(() -> task("t1"), "t1");                               // start now
 * Threads.target(Demo::task).args("t1").name("t1").daemon(true).start();
 * System.out.println("threads: " + Threads.activeCount());
 * }</pre>
 *
 * <p>Pitfall: a target may throw any exception (so {@code Thread.sleep} needs no try/catch),
 * but an exception still ends only its own thread: it is printed and the starting thread never
 * hears of it. Collect results through a queue or a {@code Future} instead.
 *
 * <p>These are shortcuts for {@code new Thread(runnable, name)}, which stays the Java idiom.
 * An {@link InterruptedException} escaping a target ends the thread quietly, with its
 * interrupt status set. Python's {@code active_count()} counts every thread of the process;
 * {@link #activeCount()} counts the user's threads only (in a notebook: those started by cells
 * and the running cell's own), because the kernel's threads would only confuse the count.
 */
public final class Threads {

    /** A thread's body that may throw: {@code () -> { Thread.sleep(200); }}. */
    @FunctionalInterface
    public interface Target {
        /** Runs the body. */
        void run() throws Exception;
    }

    /** A body taking one argument, given later by {@link ThreadSpec.Args1#args}. */
    @FunctionalInterface
    public interface Target1<A> {
        /** Runs the body with its argument. */
        void run(A a) throws Exception;
    }

    /** A body taking two arguments. */
    @FunctionalInterface
    public interface Target2<A, B> {
        /** Runs the body with its arguments. */
        void run(A a, B b) throws Exception;
    }

    /** A body taking three arguments. */
    @FunctionalInterface
    public interface Target3<A, B, C> {
        /** Runs the body with its arguments. */
        void run(A a, B b, C c) throws Exception;
    }

    private Threads() {
    }

    /** Creates and starts a thread named {@code name} running {@code target}. */
    public static Thread start(Target target, String name) {
        return target(target).name(name).start();
    }

    /** Creates and starts a thread with Java's default name ({@code Thread-N}). */
    public static Thread start(Target target) {
        return target(target).start();
    }

    /** Describes a thread running {@code target}; finish with {@code .start()} or {@code .create()}. */
    public static ThreadSpec target(Target target) {
        return new ThreadSpec(target);
    }

    /** Describes a thread running a one-argument target; give the argument with {@code args}. */
    public static <A> ThreadSpec.Args1<A> target(Target1<A> target) {
        return new ThreadSpec.Args1<>(target);
    }

    /** Describes a thread running a two-argument target. */
    public static <A, B> ThreadSpec.Args2<A, B> target(Target2<A, B> target) {
        return new ThreadSpec.Args2<>(target);
    }

    /** Describes a thread running a three-argument target. */
    public static <A, B, C> ThreadSpec.Args3<A, B, C> target(Target3<A, B, C> target) {
        return new ThreadSpec.Args3<>(target);
    }

    /**
     * The number of the user's live threads, the calling thread included. In a plain program:
     * the {@code main} thread group; in a notebook: threads started by cells plus the running
     * cell's. Python: {@code threading.active_count()}.
     */
    public static int activeCount() {
        return enumerate().size();
    }

    /** The user's live threads (see {@link #activeCount()}). Python: {@code threading.enumerate()}. */
    public static List<Thread> enumerate() {
        ThreadGroup group = Hosts.current().userThreads();
        Thread[] threads = new Thread[group.activeCount() + 16];
        int n;
        while ((n = group.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        List<Thread> live = new ArrayList<>(n);
        for (Thread t : Arrays.asList(threads).subList(0, n)) {
            if (t.isAlive()) {
                live.add(t);
            }
        }
        return live;
    }
}
