package jconc;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jconc.process.Codec;
import jconc.process.Endpoint;

/** A {@link Manager}'s map: every method is one atomic operation on the owner's state. */
final class ManagedMap<K, V> extends AbstractMap<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Endpoint endpoint;

    ManagedMap(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    private Object call(String op, Object... args) {
        return ManagedOps.call(endpoint, op, args);
    }

    private static <T> T value(Object wire) {
        return ManagedOps.value(wire);
    }

    @Override
    public V get(Object key) {
        return value(call("get", Codec.toWire(key)));
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return value(call("getOrDefault", Codec.toWire(key), Codec.toWire(defaultValue)));
    }

    @Override
    public V put(K key, V value) {
        return value(call("put", Codec.toWire(key), Codec.toWire(value)));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return value(call("putIfAbsent", Codec.toWire(key), Codec.toWire(value)));
    }

    @Override
    public V replace(K key, V value) {
        return value(call("replace", Codec.toWire(key), Codec.toWire(value)));
    }

    @Override
    public V remove(Object key) {
        return value(call("remove", Codec.toWire(key)));
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) call("containsKey", Codec.toWire(key));
    }

    @Override
    public int size() {
        return (Integer) call("size");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public void clear() {
        call("clear");
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        Object[] pairs = new Object[m.size() * 2];
        int i = 0;
        for (var e : m.entrySet()) {
            pairs[i++] = Codec.toWire(e.getKey());
            pairs[i++] = Codec.toWire(e.getValue());
        }
        call("putAll", (Object) pairs);
    }

    /** A snapshot copy, in insertion order; changing it changes nothing shared. */
    public Map<K, V> copy() {
        Object[] pairs = (Object[]) call("snapshot");
        Map<K, V> copy = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            copy.put(value(pairs[i]), value(pairs[i + 1]));
        }
        return copy;
    }

    /** A read-only snapshot of the entries (iteration never sees later writes). */
    @Override
    public Set<Entry<K, V>> entrySet() {
        return Collections.unmodifiableMap(copy()).entrySet();
    }
}
