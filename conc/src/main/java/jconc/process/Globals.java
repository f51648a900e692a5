package jconc.process;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Internal: a fork-like copy of top-level variables. In a notebook, top-level variables are
 * static fields of the classes JShell generates; a child starts with their default values
 * (like Python's spawn) unless the caller opts in to this copy, which takes every static,
 * non-final field of the dynamic classes whose value can be serialized.
 */
final class Globals {
    private Globals() {
    }

    /** Serialized values by "class#field"; values that cannot be serialized are left out. */
    static byte[] capture() {
        Map<String, byte[]> values = new HashMap<>();
        ClassLoader loader = Loaders.current();
        for (String name : Loaders.dynamicClassBytes().keySet()) {
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) || Modifier.isFinal(m) || f.isSynthetic() || !f.trySetAccessible()) {
                    continue;
                }
                try {
                    Object v = f.get(null);
                    if (v != null) {
                        values.put(name + "#" + f.getName(), Codec.serialize(v));
                    }
                } catch (IllegalAccessException | RuntimeException | LinkageError e) {
                    // not serializable or not readable: the child keeps the default
                }
            }
        }
        return Codec.serialize(values);
    }

    /** Sets the captured values in this (child) process. */
    @SuppressWarnings("unchecked")
    static void restore(byte[] captured) {
        Map<String, byte[]> values = (Map<String, byte[]>) Codec.deserialize(captured);
        ClassLoader loader = Loaders.current();
        for (var e : values.entrySet()) {
            int hash = e.getKey().indexOf('#');
            try {
                Class<?> c = Class.forName(e.getKey().substring(0, hash), true, loader);
                Field f = c.getDeclaredField(e.getKey().substring(hash + 1));
                f.setAccessible(true);
                f.set(null, Codec.deserialize(e.getValue()));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
                // leave the default
            }
        }
    }
}
