package jconc.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jconc.spi.DynamicClasses;
import jconc.spi.Hosts;

/**
 * Internal: where classes of values from other processes are looked up. In the parent that is
 * the host's dynamic class loader (notebook cells); in a child it is a {@link Shipped} loader
 * holding the class bytes the parent sent, which asks the parent for any class it lacks.
 */
final class Loaders {
    private static volatile Shipped shipped;

    private Loaders() {
    }

    /** The loader to resolve classes of incoming values with. */
    public static ClassLoader current() {
        Shipped s = shipped;
        if (s != null) {
            return s;
        }
        ClassLoader dyn = Hosts.current().dynamicClasses().classLoader();
        return dyn != null ? dyn : Loaders.class.getClassLoader();
    }

    /** The bytes of classes this process can pass on to its own children. */
    public static Map<String, byte[]> dynamicClassBytes() {
        Shipped s = shipped;
        return s != null ? Map.copyOf(s.bytes) : Hosts.current().dynamicClasses().classBytes();
    }

    static Shipped installShipped() {
        Shipped s = new Shipped(Loaders.class.getClassLoader());
        shipped = s;
        return s;
    }

    /** Asks the parent for the bytes of a class, or returns null. */
    @FunctionalInterface
    interface Fetcher {
        byte[] fetch(String name);
    }

    /** A child's loader for classes that exist only in its parent's memory. */
    static final class Shipped extends ClassLoader implements DynamicClasses {
        static {
            registerAsParallelCapable();
        }

        final Map<String, byte[]> bytes = new ConcurrentHashMap<>();
        volatile Fetcher fetcher = name -> null;

        Shipped(ClassLoader parent) {
            super("jconc-shipped", parent);
        }

        void add(Map<String, byte[]> classes) {
            bytes.putAll(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = bytes.get(name);
            if (b == null) {
                b = fetcher.fetch(name);
                if (b != null) {
                    bytes.put(name, b);
                }
            }
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public Map<String, byte[]> classBytes() {
            return Map.copyOf(bytes);
        }

        @Override
        public ClassLoader classLoader() {
            return this;
        }
    }
}
