package jconc;

import java.util.List;
import java.util.Locale;

/** Draws a {@link Timeline} as a self-contained SVG Gantt chart: no scripts, no web fonts. */
final class TimelineSvg {

    /** One thread's row: its name and its bars. */
    record Row(String name, List<Timeline.Interval> bars) { }

    private static final int WIDTH = 860;
    private static final int LEFT = 150;
    private static final int RIGHT = 24;
    private static final int TOP = 58;
    private static final String RUNNING = "#43a047";
    private static final String IDLE = "#b0bec5";
    private static final String WAITING = "#fb8c00";
    private static final String HOLDING = "#1e63c8";
    private static final String SPAN = "#8e24aa";
    private static final String MARK = "#d50000";

    private final String title;
    private final double seconds;
    private final boolean recording;
    private final List<Row> rows;
    private final int rowHeight;
    private final StringBuilder out = new StringBuilder(8192);

    TimelineSvg(String title, double seconds, boolean recording, List<Row> rows) {
        this.title = title;
        this.seconds = Math.max(seconds, 1e-3);
        this.recording = recording;
        this.rows = rows;
        this.rowHeight = rows.size() <= 16 ? 22 : rows.size() <= 40 ? 14 : 9;
    }

    String render() {
        int plotBottom = TOP + rows.size() * rowHeight;
        int height = plotBottom + 34;
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, height, WIDTH, height));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
        out.append(String.format(Locale.ROOT,
                "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"#212121\">%s</text>%n",
                escape(title + (recording ? "  (recording…)" : ""))));
        legend();
        for (int i = 0; i < rows.size(); i++) {
            row(i, rows.get(i));
        }
        axis(plotBottom);
        out.append("</svg>\n");
        return out.toString();
    }

    private void legend() {
        String[][] items = {
            {RUNNING, "running"}, {IDLE, "alive, not running (sleep, join, ...)"},
            {WAITING, "waiting for a lock/semaphore/event"}, {HOLDING, "holding a lock/permit"},
        };
        int x = 8;
        for (String[] item : items) {
            out.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"39\" fill=\"#424242\">%s</text>%n",
                    x, item[0], x + 16, escape(item[1])));
            x += 24 + item[1].length() * 6;
        }
        out.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"10\" fill=\"none\" stroke=\"%s\"/>"
                        + "<text x=\"%d\" y=\"39\" fill=\"#424242\">span</text>%n", x, SPAN, x + 16));
        x += 50;
        out.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"29\" width=\"2\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"39\" fill=\"#424242\">mark</text>%n", x + 5, MARK, x + 16));
    }

    private void row(int index, Row row) {
        int y = TOP + index * rowHeight;
        if (index % 2 == 1) {
            out.append(String.format(Locale.ROOT,
                    "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f5f5f5\"/>%n", y, WIDTH, rowHeight));
        }
        int fontSize = Math.min(11, rowHeight - 2);
        out.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"end\" fill=\"#212121\">%s</text>%n",
                LEFT - 6, y + rowHeight / 2 + fontSize / 2 - 1, fontSize, escape(shorten(row.name()))));
        int barTop = y + 2;
        int barHeight = rowHeight - 4;
        for (Timeline.Interval bar : row.bars()) {
            double x1 = x(bar.start());
            double w = Math.max(1.0, x(bar.end()) - x1);
            switch (bar.state()) {
                case RUNNING -> rect(x1, barTop, w, barHeight, RUNNING, null, bar);
                case IDLE -> rect(x1, barTop, w, barHeight, IDLE, null, bar);
                case WAITING -> rect(x1, barTop, w, barHeight, WAITING, null, bar);
                case HOLDING -> rect(x1, barTop + barHeight * 0.55, w, barHeight * 0.45, HOLDING, null, bar);
                case SPAN -> {
                    rect(x1, barTop, w, barHeight, "none", SPAN, bar);
                    if (w > 30 && rowHeight >= 14) {
                        out.append(String.format(Locale.ROOT,
                                "<text x=\"%.1f\" y=\"%d\" font-size=\"%d\" fill=\"%s\">%s</text>%n",
                                x1 + 3, barTop + barHeight - 3, Math.min(10, barHeight - 2), SPAN,
                                escape(bar.label())));
                    }
                }
                case MARK -> {
                    rect(x1 - 1, y, 2, rowHeight, MARK, null, bar);
                }
            }
        }
    }

    private void rect(double x, double y, double w, double h, String fill, String stroke, Timeline.Interval bar) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"",
                x, y, w, h, fill));
        if (stroke != null) {
            out.append(" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\"");
        }
        out.append("><title>").append(escape(tooltip(bar))).append("</title></rect>\n");
    }

    private static String tooltip(Timeline.Interval bar) {
        String what = bar.state().name().toLowerCase(Locale.ROOT) + (bar.label() == null ? "" : " " + bar.label());
        if (bar.state() == Timeline.State.MARK) {
            return String.format(Locale.ROOT, "%s: %s at %.3f s", bar.thread(), what, bar.start());
        }
        return String.format(Locale.ROOT, "%s: %s %.3f-%.3f s", bar.thread(), what, bar.start(), bar.end());
    }

    private void axis(int plotBottom) {
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#616161\"/>%n",
                LEFT, plotBottom + 2, WIDTH - RIGHT, plotBottom + 2));
        double step = niceStep(seconds / 8);
        boolean millis = seconds < 2;
        for (int i = 0; i * step <= seconds + 1e-9; i++) {
            double t = i * step;
            double x = x(t);
            String label = millis ? String.format(Locale.ROOT, "%.0f ms", t * 1000)
                    : String.format(Locale.ROOT, step < 1 ? "%.1f s" : "%.0f s", t);
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#616161\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\" stroke-dasharray=\"2,3\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#424242\">%s</text>%n",
                    x, plotBottom + 2, x, plotBottom + 7, x, TOP, x, plotBottom, x, plotBottom + 20, label));
        }
    }

    private double x(double t) {
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.min(Math.max(t / seconds, 0), 1);
    }

    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static String shorten(String name) {
        return name.length() <= 24 ? name : name.substring(0, 23) + "…";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
