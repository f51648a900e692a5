package jconc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jconc.Timeline.Interval;
import jconc.Timeline.State;

/**
 * What one {@link Timeline} has recorded: a {@link TimelineRow} per thread seen, filled by the
 * sampler and by the primitives' hooks, and read back as intervals, rows to draw and a text
 * summary. Times are {@code System.nanoTime()} values; what is read is cut at a limit (now while
 * recording, the stop time after).
 */
final class TimelineRows {
    private final long t0;
    private final Map<Thread, TimelineRow> rows = new ConcurrentHashMap<>();
    private final AtomicInteger seq = new AtomicInteger();

    TimelineRows(long t0) {
        this.t0 = t0;
    }

    /** The row of {@code t}, made on first sight. */
    TimelineRow row(Thread t, long now) {
        TimelineRow row = rows.get(t);
        if (row == null) {
            row = rows.computeIfAbsent(t, k -> new TimelineRow(k, seq.getAndIncrement(), now));
        }
        return row;
    }

    /** Samples the state of every thread of {@code watched} but {@code sampler}. */
    void sample(ThreadGroup watched, Thread sampler, long now) {
        Thread[] live = new Thread[watched.activeCount() + 16];
        int n = watched.enumerate(live, true);
        for (int i = 0; i < n; i++) {
            Thread t = live[i];
            if (t != sampler) {
                row(t, now);
            }
        }
        for (TimelineRow row : rows.values()) {
            if (row.ended()) {
                continue;
            }
            Thread.State state = row.thread.getState();
            if (state == Thread.State.TERMINATED) {
                row.endedAt(now);
            } else if (state != Thread.State.NEW) {
                row.sample(now, state == Thread.State.RUNNABLE);
            }
        }
    }

    /** Ends a hold of {@code key}: the holder's if it has one, else the oldest anywhere. */
    void endHold(Object key, Thread holder, long now) {
        if (holder != null) {
            TimelineRow row = rows.get(holder);
            if (row != null && row.end(key, State.HOLDING, now)) {
                return;
            }
        }
        TimelineRow oldest = null;
        long oldestStart = Long.MAX_VALUE;
        for (TimelineRow row : rows.values()) {
            long start = row.oldestOpen(key, State.HOLDING);
            if (start < oldestStart) {
                oldestStart = start;
                oldest = row;
            }
        }
        if (oldest != null) {
            oldest.endOldest(key, State.HOLDING, now);
        }
    }

    /** The rows in the order their threads started (first seen). */
    List<TimelineRow> sorted() {
        record Keyed(long start, TimelineRow row) { }
        List<Keyed> keyed = new ArrayList<>();
        for (TimelineRow row : rows.values()) {
            keyed.add(new Keyed(row.start(), row));   // starts may move: sort a snapshot
        }
        keyed.sort(Comparator.comparingLong(Keyed::start).thenComparingInt(k -> k.row().seq));
        return keyed.stream().map(Keyed::row).toList();
    }

    /** Every bar, row by row, in seconds since the start. */
    List<Interval> intervals(long limit) {
        List<Interval> out = new ArrayList<>();
        for (TimelineRow row : sorted()) {
            out.addAll(intervals(row, limit));
        }
        return out;
    }

    /** The rows as the SVG draws them. */
    List<TimelineSvg.Row> forDrawing(long limit) {
        List<TimelineSvg.Row> out = new ArrayList<>();
        for (TimelineRow row : sorted()) {
            out.add(new TimelineSvg.Row(row.name(), intervals(row, limit)));
        }
        return out;
    }

    private List<Interval> intervals(TimelineRow row, long limit) {
        String name = row.name();
        List<Interval> out = new ArrayList<>();
        for (TimelineRow.Bar b : row.bars(limit)) {
            out.add(new Interval(name, b.state(), b.label(), (b.start() - t0) / 1e9, (b.end() - t0) / 1e9));
        }
        return out;
    }

    /** A line per thread (30 at most) with its seconds running, idle, waiting and holding. */
    String summary(String title, long limit, boolean recording) {
        List<TimelineRow> sorted = sorted();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Timeline \"%s\": %d threads, %.3f s%s%n", title,
                sorted.size(), (limit - t0) / 1e9, recording ? " (recording)" : ""));
        int shown = 0;
        for (TimelineRow row : sorted) {
            if (shown++ == 30) {
                sb.append("  ... ").append(sorted.size() - 30).append(" more\n");
                break;
            }
            double[] total = new double[State.values().length];
            for (TimelineRow.Bar b : row.bars(limit)) {
                total[b.state().ordinal()] += (b.end() - b.start()) / 1e9;
            }
            double idle = Math.max(0, total[1] - total[2]);   // sampled idle includes recorded waits
            sb.append(String.format(Locale.ROOT, "  %-20s running %.3f s, idle %.3f s, waiting %.3f s, holding %.3f s%n",
                    row.name(), total[0], idle, total[2], total[3]));
        }
        return sb.toString();
    }
}
