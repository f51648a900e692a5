package jconc.process;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import jconc.process.SharedObjects.PipeOp;

/**
 * Internal: the state of a pipe, in its owner process: one buffer per direction and whether
 * each end is closed. An end used from another process is closed when that process ends, or,
 * if children were given that end, when the last of them has ended; so the other end's
 * {@code recv} raises instead of hanging, but not while a child can still send. A
 * remote {@code recv} or {@code poll} that has to wait holds no thread: the next {@code send}
 * or {@code close} answers it.
 *
 * <p>The first process other than the owner to use an end gets a connection of its own for it
 * ({@link #holdsRemotely}, {@link PipeEndStream}), as a Python pipe is an OS pipe between the
 * two processes: what this process sends to that end is written to the connection at once, and
 * what it sends back is read from the connection by the thread here that receives it. A value
 * thus wakes one thread on each side. Only when the other end is used from yet another process
 * does a thread here pass the values on ({@link #relay}).
 */
final class PipeCore implements Service {
    private static final Object NULL = new Object();
    /** Marks a local receive that reads the other end's connection itself, after the lock is released. */
    private static final Object READ_STREAM = new Object();
    /** How long a local receive reads a connection before it looks again at the pipe's state. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * How often a connection nobody here reads is drained into the buffer: soon again after it
     * brought something, less and less often while it is quiet.
     */
    private static final long DRAIN_MIN_MILLIS = 5;
    private static final long DRAIN_MAX_MILLIS = 80;
    private static final ScheduledExecutorService DRAINS =
            Executors.newSingleThreadScheduledExecutor(Daemons.factory("jconc-pipe-drain"));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final End[] ends = {new End(), new End()};

    /** The state of one end of the pipe (guarded by {@code lock} unless said otherwise). */
    private static final class End {
        /** What the other end sent to this one, not yet received ({@code NULL} stands for null). */
        final ArrayDeque<Object> inbox = new ArrayDeque<>();
        /** Remote receives and polls waiting on this end. */
        final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        boolean closed;
        /** The child processes that were given this end and have not ended yet. */
        int holders;
        /** The link of the process that last used this end over the shared link. */
        Link attached;
        /** This end is held in another process over a connection of its own. */
        FrameChannel stream;
        /** A thread here passes what this end's holder sends on to the other end. */
        boolean relayed;
        /** Held by whoever reads {@code stream} (not guarded by {@code lock}). */
        final ReentrantLock streamReading = new ReentrantLock();
        /** Held by whoever writes {@code stream} (not guarded by {@code lock}). */
        final Object streamWriting = new Object();
        /** The next drain of {@code stream} while nobody here reads it. */
        ScheduledFuture<?> draining;
    }

    /** A remote recv or poll waiting on one end. */
    private record Waiter(Deferred reply, boolean recv) {
    }

    /** A reply to send once the lock is released. */
    private record Answer(Deferred to, Object value, Exception failure) {
        void send() {
            if (failure != null) {
                to.fail(failure);
            } else {
                to.reply(value);
            }
        }
    }

    /** See {@link PipeOp}: the end closes when the last child given it has ended. */
    @Override
    public Object handle(String name, Object[] a, Link from) throws Exception {
        PipeOp op = Service.op(PipeOp.class, name);
        int e = (Integer) a[0];
        List<Answer> answers = new ArrayList<>();
        Object result;
        FrameChannel writeTo = null;
        lock.lockInterruptibly();
        try {
            if (from != null) {
                attach(e, from.process(), answers);
                if (ends[1 - e].stream != null && !ends[1 - e].relayed) {
                    relay(1 - e);
                }
            }
            result = switch (op) {
                case SEND -> {
                    writeTo = send(e, a[1], answers);
                    yield null;
                }
                case RECV -> receive(e, (Long) a[1], from, true);
                case POLL -> receive(e, (Long) a[1], from, false);
                case CLOSE -> {
                    closeEnd(e, answers);
                    yield null;
                }
                case HOLDER_ADDED -> {
                    ends[e].holders++;
                    yield null;
                }
                case HOLDER_GONE -> {
                    if (--ends[e].holders <= 0 && !ends[e].closed) {
                        closeEnd(e, answers);
                    }
                    yield null;
                }
                case CLOSED -> ends[e].closed;
            };
        } finally {
            lock.unlock();
            answers.forEach(Answer::send);
        }
        if (writeTo != null) {
            writeToStream(1 - e, writeTo, a[1]);
        } else if (result == READ_STREAM) {
            return readStream(e, (Long) a[1], op == PipeOp.RECV);
        }
        return result;
    }

    /**
     * Takes end {@code e}'s own connection from the process that holds it (see the class
     * comment); false if that end is closed or held over a connection already, so that the
     * holder uses the shared link.
     */
    boolean holdsRemotely(int e, SocketChannel channel) throws IOException {
        List<Answer> answers = new ArrayList<>();
        lock.lock();
        try {
            if (ends[e].stream != null || ends[e].closed) {
                return false;
            }
            Hub.writeFully(channel, new byte[] {1});
            FrameChannel stream = new FrameChannel(channel);
            ends[e].stream = stream;
            Object item;
            while ((item = ends[e].inbox.poll()) != null) {
                stream.send(Msg.carrying(item == NULL ? null : item));
            }
            if (ended(1 - e)) {
                stream.closeWhenSent();  // the holder reads what was sent, then the end
            }
            changed.signalAll();  // a local receive waiting on the other end reads the connection now
            if (ends[1 - e].attached != null || ends[1 - e].stream != null) {
                relay(e);
                if (ends[1 - e].stream != null && !ends[1 - e].relayed) {
                    relay(1 - e);
                }
            } else {
                drainLater(e, stream, DRAIN_MIN_MILLIS);
            }
            return true;
        } finally {
            lock.unlock();
            answers.forEach(Answer::send);
        }
    }

    /** Writes a value to end {@code to}'s holder; a holder that is gone closes that end. */
    private void writeToStream(int to, FrameChannel stream, Object wire) throws EOFException {
        try {
            synchronized (ends[to].streamWriting) {
                stream.send(Msg.carrying(wire));
            }
        } catch (IOException e) {
            streamEnded(to, stream);
            throw otherEndClosed(e);
        }
    }

    /** End {@code e}'s holder closed its connection, or its process ended. */
    private void streamEnded(int e, FrameChannel stream) {
        List<Answer> answers = new ArrayList<>();
        lock.lock();
        try {
            if (ends[e].stream == stream) {
                ends[e].stream = null;
                stopDraining(e);
                stream.close();
                if (ends[e].closed) {
                    allArrivedFrom(e, answers);
                } else if (ends[e].holders <= 0) {
                    closeEnd(e, answers);
                }
                // else children given end e still run (this holder may be one of them, not yet
                // counted out): it closes when the last has ended
            }
        } finally {
            lock.unlock();
        }
        answers.forEach(Answer::send);
    }

    /**
     * From now on a thread here reads end {@code s}'s connection and passes each value on to the
     * other end, which is used from another process (lock held).
     */
    private void relay(int s) {
        ends[s].relayed = true;
        stopDraining(s);
        FrameChannel stream = ends[s].stream;
        Daemons.start("jconc-pipe-relay", () -> {
            ends[s].streamReading.lock();
            try {
                while (true) {
                    Msg m = stream.read(-1);
                    if (m != null) {  // null: woken for a local receive that has gone since
                        passOn(s, m.value());
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException ended) {
                streamEnded(s, stream);
            } finally {
                ends[s].streamReading.unlock();
            }
        });
    }

    /**
     * Moves what end {@code s}'s holder sent into the buffer here, unless a local receive is
     * reading the connection itself: so that the holder's sends never wait long on a full
     * socket, and it can end, even while nobody here receives.
     */
    private void drain(int s, FrameChannel stream, long delay) {
        boolean moved = false;
        if (ends[s].streamReading.tryLock()) {
            try {
                Msg m;
                while ((m = stream.read(0)) != null) {
                    passOn(s, m.value());
                    moved = true;
                }
            } catch (IOException | InterruptedException ended) {
                streamEnded(s, stream);
            } finally {
                ends[s].streamReading.unlock();
            }
        }
        lock.lock();
        try {
            if (ends[s].draining != null && ends[s].stream == stream) {
                drainLater(s, stream, moved ? DRAIN_MIN_MILLIS : Math.min(DRAIN_MAX_MILLIS, 2 * delay));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drains end s's connection in {@code delay} ms (lock held). */
    private void drainLater(int s, FrameChannel stream, long delay) {
        ends[s].draining = DRAINS.schedule(() -> drain(s, stream, delay), delay, TimeUnit.MILLISECONDS);
    }

    private void stopDraining(int s) {
        if (ends[s].draining != null) {
            ends[s].draining.cancel(false);
            ends[s].draining = null;
        }
    }

    /**
     * A receive (take = true) or poll on local end {@code e} whose other end is held in another
     * process: the calling thread reads that holder's connection itself, a slice at a time, so
     * that it sees a close or a change to relaying in time.
     */
    private Object readStream(int e, long nanos, boolean take) throws Exception {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        for (boolean first = true; ; first = false) {
            long left = nanos < 0 ? SLICE_NANOS : deadline - System.nanoTime();
            FrameChannel stream;
            lock.lockInterruptibly();
            try {
                stream = ends[1 - e].stream;
                if (!readsStream(e) || ends[e].closed || (left <= 0 && !first)) {
                    Object r = receive(e, nanos < 0 ? -1 : Math.max(0, left), null, take);
                    if (r != READ_STREAM) {
                        return r;
                    }
                    continue;
                }
            } finally {
                lock.unlock();
            }
            ReentrantLock reading = ends[1 - e].streamReading;
            long wait = Math.max(0, Math.min(left, SLICE_NANOS));
            if (!reading.tryLock(wait, TimeUnit.NANOSECONDS)) {
                continue;
            }
            Msg m;
            try {
                if (drainedMeanwhile(e, stream)) {
                    continue;
                }
                m = stream.read(wait);
            } catch (IOException ended) {
                streamEnded(1 - e, stream);
                continue;
            } finally {
                reading.unlock();
            }
            if (m == null) {
                continue;
            }
            if (take) {
                return new Object[] {m.value()};
            }
            lock.lock();
            try {
                ends[e].inbox.add(m.value() == null ? NULL : m.value());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            return Boolean.TRUE;
        }
    }

    /** Passes on a value that end s's holder sent over its connection; dropped if the other end is closed. */
    private void passOn(int s, Object wire) {
        List<Answer> answers = new ArrayList<>();
        FrameChannel writeTo;
        lock.lock();
        try {
            writeTo = deliver(s, wire, answers);
        } catch (EOFException dropped) {
            return;
        } finally {
            lock.unlock();
            answers.forEach(Answer::send);
        }
        if (writeTo != null) {
            try {
                writeToStream(1 - s, writeTo, wire);
            } catch (EOFException dropped) {
                // the other end's holder is gone
            }
        }
    }

    /** Whether, while this receive waited to read, the connection was drained or changed. */
    private boolean drainedMeanwhile(int e, FrameChannel stream) {
        lock.lock();
        try {
            return !ends[e].inbox.isEmpty() || ends[1 - e].stream != stream;
        } finally {
            lock.unlock();
        }
    }

    /** Sends from end e: answers a waiter or queues the value; returns the holder's connection to write it to, if any. */
    private FrameChannel send(int e, Object wire, List<Answer> answers) throws EOFException {
        requireOpen(e);
        return deliver(e, wire, answers);
    }

    /** Delivers a value end e sent (it may have closed since) to the other end; see {@link #send}. */
    private FrameChannel deliver(int e, Object wire, List<Answer> answers) throws EOFException {
        int to = 1 - e;
        if (ends[to].closed) {
            throw otherEndClosed(null);
        }
        if (ends[to].stream != null) {
            return ends[to].stream;
        }
        Waiter w;
        while ((w = ends[to].waiters.poll()) != null) {
            if (!w.reply().claim()) {
                continue;
            }
            if (w.recv()) {
                answers.add(new Answer(w.reply(), new Object[] {wire}, null));
                return null;
            }
            answers.add(new Answer(w.reply(), true, null));
        }
        ends[to].inbox.add(wire == null ? NULL : wire);
        changed.signalAll();
        if (ends[e].stream != null && !ends[e].relayed) {
            ends[e].stream.wakeReader();  // a local receive reading e's holder's connection looks here
        }
        return null;
    }

    /** recv (take = true) or poll on end e (lock held). */
    private Object receive(int e, long nanos, Link from, boolean take) throws Exception {
        requireOpen(e);
        if (from == null && readsStream(e)) {
            return READ_STREAM;
        }
        if (ends[e].inbox.isEmpty() && !ended(1 - e) && nanos != 0 && from != null) {
            Deferred d = from.deferCurrent();
            Waiter w = new Waiter(d, take);
            ends[e].waiters.add(w);
            d.onCancel(() -> {
                lock.lock();
                try {
                    ends[e].waiters.remove(w);
                } finally {
                    lock.unlock();
                }
            });
            if (nanos > 0) {
                d.timeoutAfter(nanos, take ? null : Boolean.FALSE);
            }
            return Service.LATER;
        }
        boolean forever = nanos < 0;
        while (ends[e].inbox.isEmpty() && !ended(1 - e) && !ends[e].closed) {
            if (forever) {
                changed.await();
            } else {
                if (nanos <= 0) {
                    return take ? null : Boolean.FALSE;
                }
                nanos = changed.awaitNanos(nanos);
            }
            if (from == null && readsStream(e)) {
                return READ_STREAM;
            }
        }
        if (!take) {
            return Boolean.TRUE;
        }
        requireOpen(e);
        Object item = ends[e].inbox.poll();
        if (item == null) {
            throw nothingLeft(null);
        }
        return new Object[] {item == NULL ? null : item};
    }

    /** What a send to a closed end raises, here and in a holder elsewhere. */
    static EOFException otherEndClosed(Throwable cause) {
        EOFException e = new EOFException("the other end of the pipe is closed");
        e.initCause(cause);
        return e;
    }

    /** What a receive raises once the other end is closed and everything it sent was received. */
    static EOFException nothingLeft(Throwable cause) {
        EOFException e = new EOFException("the other end of the pipe is closed and nothing is left to receive");
        e.initCause(cause);
        return e;
    }

    /** Whether a local receive on end e reads the other end's connection itself (lock held). */
    private boolean readsStream(int e) {
        return ends[1 - e].stream != null && !ends[1 - e].relayed && ends[e].inbox.isEmpty();
    }

    private void requireOpen(int e) {
        if (ends[e].closed) {
            throw new IllegalStateException("this end of the pipe is closed");
        }
    }

    private void attach(int e, Link from, List<Answer> answers) {
        if (ends[e].attached == from) {
            return;
        }
        ends[e].attached = from;
        from.onClose(() -> {
            List<Answer> later = new ArrayList<>();
            lock.lock();
            try {
                if (ends[e].attached == from && ends[e].holders <= 0) {
                    closeEnd(e, later);
                }
                // else children given end e still run: it closes when the last has ended
            } finally {
                lock.unlock();
            }
            later.forEach(Answer::send);
        });
    }

    /** Closes end e: whoever waits on the other end learns it (EOF), whoever waits on e is refused. */
    private void closeEnd(int e, List<Answer> answers) {
        ends[e].closed = true;
        changed.signalAll();
        Waiter w;
        while ((w = ends[e].waiters.poll()) != null) {
            if (w.reply().claim()) {
                answers.add(new Answer(w.reply(), null, new IllegalStateException("this end of the pipe is closed")));
            }
        }
        if (ends[e].stream == null) {
            allArrivedFrom(e, answers);
        }
        // else what e's holder sent before is still on its connection, which ends by itself
    }

    /** Whether end e is closed and everything it sent has arrived here (lock held). */
    private boolean ended(int e) {
        return ends[e].closed && ends[e].stream == null;
    }

    /** End e is closed and all it sent has arrived: whoever receives on the other end learns it. */
    private void allArrivedFrom(int e, List<Answer> answers) {
        changed.signalAll();
        Waiter w;
        while ((w = ends[1 - e].waiters.poll()) != null) {
            if (w.reply().claim()) {
                answers.add(w.recv()
                        ? new Answer(w.reply(), null, nothingLeft(null))
                        : new Answer(w.reply(), true, null));
            }
        }
        // the other end's holder elsewhere reads what was written to it, then the end
        if (ends[1 - e].stream != null) {
            ends[1 - e].stream.closeWhenSent();
        }
    }
}
