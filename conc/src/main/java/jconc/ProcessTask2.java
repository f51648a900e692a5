package jconc;

import java.io.Serializable;

/**
 * Work for a {@link ChildProcess} that takes two arguments, given separately like Python's
 * {@code args=(...)}. The arguments are serialized and sent along with the lambda.
 *
 * <pre>{@code
 * new ChildProcess((String who, Integer n) -> System.out.println(who + n), "bob", 1).start().join();
 * }</pre>
 *
 * <p>Pitfall: the arguments are copies in the child: changing them there changes nothing here.
 * Share state through a {@link ProcessQueue}, {@link Pipe} or {@link Manager} instead.
 *
 * <p>Mirrors Python's {@code Process(target=f, args=(...))}.
 */
@FunctionalInterface
public interface ProcessTask2<A, B> extends Serializable {

    /** Runs in the child process with the given arguments. */
    void run(A a, B b) throws Exception;
}
