package jconc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jconc.ChildProcess;
import jconc.Connection;
import jconc.Manager;
import jconc.Pipe;
import jconc.ProcessQueue;

/** Pipe and Manager workloads (Pool in PoolWorkloads). */
final class IpcWorkloads {
    private IpcWorkloads() {
    }

    static void measure(Measure m, double scale) {
        m.median("pipe_round_trip_us", () -> pipeRoundTripUs(ProcessesBench.n(5000, scale)));
        m.median("manager_dict_sets_per_s", () -> managerPerS(true, 4, ProcessesBench.n(2500, scale)));
        m.median("manager_list_appends_per_s", () -> managerPerS(false, 4, ProcessesBench.n(2500, scale)));
        m.median("pool_apply_async_per_s", () -> PoolWorkloads.applyAsyncPerS(ProcessesBench.n(10_000, scale)));
    }

    /** The parent sends an int through a Pipe, a child sends it back; microseconds per round trip. */
    static double pipeRoundTripUs(int count) {
        return ProcessesBench.unchecked(() -> {
            Pipe pipe = new Pipe();
            Connection parent = pipe.first();
            ChildProcess p = new ChildProcess(c -> {
                while (true) {
                    Object msg = c.recv();
                    if (Integer.valueOf(-1).equals(msg)) {
                        break;
                    }
                    c.send(msg);
                }
                c.close();
            }, pipe.second()).start();
            for (int i = 0; i < 100; i++) {  // warm-up; also waits for the child to be up
                parent.send(i);
                parent.recv();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                parent.send(i);
                if (!Integer.valueOf(i).equals(parent.recv())) {
                    throw new IllegalStateException("pipe echoed the wrong value");
                }
            }
            double seconds = Measure.secondsSince(t0);
            parent.send(-1);
            p.join();
            return seconds / count * 1e6;
        });
    }

    /**
     * {@code workers} processes write into one shared map (or list) at once, released together
     * once all are up; operations per second from the release to the last worker's "done".
     */
    static double managerPerS(boolean dict, int workers, int perWorker) {
        return ProcessesBench.unchecked(() -> {
            try (Manager manager = new Manager()) {
                Map<String, Integer> map = manager.dict();
                List<Integer> list = manager.list();
                ProcessQueue<Integer> ready = new ProcessQueue<>();
                ProcessQueue<Integer> go = new ProcessQueue<>();
                ProcessQueue<Integer> done = new ProcessQueue<>();
                List<ChildProcess> children = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int worker = w;
                    children.add(new ChildProcess((signals, shared, isDict) -> {
                        signals.get(0).put(worker);
                        signals.get(1).get();
                        if (isDict) {
                            @SuppressWarnings("unchecked")
                            Map<String, Integer> d = (Map<String, Integer>) shared.get(0);
                            for (int i = 0; i < perWorker; i++) {
                                d.put("w" + worker + "-" + i, i);
                            }
                        } else {
                            @SuppressWarnings("unchecked")
                            List<Integer> l = (List<Integer>) shared.get(1);
                            for (int i = 0; i < perWorker; i++) {
                                l.add(i);
                            }
                        }
                        signals.get(2).put(worker);
                    }, List.of(ready, go, done), List.<Object>of(map, list), dict).start());
                }
                for (int w = 0; w < workers; w++) {
                    ready.get();
                }
                long t0 = System.nanoTime();
                for (int w = 0; w < workers; w++) {
                    go.put(w);
                }
                for (int w = 0; w < workers; w++) {
                    done.get();
                }
                double seconds = Measure.secondsSince(t0);
                for (ChildProcess c : children) {
                    c.join();
                }
                int size = dict ? map.size() : list.size();
                if (size != workers * perWorker) {
                    throw new IllegalStateException("shared " + (dict ? "map" : "list") + " holds " + size);
                }
                return workers * perWorker / seconds;
            }
        });
    }
}
