package jconc;

import java.io.Serializable;

/**
 * Work for a {@link ChildProcess} that takes no arguments: a serializable {@code Runnable} that
 * may throw. Write it as a lambda or method reference; it is serialized, sent to a new JVM and
 * run there.
 *
 * <pre>{@code
 * void hello() { System.out.println("hello from " + Processes.pid()); }
 * new ChildProcess(() -> hello()).start().join();
 * }</pre>
 *
 * <p>Pitfall: everything the lambda captures travels too and must be {@code Serializable};
 * {@link ChildProcess#start()} names the first value that is not.
 *
 * <p>Mirrors the {@code target} of Python's {@code multiprocessing.Process}; Python pickles the
 * function by name, Java serializes the lambda with what it captured.
 */
@FunctionalInterface
public interface ProcessTask extends Serializable {

    /** Runs in the child process. */
    void run() throws Exception;
}
