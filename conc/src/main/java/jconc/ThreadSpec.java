package jconc;

import java.util.Objects;

/**
 * A thread not yet created: a target with its arguments, a name and the daemon flag, built
 * step by step like Python's {@code threading.Thread(target=f, args=(1,), name="t1",
 * daemon=True)}. Get one from {@link Threads#target}.
 *
 * <pre>{@code
 * Thread t = Threads.target((String s) -> task(s)).args("t1").name("t1").daemon(true).start();
 * t.join();
 * Thread later = Threads.target(() -> task("t2")).create();   // not started yet
 * }</pre>
 *
 * <p>Pitfall: {@code daemon(true)} matters only when the JVM wants to exit (a plain program's
 * end); inside a notebook kernel the JVM keeps running, so daemon threads run on.
 *
 * <p>Each call returns a new thread: {@code start()} twice starts two threads. Unset name and
 * daemon flag mean Java's defaults ({@code Thread-N}, the creating thread's daemon flag).
 * The thread runs its target in the context of the thread that built it (in a notebook, its
 * output lands in that cell).
 */
public final class ThreadSpec {
    private final Threads.Target target;
    private String name;
    private Boolean daemon;

    ThreadSpec(Threads.Target target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Sets the thread's name. */
    public ThreadSpec name(String name) {
        this.name = name;
        return this;
    }

    /** Sets the daemon flag: a daemon thread does not keep a program's JVM alive. */
    public ThreadSpec daemon(boolean daemon) {
        this.daemon = daemon;
        return this;
    }

    /** Creates the thread without starting it. */
    public Thread create() {
        Runnable body = jconc.spi.Hosts.current().propagate(() -> runTarget(target));
        Thread t = name == null ? new Thread(body) : new Thread(body, name);
        if (daemon != null) {
            t.setDaemon(daemon);
        }
        return t;
    }

    /** Creates and starts the thread. */
    public Thread start() {
        Thread t = create();
        t.start();
        return t;
    }

    @Override
    public String toString() {
        return "ThreadSpec[name=" + (name == null ? "default" : name)
                + ", daemon=" + (daemon == null ? "inherited" : daemon) + "]";
    }

    static void runTarget(Threads.Target target) {
        Timeline.threadStarted();
        try {
            target.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw sneaky(e);
        } finally {
            Timeline.threadEnded();
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException sneaky(Exception e) throws E {
        throw (E) e;
    }

    /** A one-argument target waiting for its argument. */
    public static final class Args1<A> {
        private final Threads.Target1<A> target;

        Args1(Threads.Target1<A> target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        /** Gives the argument: Python's {@code args=(a,)}. */
        public ThreadSpec args(A a) {
            return new ThreadSpec(() -> target.run(a));
        }
    }

    /** A two-argument target waiting for its arguments. */
    public static final class Args2<A, B> {
        private final Threads.Target2<A, B> target;

        Args2(Threads.Target2<A, B> target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        /** Gives the arguments: Python's {@code args=(a, b)}. */
        public ThreadSpec args(A a, B b) {
            return new ThreadSpec(() -> target.run(a, b));
        }
    }

    /** A three-argument target waiting for its arguments. */
    public static final class Args3<A, B, C> {
        private final Threads.Target3<A, B, C> target;

        Args3(Threads.Target3<A, B, C> target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        /** Gives the arguments: Python's {@code args=(a, b, c)}. */
        public ThreadSpec args(A a, B b, C c) {
            return new ThreadSpec(() -> target.run(a, b, c));
        }
    }
}
