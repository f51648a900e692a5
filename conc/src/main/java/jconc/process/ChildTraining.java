package jconc.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Internal: what the {@link Launcher}'s training child (and a standby child while it waits)
 * does: the same things a real child does, on small data, so that the classes and method-handle
 * shapes they need are in the class-data archive or already linked: jobs of one to four fields, lambdas with and without
 * captured values, an exception, a thread. The lambdas have the shapes of the helper API's
 * serializable task and function interfaces (no argument, one, two; a result or none), in
 * interfaces of this layer's own.
 *
 * @param forArchive also load the classes of the layers above that a child loads, which they
 *                   name in the resource {@value #ABOVE} (one binary class name a line; this
 *                   layer refers to none of them). Only the archive's training run does: reading
 *                   a resource costs a standby child's warm-up milliseconds, and with the archive
 *                   those classes load fast when a job needs them.
 */
record ChildTraining(boolean forArchive) implements Job {
    /** Where the layers built on this one name the classes of theirs that a child loads. */
    static final String ABOVE = "META-INF/jconc/child-classes";

    /** The warm-up of a standby child. */
    ChildTraining() {
        this(false);
    }

    record R1(Object a) implements java.io.Serializable { }

    @FunctionalInterface
    interface Task0 extends java.io.Serializable {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface Task1<A> extends java.io.Serializable {
        void run(A a) throws Exception;
    }

    @FunctionalInterface
    interface Task2<A, B> extends java.io.Serializable {
        void run(A a, B b) throws Exception;
    }

    @FunctionalInterface
    interface Function1<A, R> extends java.io.Serializable {
        R apply(A a) throws Exception;
    }

    static final class P2 implements java.io.Serializable {
        final Object a;
        final Object b;

        P2(Object a, Object b) {
            this.a = a;
            this.b = b;
        }
    }

    static final class P4 implements java.io.Serializable {
        final Object a;
        final Object b;
        final Object c;
        final Object d;

        P4(Object a, Object b, Object c, Object d) {
            this.a = a;
            this.b = b;
            this.c = c;
            this.d = d;
        }
    }

    @Override
    public Object call() throws Exception {
        int n = 1;
        String s = "x";
        Task0 t0 = () -> { };
        Task1<String> t1 = x -> x.length();
        Task2<String, Integer> t2 = (x, y) -> x.repeat(y);
        Task0 t3 = () -> System.out.print(s.substring(n));
        Function1<Integer, Integer> f1 = x -> x + n;
        Job.Function call = a -> a.length;
        Object[] samples = {new P2(t0, null), new P2(t1, s), new P4(t2, s, n, null), new P4(t3, s, n, 2L), new P2(f1, n),
            new P2(call, null), new R1(s),
            new java.util.ArrayList<>(List.of(1, "two", 3.0)), java.util.Arrays.asList("a", null),
            new IllegalStateException("training")};
        for (Object o : samples) {
            Codec.fromWire(Codec.toWire(o));
        }
        if (forArchive) {
            loadClassesFromAbove();
        }
        RemoteFailure.wire(new IllegalStateException("training"));
        Thread t = new Thread(() -> { });
        t.start();
        t.join();
        String text = "warm " + n + s + ChildMain.micros();
        return new Object[] {text.length(), "ok"};
    }

    /** Loads and links the classes named in {@value #ABOVE}; a name that does not resolve is passed over. */
    private static void loadClassesFromAbove() {
        ClassLoader loader = ChildTraining.class.getClassLoader();
        try (var in = loader.getResourceAsStream(ABOVE)) {
            if (in == null) {
                return;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    try {
                        Class.forName(name, true, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // only training: a stale name costs that class its place in the archive
                    }
                }
            }
        } catch (IOException e) {
            // only training
        }
    }
}
