package jconc.process;

import java.io.Serializable;

/** Internal: what a child process runs: a serializable unit of work with a result. */
@FunctionalInterface
public interface Job extends Serializable {

    /** Runs in the child; the result travels back to the parent. */
    Object call() throws Exception;
}
