package jconc.kernel.engine.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.function.BooleanSupplier;

/**
 * Called from instrumented cell code. Cell classes are rewritten so that
 * {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} come here instead of
 * ending the kernel (also as method references, and when reached through
 * {@code Method.invoke} or a {@code MethodHandles.Lookup}), and so that every method entry and backward branch calls
 * {@link #check()}, which ends a thread of an interrupted cell even in a loop that never
 * blocks or that swallows {@link InterruptedException}.
 */
public final class Trap {
    /** True while some cell is being stopped: the only cost of {@link #check()} otherwise. */
    private static volatile boolean anyStop;
    private static volatile BooleanSupplier currentThreadMustStop = () -> false;

    private Trap() {
    }

    /** Installs the test that tells whether the calling thread belongs to a stopped cell. */
    public static void install(BooleanSupplier mustStop) {
        currentThreadMustStop = mustStop;
    }

    public static void setAnyStop(boolean value) {
        anyStop = value;
    }

    /** Throws {@link CellStopped} in a thread of a cell that is being stopped. */
    public static void check() {
        if (anyStop && currentThreadMustStop.getAsBoolean()) {
            throw new CellStopped();
        }
    }

    public static void exit(int status) {
        throw new ExitRequest(status, "System.exit");
    }

    public static void exit(Runtime runtime, int status) {
        throw new ExitRequest(status, "Runtime.exit");
    }

    public static void halt(Runtime runtime, int status) {
        throw new ExitRequest(status, "Runtime.halt");
    }

    /**
     * Called before {@code method.invoke(target, args)} in cell code (the call itself stays, as
     * Method.invoke checks access against its caller): an exit method throws {@link ExitRequest}.
     */
    public static void checkInvoke(Method method, Object[] args) {
        if (isExit(method.getDeclaringClass(), method.getName(), method.getParameterTypes())) {
            int status = args != null && args.length == 1 && args[0] instanceof Integer i ? i : 0;
            throw new ExitRequest(status, method.getDeclaringClass().getSimpleName() + "." + method.getName());
        }
    }

    /** {@code lookup.findStatic} from cell code: System.exit is found as Trap's. */
    public static MethodHandle findStatic(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        if (isExit(owner, name, type.parameterArray())) {
            return OWN.findStatic(Trap.class, "exit", type);
        }
        return lookup.findStatic(owner, name, type);
    }

    /** {@code lookup.findVirtual} from cell code: Runtime.exit and halt are found as Trap's. */
    public static MethodHandle findVirtual(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        if (isExit(owner, name, type.parameterArray())) {
            return OWN.findStatic(Trap.class, name, type.insertParameterTypes(0, Runtime.class));
        }
        return lookup.findVirtual(owner, name, type);
    }

    /** {@code lookup.unreflect} from cell code. */
    public static MethodHandle unreflect(MethodHandles.Lookup lookup, Method method) throws IllegalAccessException {
        Class<?> owner = method.getDeclaringClass();
        if (isExit(owner, method.getName(), method.getParameterTypes())) {
            try {
                MethodType type = MethodType.methodType(void.class, int.class);
                return owner == System.class ? findStatic(lookup, owner, method.getName(), type)
                        : findVirtual(lookup, owner, method.getName(), type);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
        return lookup.unreflect(method);
    }

    /** {@code lookup.bind} from cell code. */
    public static MethodHandle bind(MethodHandles.Lookup lookup, Object receiver, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        if (receiver instanceof Runtime && isExit(Runtime.class, name, type.parameterArray())) {
            return findVirtual(lookup, Runtime.class, name, type).bindTo(receiver);
        }
        return lookup.bind(receiver, name, type);
    }

    private static final MethodHandles.Lookup OWN = MethodHandles.lookup();

    private static boolean isExit(Class<?> owner, String name, Class<?>[] parameters) {
        boolean oneInt = parameters.length == 1 && parameters[0] == int.class;
        return oneInt && (owner == System.class && name.equals("exit")
                || owner == Runtime.class && (name.equals("exit") || name.equals("halt")));
    }

    /** Thrown where a cell's code asked the JVM to exit. An Error, so {@code catch (Exception)} lets it pass. */
    public static final class ExitRequest extends Error {
        private final int status;

        ExitRequest(int status, String how) {
            super(how + "(" + status + ")", null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Thrown in the threads of an interrupted cell. */
    public static final class CellStopped extends Error {
        CellStopped() {
            super("the cell was interrupted", null, false, false);
        }
    }
}
