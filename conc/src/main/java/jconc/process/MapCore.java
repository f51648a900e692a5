package jconc.process;

import java.util.LinkedHashMap;
import java.util.Map;
import jconc.process.SharedObjects.MapOp;

/**
 * Internal: the state of a managed map, in its owner process. Keys and values are wire values;
 * every operation runs under one lock, so each is atomic and every write is seen by the next
 * operation from any process. Iteration order is insertion order, as in a Python dict.
 */
final class MapCore implements Service {
    private final Map<Object, Object> map = new LinkedHashMap<>();

    @Override
    public synchronized Object handle(String op, Object[] a, Link from) {
        switch (Service.op(MapOp.class, op)) {
            case GET:
                return map.get(a[0]);
            case GET_OR_DEFAULT:
                return map.getOrDefault(a[0], a[1]);
            case PUT:
                return map.put(a[0], a[1]);
            case PUT_IF_ABSENT:
                return map.putIfAbsent(a[0], a[1]);
            case REPLACE:
                return map.replace(a[0], a[1]);
            case REMOVE:
                return map.remove(a[0]);
            case CONTAINS_KEY:
                return map.containsKey(a[0]);
            case SIZE:
                return map.size();
            case CLEAR:
                map.clear();
                return null;
            case PUT_ALL: {
                Object[] pairs = (Object[]) a[0];
                for (int i = 0; i + 1 < pairs.length; i += 2) {
                    map.put(pairs[i], pairs[i + 1]);
                }
                return null;
            }
            case SNAPSHOT: {
                Object[] pairs = new Object[map.size() * 2];
                int i = 0;
                for (var e : map.entrySet()) {
                    pairs[i++] = e.getKey();
                    pairs[i++] = e.getValue();
                }
                return pairs;
            }
            default:
                throw new IllegalArgumentException("unknown map operation " + op);
        }
    }
}
