package jconc.spi;

import java.util.Map;

/**
 * Classes that exist only in this JVM's memory, such as the classes JShell generates for
 * notebook cells. A child JVM cannot find them on its class path, so the helper API ships
 * their bytecode to it.
 *
 * <pre>{@code
 * DynamicClasses dyn = Hosts.current().dynamicClasses();
 * Map<String, byte[]> bytes = dyn.classBytes();   // binary name -> latest bytecode
 * Class<?> c = Class.forName(name, false, dyn.classLoader());
 * }</pre>
 *
 * <p>Pitfall: the map is a snapshot; a cell evaluated later adds or replaces classes.
 */
public interface DynamicClasses {

    /** No dynamic classes: everything is on the class path. */
    DynamicClasses NONE = new DynamicClasses() {
        @Override
        public Map<String, byte[]> classBytes() {
            return Map.of();
        }

        @Override
        public ClassLoader classLoader() {
            return Thread.currentThread().getContextClassLoader();
        }
    };

    /** Binary class name to the latest bytecode, as clean as the compiler produced it. */
    Map<String, byte[]> classBytes();

    /** The loader that resolves those classes in this JVM. */
    ClassLoader classLoader();
}
