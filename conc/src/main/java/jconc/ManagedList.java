package jconc;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import jconc.process.Codec;
import jconc.process.Endpoint;
import jconc.process.SharedObjects.ListOp;

/** A {@link Manager}'s list: every method is one atomic operation on the owner's state. */
final class ManagedList<E> extends AbstractList<E> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Endpoint<ListOp> endpoint;

    ManagedList(Endpoint<ListOp> endpoint) {
        this.endpoint = endpoint;
    }

    private Object call(ListOp op, Object... args) {
        return ManagedOps.call(endpoint, op, args);
    }

    private static <T> T value(Object wire) {
        return ManagedOps.value(wire);
    }

    @Override
    public boolean add(E e) {
        return (Boolean) call(ListOp.ADD, Codec.toWire(e));
    }

    @Override
    public void add(int index, E e) {
        call(ListOp.ADD_AT, index, Codec.toWire(e));
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        call(ListOp.ADD_ALL, (Object) c.stream().map(Codec::toWire).toArray());
        return !c.isEmpty();
    }

    @Override
    public E get(int index) {
        return value(call(ListOp.GET, index));
    }

    @Override
    public E set(int index, E e) {
        return value(call(ListOp.SET, index, Codec.toWire(e)));
    }

    @Override
    public E remove(int index) {
        return value(call(ListOp.REMOVE_AT, index));
    }

    @Override
    public int size() {
        return (Integer) call(ListOp.SIZE);
    }

    @Override
    public void clear() {
        call(ListOp.CLEAR);
    }

    /** A snapshot copy; changing it changes nothing shared. */
    public List<E> copy() {
        Object[] items = (Object[]) call(ListOp.SNAPSHOT);
        List<E> copy = new ArrayList<>(items.length);
        for (Object o : items) {
            copy.add(value(o));
        }
        return copy;
    }

    /** Iterates over a read-only snapshot (one round trip, not one per element). */
    @Override
    public Iterator<E> iterator() {
        return Collections.unmodifiableList(copy()).iterator();
    }

    @Override
    public ListIterator<E> listIterator(int index) {
        return Collections.unmodifiableList(copy()).listIterator(index);
    }

    @Override
    public Object[] toArray() {
        return copy().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return copy().toArray(a);
    }
}
