package jconc.process;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Internal: reads, for a {@link PipeCore}, what the holder of one of its ends in another process
 * sends over that end's own connection, when no local receive reads it: a relay thread when the
 * other end is used from yet another process, else a drain now and then, so that the holder's
 * sends never wait long on a full socket, and it can end, even while nobody here receives.
 */
final class PipeHolderReader {
    /**
     * How often a connection nobody here reads is drained into the buffer: soon again after it
     * brought something, less and less often while it is quiet.
     */
    static final long DRAIN_MIN_MILLIS = 5;
    private static final long DRAIN_MAX_MILLIS = 80;
    private static final ScheduledExecutorService DRAINS =
            Executors.newSingleThreadScheduledExecutor(Daemons.factory("jconc-pipe-drain"));

    private final ReentrantLock lock;
    private final PipeEnd[] ends;
    private final BiConsumer<Integer, Object> passOn;
    private final BiConsumer<Integer, FrameChannel> streamEnded;

    /**
     * For the pipe whose lock is {@code lock} and ends {@code ends}: {@code passOn(s, value)}
     * passes on a value end s's holder sent, {@code streamEnded(s, stream)} is told when that
     * holder's connection ends.
     */
    PipeHolderReader(ReentrantLock lock, PipeEnd[] ends, BiConsumer<Integer, Object> passOn,
                     BiConsumer<Integer, FrameChannel> streamEnded) {
        this.lock = lock;
        this.ends = ends;
        this.passOn = passOn;
        this.streamEnded = streamEnded;
    }

    /**
     * From now on a thread here reads end {@code s}'s connection and passes each value on to the
     * other end, which is used from another process (lock held).
     */
    void relay(int s) {
        PipeEnd end = ends[s];
        end.relayed = true;
        end.stopDraining();
        FrameChannel stream = end.stream;
        Daemons.start("jconc-pipe-relay", () -> {
            end.streamReading.lock();
            try {
                while (true) {
                    Msg m = stream.read(-1);
                    if (m != null) {  // null: woken for a local receive that has gone since
                        passOn.accept(s, m.value());
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException ended) {
                streamEnded.accept(s, stream);
            } finally {
                end.streamReading.unlock();
            }
        });
    }

    /** Drains end s's connection in {@code delay} ms (lock held). */
    void drainLater(int s, FrameChannel stream, long delay) {
        ends[s].draining = DRAINS.schedule(() -> drain(s, stream, delay), delay, TimeUnit.MILLISECONDS);
    }

    /** Moves what end {@code s}'s holder sent into the buffer here, unless a local receive is reading it. */
    private void drain(int s, FrameChannel stream, long delay) {
        PipeEnd end = ends[s];
        boolean moved = false;
        if (end.streamReading.tryLock()) {
            try {
                Msg m;
                while ((m = stream.read(0)) != null) {
                    passOn.accept(s, m.value());
                    moved = true;
                }
            } catch (IOException | InterruptedException ended) {
                streamEnded.accept(s, stream);
            } finally {
                end.streamReading.unlock();
            }
        }
        lock.lock();
        try {
            if (end.draining != null && end.stream == stream) {
                drainLater(s, stream, moved ? DRAIN_MIN_MILLIS : Math.min(DRAIN_MAX_MILLIS, 2 * delay));
            }
        } finally {
            lock.unlock();
        }
    }
}
