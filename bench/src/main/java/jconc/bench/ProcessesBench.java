package jconc.bench;

import java.util.List;
import jconc.ChildProcess;
import jconc.ProcessQueue;
import jconc.process.Worker;

/**
 * The Java side of the processes benchmark: the same workloads as
 * bench/reference/py_processes.py on jconc's process API (child JVMs). Prints one JSON object
 * on stdout; {@code --quick} shrinks every workload.
 */
public final class ProcessesBench {
    private ProcessesBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        double scale = quick ? 0.1 : 1.0;
        // Start times are medians of single starts inside each workload; the IPC workloads
        // run once to warm the JIT, then three measured rounds.
        Measure once = new Measure(0, 1);
        once.median("start_join_ms_cold", () -> StartWorkloads.coldStartJoinMs(n(10, scale)));
        once.median("start_join_ms_warm", () -> StartWorkloads.warmStartJoinMs(n(12, scale)));
        once.median("start_join_ms_warm_back_to_back", () -> StartWorkloads.backToBackStartJoinMs(n(10, scale)));
        Measure m = once.continued(1, 3);
        m.median("queue_ints_per_s", () -> QueueWorkloads.queuePerS(n(100_000, scale), false));
        m.median("queue_1k_per_s", () -> QueueWorkloads.queuePerS(n(50_000, scale), true));
        IpcWorkloads.measure(m, scale);
        m.note("runtime", "Java " + Runtime.version());
        System.out.println(m.toJson());
        System.out.flush();
        Worker.dropStandby();
        System.exit(0);
    }

    static int n(int count, double scale) {
        return Math.max(2, (int) (count * scale));
    }

    /** Wraps checked exceptions of a workload so it fits a DoubleSupplier. */
    interface Workload {
        double run() throws Exception;
    }

    static double unchecked(Workload w) {
        try {
            return w.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
