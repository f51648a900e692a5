package jconc.process;

/**
 * Internal: an object other processes reach through the {@link Hub} (a queue, a pipe, a lock,
 * a managed map). Arguments and results are wire values ({@link Codec}).
 */
interface Service {
    /** What {@link #handle} returns when it will reply later, through {@link Link#deferCurrent()}. */
    Object LATER = new Object();

    /** Performs one operation for a peer (or for this process, with {@code from == null}). */
    Object handle(String op, Object[] args, Link from) throws Exception;

    /**
     * The operation {@code op} names among a service's operations {@code type} (on the wire an
     * operation is its constant's name).
     *
     * @throws IllegalArgumentException if it names none of them
     */
    static <O extends Enum<O>> O op(Class<O> type, String op) {
        try {
            return Enum.valueOf(type, op);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown operation " + op + " (" + type.getSimpleName() + ")");
        }
    }

    /** Whether {@code op} may wait; such operations run on a worker thread that a cancel interrupts. */
    default boolean mayBlock(String op) {
        return false;
    }
}
