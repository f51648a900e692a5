package jconc.kernel.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jconc.kernel.protocol.Log;

/**
 * Where a kernel's start goes: when it reached each milestone from {@code main} to the first
 * cell's end, as wall-clock times (milliseconds since the epoch, so that whoever launched the
 * kernel can subtract its own launch time). Kept only when {@code JCONC_STARTUP_TIMELINE} names a
 * file; the first cell's end writes them there as one JSON object ({"main": 1764500000123, ...}),
 * which the kernel benchmark reads.
 */
public final class StartupTimeline {
    private static final String FILE = System.getenv("JCONC_STARTUP_TIMELINE");
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> MILLIS = new ArrayList<>();
    private static boolean written;

    private StartupTimeline() {
    }

    /** Records that {@code milestone} was reached now (the first time only). */
    public static synchronized void mark(String milestone) {
        if (FILE == null || written || NAMES.contains(milestone)) {
            return;
        }
        NAMES.add(milestone);
        MILLIS.add(System.currentTimeMillis());
    }

    /** The first cell has ended: writes the milestones, once. */
    static synchronized void firstCellEnded() {
        if (FILE == null || written) {
            return;
        }
        mark("first_cell_end");
        written = true;
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < NAMES.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(NAMES.get(i)).append("\": ").append(MILLIS.get(i));
        }
        try {
            Files.writeString(Path.of(FILE), json.append("}\n"));
        } catch (IOException e) {
            Log.warn("cannot write the startup timeline to " + FILE, e);
        }
    }
}
