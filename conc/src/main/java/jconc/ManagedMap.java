package jconc;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jconc.process.Codec;
import jconc.process.Endpoint;
import jconc.process.SharedObjects.MapOp;

/** A {@link Manager}'s map: every method is one atomic operation on the owner's state. */
final class ManagedMap<K, V> extends AbstractMap<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Endpoint<MapOp> endpoint;

    ManagedMap(Endpoint<MapOp> endpoint) {
        this.endpoint = endpoint;
    }

    private Object call(MapOp op, Object... args) {
        return ManagedOps.call(endpoint, op, args);
    }

    private static <T> T value(Object wire) {
        return ManagedOps.value(wire);
    }

    @Override
    public V get(Object key) {
        return value(call(MapOp.GET, Codec.toWire(key)));
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return value(call(MapOp.GET_OR_DEFAULT, Codec.toWire(key), Codec.toWire(defaultValue)));
    }

    @Override
    public V put(K key, V value) {
        return value(call(MapOp.PUT, Codec.toWire(key), Codec.toWire(value)));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return value(call(MapOp.PUT_IF_ABSENT, Codec.toWire(key), Codec.toWire(value)));
    }

    @Override
    public V replace(K key, V value) {
        return value(call(MapOp.REPLACE, Codec.toWire(key), Codec.toWire(value)));
    }

    @Override
    public V remove(Object key) {
        return value(call(MapOp.REMOVE, Codec.toWire(key)));
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) call(MapOp.CONTAINS_KEY, Codec.toWire(key));
    }

    @Override
    public int size() {
        return (Integer) call(MapOp.SIZE);
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public void clear() {
        call(MapOp.CLEAR);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        Object[] pairs = new Object[m.size() * 2];
        int i = 0;
        for (var e : m.entrySet()) {
            pairs[i++] = Codec.toWire(e.getKey());
            pairs[i++] = Codec.toWire(e.getValue());
        }
        call(MapOp.PUT_ALL, (Object) pairs);
    }

    /** A snapshot copy, in insertion order; changing it changes nothing shared. */
    public Map<K, V> copy() {
        Object[] pairs = (Object[]) call(MapOp.SNAPSHOT);
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
