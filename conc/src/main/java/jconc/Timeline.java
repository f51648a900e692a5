package jconc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jconc.spi.DisplayHandle;
import jconc.spi.Hosts;
import jconc.spi.Resources;
import jconc.spi.Rich;

/**
 * A recorder of who ran when: while it records, it samples the state of the user's threads
 * and collects the waits and holds of {@link Mutex}, {@link RLock}, {@link BoundedSemaphore}
 * and {@link Event}; it draws them as a Gantt chart (SVG), one row per thread.
 *
 * <pre>{@code
 * var tl = Timeline.start("join in a loop");   // shows itself and updates live
 * for (...) { Thread t = new Thread(work); t.start(); t.join(); }
 * tl.stop();                                    // final picture
 * }</pre>
 *
 * <p>Pitfall: states of plain threads are SAMPLED every few milliseconds, so a thread that
 * lives less than that may be missed and short naps may not show; bars from the jconc
 * primitives, {@link #span(String)}, {@link #mark(String)} and threads started with
 * {@link Threads} are exact.
 *
 * <p>Colours: green = running (runnable), grey = alive but not running (sleeping, joining,
 * blocked elsewhere), orange = waiting for a jconc lock, semaphore or event, blue band = holding
 * a jconc lock or permit, purple outline = a {@link #span(String) span}, red tick = a mark.
 * Only one timeline records at a time; starting another stops the first. A recording that
 * is never stopped stops itself after {@value #MAX_SECONDS} seconds. Python has no equivalent;
 * the picture replaces the interleaved prints the tutorial uses as evidence. When no timeline
 * records, the primitives pay one volatile read.
 */
public final class Timeline implements Rich, AutoCloseable {

    /** What a bar means. */
    public enum State {
        /** Runnable: on a CPU or ready for one. */
        RUNNING,
        /** Alive but not running: sleeping, joining, blocked on something not recorded. */
        IDLE,
        /** Waiting for a jconc lock, semaphore or event (the label names it). */
        WAITING,
        /** Holding a jconc lock or semaphore permit (the label names it). */
        HOLDING,
        /** A span recorded with {@link #span(String)}. */
        SPAN,
        /** An instant recorded with {@link #mark(String)} or by {@link Event#set()}. */
        MARK
    }

    /**
     * One bar of the chart, in seconds since the recording started.
     *
     * @param thread the thread's name
     * @param state what the thread did
     * @param label what it waited for or held, a span's or mark's label; null for RUNNING/IDLE
     * @param start seconds since the start of the recording
     * @param end seconds since the start of the recording ({@code == start} for a mark)
     */
    public record Interval(String thread, State state, String label, double start, double end) {
        /** The length in seconds. */
        public double seconds() {
            return end - start;
        }
    }

    /** A recording that is never stopped stops itself after this many seconds. */
    public static final int MAX_SECONDS = 120;
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** The recording timeline, read by the primitives' hooks. */
    private static volatile Timeline active;

    static {
        // an interrupted cell (or shutdown) ends its recording without waiting for it
        Resources.register(owner -> {
            Timeline tl = active;
            if (tl != null && (owner == null || owner.equals(tl.owner))) {
                tl.markStopped();
            }
        });
    }

    private final String title;
    private final Object owner = Hosts.current().owner();
    private final long t0 = System.nanoTime();
    private volatile long stoppedAt = -1;
    private final TimelineRows rows = new TimelineRows(t0);
    private final ThreadGroup watched;
    private volatile DisplayHandle handle = DisplayHandle.NONE;
    private final Thread sampler;

    private Timeline(String title) {
        this.title = title;
        this.watched = Hosts.current().userThreads();
        this.sampler = newSamplerThread(this);
    }

    /**
     * Starts recording and shows the chart in place, redrawn a few times per second until
     * {@link #stop()}.
     */
    public static Timeline start(String title) {
        Timeline tl = begin(title);
        tl.handle = Hosts.current().display(tl);
        return tl;
    }

    /** Starts recording without showing anything; {@link #show()} or print it later. */
    public static Timeline startQuiet(String title) {
        return begin(title);
    }

    /**
     * Records while {@code body} runs on the calling thread, then stops and returns the
     * timeline (shown live, like {@link #start(String)}).
     *
     * @throws Exception whatever {@code body} throws (the recording is stopped first)
     */
    public static Timeline record(String title, Threads.Target body) throws Exception {
        Timeline tl = start(title);
        try {
            body.run();
        } finally {
            tl.stop();
        }
        return tl;
    }

    /** The timeline recording now, or {@code null}. */
    public static Timeline current() {
        return active;
    }

    private static Timeline begin(String title) {
        Timeline tl = new Timeline(title);
        Timeline previous = active;
        if (previous != null) {
            previous.stop();
        }
        tl.rows.sample(tl.watched, tl.sampler, System.nanoTime());
        active = tl;
        tl.sampler.start();
        return tl;
    }

    private static Thread newSamplerThread(Timeline tl) {
        ThreadGroup parent = tl.watched.getParent();
        Runnable loop = Hosts.current().propagate(tl::sampleLoop);
        Thread t = new Thread(parent != null ? parent : tl.watched, loop, "jconc-timeline-sampler");
        t.setDaemon(true);
        return t;
    }

    /**
     * Stops recording (idempotent), waits for the sampler to finish and redraws the picture
     * a last time.
     *
     * @return this timeline, for chaining
     */
    public Timeline stop() {
        if (!markStopped()) {
            return this;
        }
        boolean interrupted = Thread.interrupted();
        try {
            sampler.join(1000);                // the sampler draws the final picture as it ends
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** Ends the recording without waiting; false if it had already ended. */
    private boolean markStopped() {
        synchronized (this) {
            if (stoppedAt >= 0) {
                return false;
            }
            stoppedAt = System.nanoTime();
        }
        if (active == this) {
            active = null;
        }
        sampler.interrupt();
        return true;
    }

    /** Same as {@link #stop()}: for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    /** Whether it is still recording. */
    public boolean isRecording() {
        return stoppedAt < 0;
    }

    /** Shows the chart (again) in the output, e.g. after {@link #startQuiet(String)}. */
    public Timeline show() {
        Hosts.current().display(this);
        return this;
    }

    /**
     * Records a named bar on the calling thread's row from now until the returned
     * {@link Held} is closed.
     */
    public Held span(String label) {
        Object key = new Object();
        long now = System.nanoTime();
        Thread me = Thread.currentThread();
        rows.row(me, now).begin(key, State.SPAN, label, now);
        return Held.once(() -> rows.row(me, System.nanoTime()).end(key, State.SPAN, System.nanoTime()));
    }

    /** Records an instant on the calling thread's row, drawn as a red tick with the label. */
    public void mark(String label) {
        long now = System.nanoTime();
        rows.row(Thread.currentThread(), now).instant(label, now);
    }

    /** The title given at start. */
    public String title() {
        return title;
    }

    /** Seconds recorded so far (or in all, once stopped). */
    public double seconds() {
        return (limit() - t0) / 1e9;
    }

    /** The names of the recorded threads, in the order they were first seen. */
    public List<String> threads() {
        return rows.sorted().stream().map(TimelineRow::name).toList();
    }

    /** Every bar of the chart, row by row, in seconds since the start. */
    public List<Interval> intervals() {
        return rows.intervals(limit());
    }

    /** The intervals of one thread, by name. */
    public List<Interval> intervals(String thread) {
        return intervals().stream().filter(i -> i.thread().equals(thread)).toList();
    }

    /** The chart as an SVG document. */
    public String svg() {
        return new TimelineSvg(title, seconds(), isRecording(), rows.forDrawing(limit())).render();
    }

    /**
     * The chart as {@code image/svg+xml}, as {@code text/html} (an {@code <img>} holding the same
     * SVG, which HTML exports keep intact even where they strip inline SVG elements) and as a
     * {@code text/plain} summary.
     */
    @Override
    public Map<String, String> mimeBundle() {
        String svg = svg();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", plainSummary());
        bundle.put("image/svg+xml", svg);
        bundle.put("text/html", "<img alt=\"" + TimelineSvg.escape(title) + "\" src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)) + "\">");
        return bundle;
    }

    @Override
    public String toString() {
        return plainSummary();
    }

    private String plainSummary() {
        return rows.summary(title, limit(), isRecording());
    }

    private long limit() {
        long stop = stoppedAt;
        return stop >= 0 ? stop : System.nanoTime();
    }

    // ---- sampling ------------------------------------------------------------------------

    private void sampleLoop() {
        long lastDraw = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
        try {
            while (isRecording()) {
                TimeUnit.NANOSECONDS.sleep(SAMPLE_NANOS);
                long now = System.nanoTime();
                rows.sample(watched, sampler, now);
                if (now - lastDraw >= REDRAW_NANOS && isRecording()) {
                    handle.update(this);
                    lastDraw = System.nanoTime();
                }
                if (now > deadline) {
                    markStopped();
                }
            }
        } catch (InterruptedException e) {
            // markStopped() interrupts the sampler: recording is over
        } finally {
            rows.sample(watched, sampler, Math.min(System.nanoTime(), stoppedAt >= 0 ? stoppedAt : Long.MAX_VALUE));
            handle.update(this);               // the final picture
        }
    }

    // ---- hooks called by the primitives: a volatile read when nothing records ------------

    static void waitBegin(Object key, String label) {
        Timeline tl = active;
        if (tl != null) {
            long now = System.nanoTime();
            tl.rows.row(Thread.currentThread(), now).begin(key, State.WAITING, label, now);
        }
    }

    static void waitEnd(Object key) {
        Timeline tl = active;
        if (tl != null) {
            long now = System.nanoTime();
            tl.rows.row(Thread.currentThread(), now).end(key, State.WAITING, now);
        }
    }

    static void holdBegin(Object key, String label) {
        Timeline tl = active;
        if (tl != null) {
            long now = System.nanoTime();
            tl.rows.row(Thread.currentThread(), now).begin(key, State.HOLDING, label, now);
        }
    }

    /** Ends a hold of {@code key}: the holder's if it has one, else the oldest anywhere. */
    static void holdEnd(Object key, Thread holder) {
        Timeline tl = active;
        if (tl != null) {
            tl.rows.endHold(key, holder, System.nanoTime());
        }
    }

    static void instant(Object key, String label) {
        Timeline tl = active;
        if (tl != null) {
            long now = System.nanoTime();
            tl.rows.row(Thread.currentThread(), now).instant(label, now);
        }
    }

    static void threadStarted() {
        Timeline tl = active;
        if (tl != null) {
            long now = System.nanoTime();
            tl.rows.row(Thread.currentThread(), now).startedAt(now);
        }
    }

    static void threadEnded() {
        Timeline tl = active;
        if (tl != null) {
            long now = System.nanoTime();
            tl.rows.row(Thread.currentThread(), now).endedAt(now);
        }
    }
}
