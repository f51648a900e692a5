package jconc;

import java.io.Serializable;

/**
 * Work for a {@link ChildProcess} that takes three arguments, given separately like Python's
 * {@code args=(...)}. The arguments are serialized and sent along with the lambda.
 *
 * <pre>{@code
 * new ChildProcess((ProcessQueue<String> q, String s, Integer n) -> q.put(s + n), queue, "x", 1).start();
 * }</pre>
 *
 * <p>Pitfall: the arguments are copies in the child: changing them there changes nothing here.
 * Share state through a {@link ProcessQueue}, {@link Pipe} or {@link Manager} instead.
 *
 * <p>Mirrors Python's {@code Process(target=f, args=(...))}.
 */
@FunctionalInterface
public interface ProcessTask3<A, B, C> extends Serializable {

    /** Runs in the child process with the given arguments. */
    void run(A a, B b, C c) throws Exception;
}
