package jconc.spi;

import java.util.Map;

/**
 * Content that can show itself in more than one form: a MIME type to text map, such as
 * {@code "image/svg+xml"} to an SVG document, always with a {@code "text/plain"} fallback.
 * Binary forms (for example {@code "image/png"}) are base64 text.
 *
 * <pre>{@code
 * Rich chart = () -> Map.of("text/plain", "3 threads", "image/svg+xml", svg);
 * Hosts.current().display(chart);
 * }</pre>
 *
 * <p>Pitfall: the map is read when shown; build a new one each call if the content changes.
 */
@FunctionalInterface
public interface Rich {

    /** The forms of this content, by MIME type. */
    Map<String, String> mimeBundle();

    /** The plain-text form. */
    default String plainText() {
        return mimeBundle().getOrDefault("text/plain", String.valueOf(this));
    }
}
