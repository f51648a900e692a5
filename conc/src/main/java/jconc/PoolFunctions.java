package jconc;

import jconc.process.Codec;
import jconc.process.Job;

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
        byte[] bytes = Codec.serialize(new Call(function), function);
        synchronized (this) {
            lastObject = function;
            last = new PoolTask.Function(++ids, bytes);
            return last;
        }
    }

    /**
     * A pool's function as a worker applies it: the user's {@link ProcessCallable},
     * {@link ProcessFunction} or {@link ProcessBiFunction}, called with as many arguments as it
     * takes. A plain class rather than a record: deserializing a record builds method handles.
     */
    static final class Call implements Job.Function {
        private final Object target;

        Call(Object target) {
            this.target = target;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object apply(Object[] a) throws Exception {
            if (target instanceof ProcessCallable<?> c && a.length == 0) {
                return c.call();
            }
            if (target instanceof ProcessFunction<?, ?> fn && a.length == 1) {
                return ((ProcessFunction<Object, Object>) fn).apply(a[0]);
            }
            if (target instanceof ProcessBiFunction<?, ?, ?> fn && a.length == 2) {
                return ((ProcessBiFunction<Object, Object, Object>) fn).apply(a[0], a[1]);
            }
            throw new IllegalArgumentException("cannot call " + target.getClass().getName() + " with " + a.length + " arguments");
        }
    }
}
