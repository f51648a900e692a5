package jconc.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jconc.process.SharedObjects.ListOp;

/**
 * Internal: the state of a managed list, in its owner process. Elements are wire values; every
 * operation runs under one lock, so each is atomic (an append from ten processes at once
 * loses none) and every write is seen by the next operation from any process.
 */
final class ListCore implements Service {
    private final List<Object> list = new ArrayList<>();

    @Override
    public synchronized Object handle(String op, Object[] a, Link from) {
        switch (Service.op(ListOp.class, op)) {
            case ADD:
                return list.add(a[0]);
            case ADD_AT:
                list.add((Integer) a[0], a[1]);
                return null;
            case ADD_ALL:
                list.addAll(Arrays.asList((Object[]) a[0]));
                return null;
            case GET:
                return list.get((Integer) a[0]);
            case SET:
                return list.set((Integer) a[0], a[1]);
            case REMOVE_AT:
                return list.remove((int) (Integer) a[0]);
            case SIZE:
                return list.size();
            case CLEAR:
                list.clear();
                return null;
            case SNAPSHOT:
                return list.toArray();
            default:
                throw new IllegalArgumentException("unknown list operation " + op);
        }
    }
}
