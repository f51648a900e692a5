package jconc;

import java.io.Serializable;

/**
 * A serializable function of one argument for a {@link Pool}: {@code apply}, {@code applyAsync}
 * and {@code map} run it in worker processes.
 *
 * <pre>{@code
 * int addHundred(int i) { return i + 100; }
 * List<Integer> r = pool.map(x -> addHundred(x), List.of(1, 2, 3));   // [101, 102, 103]
 * }</pre>
 *
 * <p>Pitfall: argument and result are copies made by serialization; both must be
 * {@code Serializable} (boxed numbers, strings, records that implement it).
 *
 * <p>Mirrors the {@code func} of Python's {@code Pool.apply_async(func, args=(x,))}.
 */
@FunctionalInterface
public interface ProcessFunction<A, R> extends Serializable {

    /** Computes the result for {@code a}, in a worker process. */
    R apply(A a) throws Exception;
}
