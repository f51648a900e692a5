package jconc.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jconc.kernel.protocol.DiscardingOutput;
import org.junit.jupiter.api.Test;

class CellStreamsTest {
    /** Records what would be sent. */
    static final class Recorder extends DiscardingOutput {
        final List<String> sent = new ArrayList<>();

        @Override
        public synchronized void stream(String name, String text) {
            sent.add(name + ":" + text);
        }
    }

    @Test
    void writesAreBatchedIntoOneMessagePerStreamRun() {
        Recorder r = new Recorder();
        CellStreams s = new CellStreams(r);
        for (int i = 0; i < 100; i++) {
            s.write("stdout", "line " + i + "\n");
        }
        s.flush();
        assertEquals(1, r.sent.size());
        assertTrue(r.sent.get(0).endsWith("line 99\n"));
    }

    @Test
    void theOrderOfStdoutAndStderrIsKept() {
        Recorder r = new Recorder();
        CellStreams s = new CellStreams(r);
        s.write("stdout", "a");
        s.write("stderr", "b");
        s.write("stdout", "c");
        s.flush();
        assertEquals(List.of("stdout:a", "stderr:b", "stdout:c"), r.sent);
    }

    @Test
    void aLargeBatchAsksForAnEagerFlush() {
        CellStreams s = new CellStreams(new Recorder());
        assertTrue(s.write("stdout", "x".repeat(CellStreams.EAGER_FLUSH_CHARS)));
    }

    @Test
    void nothingIsLostWhenManyThreadsWrite() throws Exception {
        Recorder r = new Recorder();
        CellStreams s = new CellStreams(r);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    s.write("stdout", "x\n");
                    if (i % 97 == 0) {
                        s.flush();
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        s.flush();
        long lines = r.sent.stream().mapToLong(m -> m.chars().filter(c -> c == '\n').count()).sum();
        assertEquals(8000, lines);
    }
}
