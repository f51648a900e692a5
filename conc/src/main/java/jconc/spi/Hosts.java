package jconc.spi;

import java.util.Objects;

/**
 * The process-wide {@link Host}. A notebook kernel installs its host once at start;
 * everything else reads it.
 *
 * <pre>{@code
 * Hosts.install(myHost);          // once, by the environment
 * Hosts.current().propagate(r);   // anywhere in the helper API
 * }</pre>
 *
 * <p>Pitfall: install before any helper-API object that caches the host is created.
 */
public final class Hosts {
    private static volatile Host current = Host.PLAIN;

    private Hosts() {
    }

    /** The installed host, or {@link Host#PLAIN}. */
    public static Host current() {
        return current;
    }

    /** Installs the process-wide host. */
    public static void install(Host host) {
        current = Objects.requireNonNull(host, "host");
    }
}
