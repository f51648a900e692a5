package jconc.kernel.protocol;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The signatures of the messages accepted so far, so that a message sent again (same
 * signature) is refused, as jupyter_client's {@code Session.digest_history} does. Bounded: the
 * oldest signatures are forgotten first (a replay that old needs a message id reused by its
 * client, which clients never do).
 */
final class ReplayGuard {
    static final int DEFAULT_CAPACITY = 1 << 16;

    private final int capacity;
    private final Set<String> seen = new HashSet<>();
    private final ArrayDeque<String> order = new ArrayDeque<>();

    ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /** Records a signature; false when it was seen before (a replay). */
    synchronized boolean firstTime(String signature) {
        if (!seen.add(signature)) {
            return false;
        }
        order.addLast(signature);
        if (order.size() > capacity) {
            seen.remove(order.removeFirst());
        }
        return true;
    }
}
