package jconc.process;

import java.util.List;

/**
 * Internal: what goes to a child with its work: the work itself, serialized while collecting the
 * things in it that must be told when that child ends (a pipe end held only by a dead child is
 * closed), and, if asked for, a fork-like copy of the notebook's top-level variables.
 *
 * <p>Public because the helper API's {@code ChildProcess} serializes its work and copies the
 * top-level variables with it, and a pipe end being serialized asks it to be told when the
 * receiving child exits.
 */
public final class Transfers {
    private static final ThreadLocal<List<Runnable>> CURRENT = new ThreadLocal<>();

    private Transfers() {
    }

    /** Serializes {@code value}, collecting the actions to run when the receiving child ends. */
    public static byte[] serialize(Object value, List<Runnable> onChildExit) {
        List<Runnable> before = CURRENT.get();
        CURRENT.set(onChildExit);
        try {
            return Codec.serialize(value);
        } finally {
            CURRENT.set(before);
        }
    }

    /**
     * Called while being serialized: run {@code action} when the receiving child ends. Returns
     * false if this serialization has no receiving child (the action is dropped).
     */
    public static boolean whenReceiverExits(Runnable action) {
        List<Runnable> list = CURRENT.get();
        if (list != null) {
            list.add(action);
        }
        return list != null;
    }

    /** A fork-like copy of the notebook's top-level variables. */
    public static byte[] captureGlobals() {
        return Globals.capture();
    }
}
