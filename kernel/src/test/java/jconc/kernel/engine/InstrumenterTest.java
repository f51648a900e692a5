package jconc.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import jconc.kernel.engine.runtime.Trap;
import org.junit.jupiter.api.Test;

class InstrumenterTest {
    /** Compiled by javac like a cell's class: exits and a loop. */
    public static final class Sample {
        public static void exits() {
            System.exit(4);
        }

        public static void halts() {
            Runtime.getRuntime().halt(5);
        }

        public static int loops(int n) {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += i;
            }
            return sum;
        }
    }

    private static Class<?> instrumented() throws IOException, ClassNotFoundException {
        String name = Sample.class.getName();
        byte[] bytes;
        try (InputStream in = Sample.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            bytes = Instrumenter.instrument(in.readAllBytes());
        }
        return new ClassLoader(InstrumenterTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                return n.equals(name) ? defineClass(n, bytes, 0, bytes.length) : super.loadClass(n, resolve);
            }
        }.loadClass(name);
    }

    @Test
    void systemExitBecomesAnExitRequest() throws Exception {
        Class<?> c = instrumented();
        var e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> c.getMethod("exits").invoke(null));
        assertEquals(4, ((Trap.ExitRequest) e.getCause()).status());
    }

    @Test
    void runtimeHaltBecomesAnExitRequest() throws Exception {
        Class<?> c = instrumented();
        var e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> c.getMethod("halts").invoke(null));
        assertEquals(5, ((Trap.ExitRequest) e.getCause()).status());
    }

    @Test
    void instrumentedLoopsStillComputeTheSame() throws Exception {
        assertEquals(4950, instrumented().getMethod("loops", int.class).invoke(null, 100));
    }
}
