package jconc.kernel.magic;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The first class of a {@code %%main} program's JVM: watches the pipe from the kernel (the
 * program's stdin, which the kernel keeps open and never writes) and halts the program the
 * moment it ends, that is when the kernel has ended, however it ended (even kill -9); then runs
 * the program's own {@code main}. The program sees an empty {@code System.in}.
 *
 * <p>Usage: {@code java -cp ... jconc.kernel.magic.ProgramMain MAIN_CLASS [ARGS...]}.
 */
public final class ProgramMain {
    /** The exit status of a program whose kernel went away. */
    static final int ORPHANED = 143;

    private ProgramMain() {
    }

    public static void main(String[] args) throws Throwable {
        InputStream fromKernel = System.in;
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Thread watcher = new Thread(() -> haltWhenClosed(fromKernel), "jconc-kernel-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Class<?> program = Class.forName(args[0], true, ClassLoader.getSystemClassLoader());
        Method main = program.getDeclaredMethod("main", String[].class);
        main.setAccessible(true);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void haltWhenClosed(InputStream fromKernel) {
        byte[] buf = new byte[64];
        try {
            while (fromKernel.read(buf) >= 0) {
                // the kernel never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe is a closed one
        }
        Runtime.getRuntime().halt(ORPHANED);
    }
}
