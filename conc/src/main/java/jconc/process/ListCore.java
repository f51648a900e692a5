package jconc.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Internal: the state of a managed list, in its owner process. Elements are wire values; every
 * operation runs under one lock, so each is atomic (an append from ten processes at once
 * loses none) and every write is seen by the next operation from any process.
 */
public final class ListCore implements Service {
    private final List<Object> list = new ArrayList<>();

    @Override
    public synchronized Object handle(String op, Object[] a, Link from) {
        switch (op) {
            case "add":
                list.add(a[0]);
                return true;
            case "addAt":
                list.add((Integer) a[0], a[1]);
                return null;
            case "addAll":
                for (Object o : (Object[]) a[0]) {
                    list.add(o);
                }
                return null;
            case "get":
                return list.get((Integer) a[0]);
            case "set":
                return list.set((Integer) a[0], a[1]);
            case "removeAt":
                return list.remove((int) (Integer) a[0]);
            case "size":
                return list.size();
            case "clear":
                list.clear();
                return null;
            case "snapshot":
                return list.toArray();
            default:
                throw new IllegalArgumentException("unknown list operation " + op);
        }
    }
}
