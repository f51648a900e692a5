package jconc;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The tutorial's "simple thread pool": a queue holding {@code maxNum} thread factories. Taking
 * one ({@link #getThread()}) blocks while all are out; a finished task puts one back
 * ({@link #putThread()}). No thread is ever reused: every task still gets a new thread.
 *
 * <pre>{@code
 * SimpleThreadPool pool = new SimpleThreadPool(5);
 * ThreadFactory thread = pool.getThread();                        // blocks while 5 are out
 * thread.newThread(() -> { work(); pool.putThread(); }).start();
 * }</pre>
 *
 * <p>Pitfall: it is not a pool at all, it is a SEMAPHORE with 5 permits that happen to be
 * factories. Like the original, {@link #putThread()} does not check anything: a task that
 * forgets it loses a permit for ever (a thrown exception is enough), and an extra call raises
 * the limit. {@link #start(Threads.Target)} does it right (the permit is returned in a
 * {@code finally}); {@link BoundedSemaphore} or an {@code ExecutorService} is the real answer.
 *
 * <p>Mirrors the tutorial's class {@code MyThread(max_num)} with {@code get_thread()} and
 * {@code put_thread()}; its queue held the class {@code threading.Thread}, this one holds
 * {@code Thread::new} as a {@link ThreadFactory}. Waiting is interruptible.
 */
public final class SimpleThreadPool {
    private final BlockingQueue<ThreadFactory> queue = new LinkedBlockingQueue<>();
    private final ThreadFactory factory = Thread::new;

    /** A pool that lets {@code maxNum} threads out at once. */
    public SimpleThreadPool(int maxNum) {
        if (maxNum < 1) {
            throw new IllegalArgumentException("maxNum must be >= 1: " + maxNum);
        }
        for (int i = 0; i < maxNum; i++) {
            queue.add(factory);
        }
    }

    /**
     * Takes a thread factory (a permit), waiting while none is left. Python: {@code get_thread()}.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public ThreadFactory getThread() throws InterruptedException {
        return queue.take();
    }

    /**
     * Takes a thread factory if one is left within the timeout.
     *
     * @return the factory, or {@code null} if the time ran out
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public ThreadFactory getThread(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** Takes a thread factory only if one is left now, else {@code null}. */
    public ThreadFactory tryGetThread() {
        return queue.poll();
    }

    /** Puts a factory back: Python's {@code put_thread()}. Unchecked, exactly like the original. */
    public void putThread() {
        queue.add(factory);
    }

    /** How many factories (permits) are in the queue now. */
    public int available() {
        return queue.size();
    }

    /**
     * The corrected use: takes a permit (waiting while none is left), starts a thread running
     * {@code task} and returns the permit when the task ends, also when it throws.
     *
     * @return the started thread
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public Thread start(Threads.Target task) throws InterruptedException {
        getThread();   // the permit; the thread itself comes from Threads
        try {
            return Threads.target(() -> {
                try {
                    task.run();
                } finally {
                    putThread();
                }
            }).start();
        } catch (RuntimeException | Error e) {
            putThread();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "SimpleThreadPool[" + queue.size() + " available]";
    }
}
