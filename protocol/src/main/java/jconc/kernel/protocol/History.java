package jconc.kernel.protocol;

import java.util.ArrayList;
import java.util.List;

/** The inputs executed in this kernel session, for history_request. */
final class History {
    record Entry(int session, int line, String input) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input) {
        entries.add(new Entry(1, line, input));
    }

    /** The last {@code n} entries ("tail"), or all when n is not positive. */
    synchronized List<Entry> tail(int n) {
        int from = n <= 0 ? 0 : Math.max(0, entries.size() - n);
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /** Entries whose input matches a glob pattern ("search"), newest last. */
    synchronized List<Entry> search(String pattern, int n, boolean unique) {
        String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (e.input().matches("(?s)" + regex)
                    && !(unique && found.stream().anyMatch(f -> f.input().equals(e.input())))) {
                found.add(e);
            }
        }
        return n > 0 && found.size() > n ? found.subList(found.size() - n, found.size()) : found;
    }

    /** Entries of one session between two lines ("range"). */
    synchronized List<Entry> range(int start, int stop) {
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (e.line() >= start && (stop <= 0 || e.line() < stop)) {
                found.add(e);
            }
        }
        return found;
    }
}
