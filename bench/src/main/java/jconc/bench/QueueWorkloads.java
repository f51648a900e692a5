package jconc.bench;

import jconc.ChildProcess;
import jconc.ProcessQueue;

/** A child puts items into a ProcessQueue, the parent gets them. */
final class QueueWorkloads {
    private QueueWorkloads() {
    }

    /**
     * A child puts {@code count} items (ints, or 1 KiB byte arrays) and then an end marker; the
     * parent gets them. Items per second from the first get to the last.
     */
    static double queuePerS(int count, boolean kibPayload) {
        return ProcessesBench.unchecked(() -> {
            ProcessQueue<Object> q = new ProcessQueue<>();
            ChildProcess p = new ChildProcess((queue, n, big) -> {
                byte[] payload = new byte[1024];
                for (int i = 0; i < n; i++) {
                    queue.put(big ? payload : (Object) Integer.valueOf(i));
                }
                queue.put("end");
            }, q, count, kibPayload).start();
            q.get();
            long t0 = System.nanoTime();
            int received = 1;
            while (!"end".equals(q.get())) {
                received++;
            }
            double seconds = Measure.secondsSince(t0);
            p.join();
            if (received != count) {
                throw new IllegalStateException("received " + received + " of " + count);
            }
            return (count - 1) / seconds;
        });
    }
}
