package jconc.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Runs a workload a few times to warm the JIT, then several measured rounds, and keeps the
 * median. Collects named results and prints them as one JSON object, the form the Python
 * drivers in bench/ read.
 */
final class Measure {
    private final int warmups;
    private final int rounds;
    private final Map<String, Object> results = new LinkedHashMap<>();

    Measure(int warmups, int rounds) {
        this.warmups = warmups;
        this.rounds = rounds;
    }

    /** Warms up, measures {@code rounds} times, records and returns the median. */
    double median(String name, DoubleSupplier round) {
        for (int i = 0; i < warmups; i++) {
            round.getAsDouble();
        }
        double[] values = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            values[i] = round.getAsDouble();
        }
        double median = median(values);
        results.put(name, median);
        System.err.printf(Locale.ROOT, "  %-34s %14.3f%n", name, median);
        return median;
    }

    /** A Measure with other warm-up and round counts that adds to the same results. */
    Measure continued(int warmups, int rounds) {
        Measure next = new Measure(warmups, rounds);
        next.results.putAll(results);
        return next;
    }

    void note(String name, String value) {
        results.put(name, value);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{");
        results.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(name).append("\": ");
            if (value instanceof Double d) {
                json.append(String.format(Locale.ROOT, "%.6g", d));
            } else {
                json.append('"').append(value.toString().replace("\"", "'")).append('"');
            }
        });
        return json.append('}').toString();
    }

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
