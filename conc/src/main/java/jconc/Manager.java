package jconc;

import java.util.List;
import java.util.Map;
import jconc.process.Endpoint;
import jconc.process.SharedObjects;

/**
 * Makes a {@link Map} and a {@link List} that many processes share: give them to child
 * processes and every {@code put}, {@code add}, {@code get} is one atomic operation on the
 * state held by the process that made them, seen by everyone at once.
 *
 * <pre>{@code
 * var manager = new Manager();
 * Map<String, String> dict = manager.dict();
 * List<Long> list = manager.list();
 * new ChildProcess((d, l) -> { d.put("k1", "v1"); l.add(Processes.pid()); }, dict, list).start().join();
 * System.out.println(dict + " " + list);   // {k1=v1} [12345]
 * }</pre>
 *
 * <p>Pitfall: each call is atomic, a sequence of calls is not: {@code map.put(k, map.get(k) + 1)}
 * from two processes loses updates. Guard such read-modify-write with a {@link ProcessLock}.
 * Values are copies: changing an object after {@code put} does not change the shared one, and
 * iteration walks a snapshot.
 *
 * <p>Mirrors Python's {@code multiprocessing.Manager()} with {@code .dict()} and {@code .list()}.
 * Python's manager is a separate server process; here the state lives in the process that
 * created the manager (in a notebook: the kernel), which serves the other processes.
 */
public final class Manager implements AutoCloseable {
    private final java.util.List<Endpoint<?>> made = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A manager; it holds nothing until asked for a map or a list. */
    public Manager() {
    }

    /** A new shared map, empty, iterating in insertion order (Python's {@code manager.dict()}). */
    public <K, V> Map<K, V> dict() {
        var e = SharedObjects.map();
        made.add(e);
        return new ManagedMap<>(e);
    }

    /** A new shared list, empty (Python's {@code manager.list()}). */
    public <E> List<E> list() {
        var e = SharedObjects.list();
        made.add(e);
        return new ManagedList<>(e);
    }

    /** Forgets every map and list this manager made: other processes can no longer reach them. */
    @Override
    public void close() {
        made.forEach(Endpoint::unregister);
        made.clear();
    }
}
