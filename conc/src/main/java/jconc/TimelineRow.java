package jconc;

import java.util.ArrayList;
import java.util.List;

/** What a {@link Timeline} knows about one thread. Every method is synchronized on the row. */
final class TimelineRow {
    /** A bar still being drawn: a wait, a hold or a span that has not ended. */
    private record Open(Object key, Timeline.State state, String label, long start) { }

    /** A finished bar or an instant, in nanoTime units. */
    record Bar(Timeline.State state, String label, long start, long end) { }

    final Thread thread;
    final int seq;
    private String name;
    private long start;
    private boolean exactStart;
    private long end = -1;
    private final List<Long> changeTimes = new ArrayList<>();
    private final List<Boolean> changeRunning = new ArrayList<>();
    private final List<Bar> bars = new ArrayList<>();
    private final List<Open> open = new ArrayList<>();

    TimelineRow(Thread thread, int seq, long now) {
        this.thread = thread;
        this.seq = seq;
        this.name = thread.getName();
        this.start = now;
    }

    synchronized void startedAt(long now) {
        start = Math.min(start, now);
        exactStart = true;
    }

    synchronized void endedAt(long now) {
        if (end < 0) {
            end = now;
        }
        name = thread.getName();
    }

    synchronized boolean ended() {
        return end >= 0;
    }

    /** Records a sample of the thread's state; keeps only changes. */
    synchronized void sample(long now, boolean running) {
        name = thread.getName();
        int n = changeRunning.size();
        if (n == 0 || changeRunning.get(n - 1) != running) {
            changeTimes.add(now);
            changeRunning.add(running);
        }
    }

    synchronized void begin(Object key, Timeline.State state, String label, long now) {
        open.add(new Open(key, state, label, now));
    }

    /** Closes the newest open bar with this key and state; false if there is none. */
    synchronized boolean end(Object key, Timeline.State state, long now) {
        for (int i = open.size() - 1; i >= 0; i--) {
            Open o = open.get(i);
            if (o.key == key && o.state == state) {
                open.remove(i);
                bars.add(new Bar(state, o.label, o.start, now));
                return true;
            }
        }
        return false;
    }

    /** The start of the oldest open bar with this key and state, or Long.MAX_VALUE. */
    synchronized long oldestOpen(Object key, Timeline.State state) {
        for (Open o : open) {
            if (o.key == key && o.state == state) {
                return o.start;
            }
        }
        return Long.MAX_VALUE;
    }

    /** Closes the oldest open bar with this key and state. */
    synchronized void endOldest(Object key, Timeline.State state, long now) {
        for (int i = 0; i < open.size(); i++) {
            Open o = open.get(i);
            if (o.key == key && o.state == state) {
                open.remove(i);
                bars.add(new Bar(state, o.label, o.start, now));
                return;
            }
        }
    }

    synchronized void instant(String label, long now) {
        bars.add(new Bar(Timeline.State.MARK, label, now, now));
    }

    synchronized long start() {
        return start;
    }

    synchronized String name() {
        return name;
    }

    /** The row as bars up to {@code limit}: running/idle from samples, then the recorded bars. */
    synchronized List<Bar> bars(long limit) {
        long rowEnd = end >= 0 ? Math.min(end, limit) : limit;
        List<Bar> out = new ArrayList<>();
        if (changeTimes.isEmpty()) {
            add(out, Timeline.State.RUNNING, start, rowEnd);
        } else {
            long first = changeTimes.get(0);
            if (start < first) {
                add(out, exactStart ? Timeline.State.RUNNING : stateOf(changeRunning.get(0)), start, first);
            }
            for (int i = 0; i < changeTimes.size(); i++) {
                long from = Math.max(start, changeTimes.get(i));
                long to = i + 1 < changeTimes.size() ? changeTimes.get(i + 1) : rowEnd;
                add(out, stateOf(changeRunning.get(i)), from, Math.min(to, rowEnd));
            }
        }
        for (Bar b : bars) {
            if (b.start <= limit) {
                out.add(new Bar(b.state, b.label, b.start, Math.min(b.end, limit)));
            }
        }
        for (Open o : open) {
            if (o.start <= limit) {
                out.add(new Bar(o.state, o.label, o.start, limit));
            }
        }
        return out;
    }

    private static Timeline.State stateOf(boolean running) {
        return running ? Timeline.State.RUNNING : Timeline.State.IDLE;
    }

    private static void add(List<Bar> out, Timeline.State state, long from, long to) {
        if (to <= from) {
            return;
        }
        int n = out.size();
        if (n > 0 && out.get(n - 1).state == state && out.get(n - 1).end == from) {
            out.set(n - 1, new Bar(state, null, out.get(n - 1).start, to));
        } else {
            out.add(new Bar(state, null, from, to));
        }
    }
}
