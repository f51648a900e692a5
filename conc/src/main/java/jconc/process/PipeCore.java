package jconc.process;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import jconc.process.PipeEnd.Answer;
import jconc.process.PipeEnd.Waiter;
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
 * does a thread here pass the values on ({@link PipeHolderReader}).
 */
final class PipeCore implements Service {
    /** Marks a local receive that reads the other end's connection itself, after the lock is released. */
    private static final Object READ_STREAM = new Object();
    /** How long a local receive reads a connection before it looks again at the pipe's state. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PipeEnd[] ends = {new PipeEnd(), new PipeEnd()};
    private final PipeHolderReader holderReader = new PipeHolderReader(lock, ends, this::passOn, this::streamEnded);

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
                    holderReader.relay(1 - e);
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
            Object[] item;
            while ((item = ends[e].takeKept()) != null) {
                stream.send(Msg.carrying(item[0]));
            }
            if (ended(1 - e)) {
                stream.closeWhenSent();  // the holder reads what was sent, then the end
            }
            changed.signalAll();  // a local receive waiting on the other end reads the connection now
            if (ends[1 - e].attached != null || ends[1 - e].stream != null) {
                holderReader.relay(e);
                if (ends[1 - e].stream != null && !ends[1 - e].relayed) {
                    holderReader.relay(1 - e);
                }
            } else {
                holderReader.drainLater(e, stream, PipeHolderReader.DRAIN_MIN_MILLIS);
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
            throw PipeEnd.otherEndClosed(e);
        }
    }

    /** End {@code e}'s holder closed its connection, or its process ended. */
    private void streamEnded(int e, FrameChannel stream) {
        List<Answer> answers = new ArrayList<>();
        lock.lock();
        try {
            if (ends[e].stream == stream) {
                ends[e].stream = null;
                ends[e].stopDraining();
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
                ends[e].keep(m.value());
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
            return ends[e].hasKept() || ends[1 - e].stream != stream;
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
            throw PipeEnd.otherEndClosed(null);
        }
        if (ends[to].stream != null) {
            return ends[to].stream;
        }
        if (ends[to].handToWaiter(wire, answers)) {
            return null;
        }
        ends[to].keep(wire);
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
        if (!ends[e].hasKept() && !ended(1 - e) && nanos != 0 && from != null) {
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
        while (!ends[e].hasKept() && !ended(1 - e) && !ends[e].closed) {
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
        Object[] item = ends[e].takeKept();
        if (item == null) {
            throw PipeEnd.nothingLeft(null);
        }
        return item;
    }

    /** Whether a local receive on end e reads the other end's connection itself (lock held). */
    private boolean readsStream(int e) {
        return ends[1 - e].stream != null && !ends[1 - e].relayed && !ends[e].hasKept();
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
        ends[e].refuseWaiters(answers);
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
        ends[1 - e].answerOtherEndGone(answers);
        // the other end's holder elsewhere reads what was written to it, then the end
        if (ends[1 - e].stream != null) {
            ends[1 - e].stream.closeWhenSent();
        }
    }
}
