package jconc.process;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal: the classes that exist only in this process's memory (a notebook's cells) and that
 * one child needs: each goes along with the next job once, and again when it changes. A class
 * newer than the last look is fetched by the child when it needs it ({@link #bytesOf}).
 */
final class ClassShipment {
    private static volatile Map<String, byte[]> snapshot;
    private static volatile long snapshotAt;

    private final Map<String, byte[]> sent = new ConcurrentHashMap<>();

    /** The classes of this process's memory that this child has not been sent, by name. */
    Map<String, byte[]> unsent() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (var e : dynamicClasses().entrySet()) {
            byte[] before = sent.put(e.getKey(), e.getValue());
            if (before != e.getValue() && !Arrays.equals(before, e.getValue())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The bytes of a class of this process's memory, for a child that asks; null if there is none. */
    static byte[] bytesOf(String className) {
        return Loaders.dynamicClassBytes().get(className);
    }

    /**
     * The classes of this process's memory, re-read at most every 200 ms: a pool submitting
     * thousands of tasks must not copy them each time.
     */
    private static Map<String, byte[]> dynamicClasses() {
        long now = System.nanoTime();
        Map<String, byte[]> s = snapshot;
        if (s == null || now - snapshotAt > 200_000_000L) {
            s = Loaders.dynamicClassBytes();
            snapshot = s;
            snapshotAt = now;
        }
        return s;
    }
}
