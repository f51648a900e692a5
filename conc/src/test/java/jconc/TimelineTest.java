package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import jconc.spi.DisplayHandle;
import jconc.spi.Host;
import jconc.spi.Hosts;
import jconc.spi.Rich;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

@Timeout(10)
class TimelineTest {

    @AfterEach
    void stopAnyRecording() {
        Timeline tl = Timeline.current();
        if (tl != null) {
            tl.stop();
        }
        Hosts.install(Host.PLAIN);
    }

    @Test
    void recordsWhoWaitedForAndWhoHeldAMutex() throws InterruptedException {
        Mutex lock = new Mutex("the-lock");
        CountDownLatch holding = new CountDownLatch(1);
        Timeline tl = Timeline.startQuiet("contention");

        Thread holder = Threads.start(() -> {
            try (Held held = lock.hold()) {
                holding.countDown();
                Thread.sleep(100);
            }
        }, "holder");
        holding.await();
        Thread waiter = Threads.start(() -> lock.hold().close(), "waiter");
        holder.join();
        waiter.join();
        tl.stop();

        Timeline.Interval held = only(tl.intervals("holder"), Timeline.State.HOLDING);
        Timeline.Interval waited = only(tl.intervals("waiter"), Timeline.State.WAITING);
        assertEquals("the-lock", held.label());
        assertEquals("the-lock", waited.label());
        assertTrue(held.seconds() >= 0.09, "held about 100 ms: " + held);
        assertTrue(waited.end() >= held.end() - 0.005, "the wait ends when the hold does: " + waited + " " + held);
    }

    @Test
    void aSleepingPlainThreadShowsAsAliveButNotRunning() throws InterruptedException {
        Timeline tl = Timeline.startQuiet("sleep");

        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "plain-sleeper");
        sleeper.start();
        sleeper.join();
        Thread.sleep(30);
        tl.stop();

        double idle = tl.intervals("plain-sleeper").stream()
                .filter(i -> i.state() == Timeline.State.IDLE).mapToDouble(Timeline.Interval::seconds).sum();
        assertTrue(idle >= 0.15, "about 200 ms idle, got " + idle);
        assertTrue(tl.threads().contains(Thread.currentThread().getName()), "the recording thread has a row");
    }

    @Test
    void boundedSemaphoreHoldsAreClosedEvenWhenAnotherThreadReleases() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(1, "sem");
        Timeline tl = Timeline.startQuiet("handover");

        Threads.start(semaphore::acquire, "taker").join();
        Threads.start(semaphore::release, "giver").join();
        tl.stop();

        Timeline.Interval held = only(tl.intervals("taker"), Timeline.State.HOLDING);
        assertTrue(held.end() < tl.seconds(), "closed at the release, not left open: " + held);
    }

    @Test
    void spansAndMarksAreRecordedOnTheCallingThread() throws InterruptedException {
        Timeline tl = Timeline.startQuiet("spans");

        try (Held span = tl.span("phase 1")) {
            Thread.sleep(20);
        }
        tl.mark("done");
        tl.stop();

        String me = Thread.currentThread().getName();
        assertEquals("phase 1", only(tl.intervals(me), Timeline.State.SPAN).label());
        Timeline.Interval mark = only(tl.intervals(me), Timeline.State.MARK);
        assertEquals("done", mark.label());
        assertEquals(mark.start(), mark.end());
    }

    @Test
    void nothingIsRecordedAfterStop() throws InterruptedException {
        Mutex lock = new Mutex();
        Timeline tl = Timeline.startQuiet("short");
        tl.stop();

        Threads.start(() -> lock.hold().close(), "after-stop").join();

        assertFalse(tl.threads().contains("after-stop"));
        assertEquals(null, Timeline.current());
    }

    @Test
    void startingASecondTimelineStopsTheFirst() {
        Timeline first = Timeline.startQuiet("first");

        Timeline second = Timeline.startQuiet("second");

        assertFalse(first.isRecording());
        assertTrue(second.isRecording());
        second.stop();
    }

    @Test
    void svgIsWellFormedSelfContainedAndNamesEveryThread() throws Exception {
        Mutex lock = new Mutex("a<b&c");
        Timeline tl = Timeline.startQuiet("title with <angle> & ampersand");
        Threads.start(() -> lock.hold().close(), "row-one").join();
        tl.stop();

        String svg = tl.svg();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(svg.contains(">row-one<"));
        assertFalse(svg.contains("<script"));
        assertFalse(svg.contains("@import") || svg.contains("url("), "no external resources");
    }

    @Test
    void mimeBundleOffersSvgAndText() {
        Timeline tl = Timeline.startQuiet("bundle").stop();

        Map<String, String> bundle = tl.mimeBundle();

        assertTrue(bundle.get("image/svg+xml").startsWith("<svg"));
        assertTrue(bundle.get("text/plain").startsWith("Timeline \"bundle\""));
        String html = bundle.get("text/html");
        String base64 = html.substring(html.indexOf("base64,") + 7, html.lastIndexOf('"'));
        assertEquals(bundle.get("image/svg+xml"),
                new String(java.util.Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }

    @Test
    void liveModeShowsItselfAndUpdatesSeveralTimesThenOnceMoreAtStop() throws InterruptedException {
        AtomicInteger shown = new AtomicInteger();
        AtomicInteger updates = new AtomicInteger();
        AtomicInteger updatesAfterStop = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean lastWasFinal = new java.util.concurrent.atomic.AtomicBoolean();
        Hosts.install(new Host() {
            @Override
            public DisplayHandle display(Rich content) {
                shown.incrementAndGet();
                return content2 -> {
                    updates.incrementAndGet();
                    boolean stopped = !((Timeline) content2).isRecording();
                    lastWasFinal.set(stopped);
                    if (stopped) {
                        updatesAfterStop.incrementAndGet();
                    }
                };
            }
        });

        Timeline tl = Timeline.start("live");
        Thread.sleep(800);
        tl.stop();

        assertEquals(1, shown.get());
        assertTrue(updates.get() >= 3, "a few redraws per second, got " + updates.get());
        assertTrue(updatesAfterStop.get() >= 1, "a final update after stop");
        assertTrue(lastWasFinal.get(), "the last picture shown is the final one");
    }

    @Test
    void recordRunsTheBodyAndReturnsAStoppedTimeline() throws Exception {
        Hosts.install(new Host() {
            @Override
            public DisplayHandle display(Rich content) {
                return DisplayHandle.NONE;
            }
        });

        Timeline tl = Timeline.record("body", () -> Threads.start(() -> Thread.sleep(30), "worker").join());

        assertFalse(tl.isRecording());
        assertTrue(tl.threads().contains("worker"));
    }

    @Test
    void threadsStartedWithThreadsHaveExactLifetimes() throws InterruptedException {
        Timeline tl = Timeline.startQuiet("exact");

        Threads.start(() -> { }, "blink").join();
        tl.stop();

        assertTrue(tl.threads().contains("blink"), "even a thread shorter than a sample is recorded");
    }

    @Test
    void threadPoolTasksShowAsSpansOnTheirWorkers() throws InterruptedException {
        Timeline tl = Timeline.startQuiet("pool");
        ThreadPool pool = new ThreadPool(2);

        for (int i = 0; i < 4; i++) {
            pool.run(() -> 1);
        }
        pool.close();
        pool.join();
        tl.stop();

        long spans = tl.intervals().stream()
                .filter(i -> i.state() == Timeline.State.SPAN && i.label().startsWith("task ")).count();
        assertEquals(4, spans);
        assertTrue(tl.threads().stream().anyMatch(n -> n.contains("-worker-")));
    }

    @Test
    void closingTheOwnersResourcesEndsItsRecording() {
        Timeline tl = Timeline.startQuiet("owned");

        jconc.spi.Resources.closeAll();

        assertFalse(tl.isRecording());
        assertEquals(null, Timeline.current());
    }

    @Test
    void recordedHoldsOfABoundedSemaphoreNeverExceedItsBound() throws InterruptedException {
        BoundedSemaphore semaphore = new BoundedSemaphore(2, "two");
        Timeline tl = Timeline.startQuiet("bound");
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Threads.start(() -> {
                for (int j = 0; j < 200; j++) {
                    semaphore.hold().close();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        tl.stop();

        List<double[]> edges = new java.util.ArrayList<>();
        for (Timeline.Interval i : tl.intervals()) {
            if (i.state() == Timeline.State.HOLDING) {
                edges.add(new double[] {i.start(), 1});
                edges.add(new double[] {i.end(), -1});
            }
        }
        edges.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int holders = 0;
        int peak = 0;
        for (double[] e : edges) {
            holders += (int) e[1];
            peak = Math.max(peak, holders);
        }
        assertEquals(1600, edges.size() / 2);
        assertTrue(peak <= 2, "at most 2 recorded holders at once, saw " + peak);
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.1, TimelineSvg.niceStep(0.09), 1e-12);
        assertEquals(0.2, TimelineSvg.niceStep(0.15), 1e-12);
        assertEquals(5.0, TimelineSvg.niceStep(3.2), 1e-12);
    }

    private static Timeline.Interval only(List<Timeline.Interval> intervals, Timeline.State state) {
        List<Timeline.Interval> matching = intervals.stream().filter(i -> i.state() == state).toList();
        assertEquals(1, matching.size(), state + " in " + intervals);
        return matching.get(0);
    }
}
