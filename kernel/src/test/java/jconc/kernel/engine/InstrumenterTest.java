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

        public static void exitsThroughAMethodReference() {
            java.util.function.IntConsumer exit = System::exit;
            exit.accept(6);
        }

        public static void haltsThroughABoundMethodReference() {
            java.util.function.IntConsumer halt = Runtime.getRuntime()::halt;
            halt.accept(7);
        }

        public static void exitsThroughAnUnboundMethodReference() {
            java.util.function.ObjIntConsumer<Runtime> exit = Runtime::exit;
            exit.accept(Runtime.getRuntime(), 8);
        }

        public static void exitsThroughReflection() throws Exception {
            System.class.getMethod("exit", int.class).invoke(null, 9);
        }

        public static void haltsThroughReflection() throws Exception {
            Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 10);
        }

        public static void exitsThroughALookup() throws Throwable {
            java.lang.invoke.MethodHandles.lookup().findStatic(System.class, "exit",
                    java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(11);
        }

        public static void haltsThroughAVirtualLookup() throws Throwable {
            java.lang.invoke.MethodHandles.lookup().findVirtual(Runtime.class, "halt",
                    java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(Runtime.getRuntime(), 12);
        }

        public static void exitsThroughUnreflect() throws Throwable {
            java.lang.invoke.MethodHandles.lookup().unreflect(System.class.getMethod("exit", int.class)).invokeExact(13);
        }

        public static void haltsThroughBind() throws Throwable {
            java.lang.invoke.MethodHandles.lookup().bind(Runtime.getRuntime(), "halt",
                    java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(14);
        }

        private static String secret() {
            return "private";
        }

        public static Object reflectsOnItsOwnPrivateMethod() throws Exception {
            return Sample.class.getDeclaredMethod("secret").invoke(null);
        }

        public static Object looksUpOtherMethods() throws Throwable {
            return java.lang.invoke.MethodHandles.lookup().findStatic(Integer.class, "toHexString",
                    java.lang.invoke.MethodType.methodType(String.class, int.class)).invoke(255);
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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "exitsThroughAMethodReference, 6", "haltsThroughABoundMethodReference, 7",
        "exitsThroughAnUnboundMethodReference, 8", "exitsThroughReflection, 9", "haltsThroughReflection, 10",
        "exitsThroughALookup, 11", "haltsThroughAVirtualLookup, 12", "exitsThroughUnreflect, 13", "haltsThroughBind, 14"})
    void everyRouteToAnExitBecomesAnExitRequest(String method, int status) throws Exception {
        Class<?> c = instrumented();
        var e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> c.getMethod(method).invoke(null));
        assertEquals(status, ((Trap.ExitRequest) e.getCause()).status(), method);
    }

    @Test
    void reflectionAndLookupsOfOtherMethodsWorkAsBefore() throws Exception {
        Class<?> c = instrumented();
        assertEquals("private", c.getMethod("reflectsOnItsOwnPrivateMethod").invoke(null));
        assertEquals("ff", c.getMethod("looksUpOtherMethods").invoke(null));
    }
}
