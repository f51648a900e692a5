package jconc;

import java.io.Serializable;

/**
 * A serializable function of two arguments for a {@link Pool}.
 *
 * <pre>{@code
 * int sum = pool.apply((Integer a, Integer b) -> a + b, 2, 3);   // 5, computed in a worker
 * }</pre>
 *
 * <p>Pitfall: both arguments and the result are serialized copies.
 *
 * <p>Mirrors Python's {@code Pool.apply(func, args=(a, b))}.
 */
@FunctionalInterface
public interface ProcessBiFunction<A, B, R> extends Serializable {

    /** Computes the result for {@code a} and {@code b}, in a worker process. */
    R apply(A a, B b) throws Exception;
}
