package jconc;

import jconc.process.Codec;

/**
 * Internal: the functions a {@link Pool} runs, serialized once: a pool usually runs one function
 * on many arguments, so the serialized form is reused while the same function object comes
 * again, and workers that have it are sent only its id.
 */
final class PoolFunctions {
    private Object lastObject;
    private PoolTask.Function last;
    private long ids;

    /** The serialized {@code function}, reused while the same function object comes again. */
    PoolTask.Function of(Object function) {
        synchronized (this) {
            if (function == lastObject) {
                return last;
            }
        }
        byte[] bytes = Codec.serialize(function);
        synchronized (this) {
            lastObject = function;
            last = new PoolTask.Function(++ids, bytes);
            return last;
        }
    }
}
