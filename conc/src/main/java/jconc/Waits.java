package jconc;

/**
 * Internal: a wait that a recording {@link Timeline} shows as a "waiting" bar, as the helpers'
 * acquires and Event's await do once their attempt without waiting has failed.
 */
final class Waits {
    private Waits() {
    }

    /** A wait with no time limit. */
    interface Untimed {
        void await() throws InterruptedException;
    }

    /** A wait of at most {@code nanos}; true if it got what it waited for. */
    interface Timed {
        boolean await(long nanos) throws InterruptedException;
    }

    static void shown(Object on, String name, Untimed wait) throws InterruptedException {
        Timeline.waitBegin(on, name);
        try {
            wait.await();
        } finally {
            Timeline.waitEnd(on);
        }
    }

    static boolean shown(Object on, String name, Timed wait, long nanos) throws InterruptedException {
        Timeline.waitBegin(on, name);
        try {
            return wait.await(nanos);
        } finally {
            Timeline.waitEnd(on);
        }
    }
}
