package jconc.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Thread start + join with virtual threads, on JDK 21 and later (looked up at run time, since
 * the programs compile for Java 17).
 */
final class VirtualThreads {
    private VirtualThreads() {
    }

    static void measure(Measure m, boolean quick) {
        MethodHandle start;
        try {
            start = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException e) {
            m.note("virtual_threads", "not available on Java " + Runtime.version());
            return;
        }
        int n = quick ? 200 : 5000;
        m.median("virtual_thread_start_join_us", () -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try {
                    Thread t = (Thread) start.invoke((Runnable) () -> { });
                    t.join();
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }
            return Measure.secondsSince(t0) / n * 1e6;
        });
        m.note("runtime_virtual", "Java " + Runtime.version());
    }
}
