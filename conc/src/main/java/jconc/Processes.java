package jconc;

import java.util.List;
import jconc.process.ChildMain;

/**
 * Facts about the current process and its children: Python's {@code os.getpid()},
 * {@code os.getppid()}, {@code multiprocessing.current_process().name},
 * {@code active_children()} and {@code cpu_count()}.
 *
 * <pre>{@code
 * System.out.println("parent " + Processes.ppid() + ", me " + Processes.pid());
 * new ChildProcess(() -> System.out.println("my parent is " + Processes.ppid())).start();
 * }</pre>
 *
 * <p>Pitfall: in a notebook the "current process" is the kernel's JVM, which lives as long as
 * the kernel; every cell runs in it, so cells share one pid.
 */
public final class Processes {
    private Processes() {
    }

    /** This process's id. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The parent process's id, or -1 if it is unknown. */
    public static long ppid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /** "MainProcess", or in a child the {@linkplain ChildProcess#name() name} its parent gave it. */
    public static String name() {
        return ChildMain.processName();
    }

    /** The number of processors this JVM may use. */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The children started from this process that are still running. */
    public static List<ChildProcess> activeChildren() {
        return ChildProcess.active();
    }
}
