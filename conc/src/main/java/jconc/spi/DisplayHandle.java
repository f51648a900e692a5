package jconc.spi;

/**
 * A shown piece of rich content that can be replaced in place, for pictures that update
 * while a computation runs.
 *
 * <pre>{@code
 * DisplayHandle h = Hosts.current().display(timeline);
 * h.update(timeline);   // redraws the same output, wherever it is
 * }</pre>
 *
 * <p>Pitfall: updates are sent as they come; throttle them (a few per second is plenty).
 */
@FunctionalInterface
public interface DisplayHandle {

    /** A handle whose updates go nowhere. */
    DisplayHandle NONE = content -> { };

    /** Replaces the shown content. */
    void update(Rich content);
}
