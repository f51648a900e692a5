package jconc.kernel.protocol;

import java.util.Locale;

/**
 * The kernel's limits, each settable per kernel: the system property {@code -Djconc.NAME=}
 * (in the kernelspec's argv) or the environment variable {@code JCONC_NAME} (its env block),
 * the property first. Sizes take a plain number of bytes or a suffix: {@code 64M}, {@code 2G},
 * {@code 512K} (powers of 1024).
 */
public final class Limits {
    /** The largest request accepted (the sum of a message's frames after the signature). */
    public static final String MAX_REQUEST_BYTES = "max_request_bytes";
    /** How much stream text (stdout and stderr) one cell may send before the rest is dropped. */
    public static final String MAX_OUTPUT_BYTES = "max_output_bytes";

    static final long DEFAULT_MAX_REQUEST_BYTES = 64L << 20;
    static final long DEFAULT_MAX_OUTPUT_BYTES = 64L << 20;

    private final long maxRequestBytes;
    private final long maxOutputBytes;

    public Limits(long maxRequestBytes, long maxOutputBytes) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxOutputBytes = maxOutputBytes;
    }

    /** The limits this JVM was started with. */
    public static Limits fromEnvironment() {
        return new Limits(size(MAX_REQUEST_BYTES, DEFAULT_MAX_REQUEST_BYTES),
                size(MAX_OUTPUT_BYTES, DEFAULT_MAX_OUTPUT_BYTES));
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    public long maxOutputBytes() {
        return maxOutputBytes;
    }

    /** A size setting: {@code -Djconc.NAME}, else {@code JCONC_NAME}, else the default. */
    public static long size(String name, long defaultValue) {
        String text = setting(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return parseSize(text);
        } catch (IllegalArgumentException e) {
            Log.warn("ignored jconc." + name + "=" + text + " (" + e.getMessage() + "); using " + defaultValue, null);
            return defaultValue;
        }
    }

    /** The raw text of a setting, or null when it is not set. */
    public static String setting(String name) {
        String value = System.getProperty("jconc." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("JCONC_" + name.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    static long parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long unit = 1;
        if (!t.isEmpty() && "KMG".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMG".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1).strip();
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: use bytes, or a number with K, M or G");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("a size must be positive");
        }
        return Math.multiplyExact(n, unit);
    }

    /** A size for people, in powers of 1024: "64 MB", "70.5 MB", "512 KB", "100 bytes". */
    public static String describe(long bytes) {
        if (bytes >= 1L << 20) {
            return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB"
                    : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }
}
