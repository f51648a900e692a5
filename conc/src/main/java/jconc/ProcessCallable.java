package jconc;

import java.io.Serializable;

/**
 * A serializable {@code Callable} for a {@link Pool}: computes a result in a worker process.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(2)) {
 *     long pid = pool.apply(() -> Processes.pid());
 * }
 * }</pre>
 *
 * <p>Pitfall: the result travels back by serialization, so it must be {@code Serializable}.
 *
 * <p>Mirrors a Python function given to {@code Pool.apply} with no {@code args}.
 */
@FunctionalInterface
public interface ProcessCallable<R> extends Serializable {

    /** Computes the result, in a worker process. */
    R call() throws Exception;
}
