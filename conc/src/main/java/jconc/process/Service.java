package jconc.process;

/**
 * Internal: an object other processes reach through the {@link Hub} (a queue, a pipe, a lock,
 * a managed map). Arguments and results are wire values ({@link Codec}).
 */
public interface Service {

    /** Performs one operation for a peer (or for this process, with {@code from == null}). */
    Object handle(String op, Object[] args, Link from) throws Exception;

    /** Whether {@code op} may wait; such operations run on a worker thread that a cancel interrupts. */
    default boolean mayBlock(String op) {
        return false;
    }
}
