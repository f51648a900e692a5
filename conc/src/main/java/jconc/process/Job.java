package jconc.process;

import java.io.Serializable;

/**
 * Internal: what a child process runs: a serializable unit of work with a result.
 *
 * <p>Public because the helper API defines its jobs (a {@code ChildProcess}'s target bound to
 * its arguments, a {@code Pool}'s function) in its own package; this layer only runs them.
 */
@FunctionalInterface
public interface Job extends Serializable {

    /** Runs in the child; the result travels back to the parent. */
    Object call() throws Exception;

    /**
     * What a pool worker applies to each task's arguments: a serializable function of the
     * arguments as an array. The helper API adapts its typed functions to it; the worker keeps
     * the last one it received, so a stream of tasks for one function sends only arguments.
     */
    @FunctionalInterface
    interface Function extends Serializable {

        /** Computes the result for {@code args}, in the worker process. */
        Object apply(Object[] args) throws Exception;
    }
}
