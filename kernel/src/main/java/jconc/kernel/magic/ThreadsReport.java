package jconc.kernel.magic;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jconc.kernel.display.Displays;
import jconc.kernel.engine.Cells;
import jconc.kernel.engine.Magic;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;
import jconc.spi.Rich;

/**
 * {@code %threads}: the live threads the notebook's cells started (the kernel's own are not
 * shown), with state, the cell that started each, the lock each holds or waits for, and any
 * deadlock as a cycle.
 */
final class ThreadsReport {
    private ThreadsReport() {
    }

    record Row(String name, String state, boolean daemon, String cell, String waitsFor, String holds) {
    }

    static Outcome show(Magic.Call call) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Thread> user = userThreads();
        Map<Long, String> names = new HashMap<>();
        user.forEach((id, t) -> names.put(id, t.getName()));
        List<Row> rows = new ArrayList<>();
        long[] ids = user.keySet().stream().mapToLong(Long::longValue).toArray();
        ThreadInfo[] infos = ids.length == 0 ? new ThreadInfo[0] : mx.getThreadInfo(ids, true, true);
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            Thread t = user.get(info.getThreadId());
            rows.add(new Row(info.getThreadName(), info.getThreadState().toString(), t.isDaemon(),
                    cellOf(t), waitsFor(info), holds(info)));
        }
        List<String> cycles = deadlocks(mx, names);
        cycles.addAll(selfDeadlocks(infos));
        String text = text(rows, cycles);
        Rich table = () -> Map.of("text/plain", text, "text/html", html(rows, cycles));
        Displays.show(call.cell().output(), table);
        return new Ok();
    }

    private static Map<Long, Thread> userThreads() {
        ThreadGroup group = Cells.userThreads();
        Thread[] all = new Thread[group.activeCount() + 32];
        int n = group.enumerate(all, true);
        Map<Long, Thread> found = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (all[i].isAlive()) {
                found.put(id(all[i]), all[i]);
            }
        }
        return found;
    }

    @SuppressWarnings("deprecation")
    private static long id(Thread t) {
        return t.getId();
    }

    private static String cellOf(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        String name = g == null ? "" : g.getName();
        return name.startsWith("cell-") ? "In[" + name.substring(5) + "]" : "";
    }

    private static String waitsFor(ThreadInfo info) {
        LockInfo lock = info.getLockInfo();
        if (lock == null) {
            return "";
        }
        String owner = info.getLockOwnerName();
        return shortLock(lock) + (owner == null ? "" : " held by '" + owner + "'");
    }

    private static String holds(ThreadInfo info) {
        List<String> held = new ArrayList<>();
        for (MonitorInfo m : info.getLockedMonitors()) {
            held.add(shortLock(m));
        }
        for (LockInfo l : info.getLockedSynchronizers()) {
            held.add(shortLock(l));
        }
        return String.join(", ", held);
    }

    private static String shortLock(LockInfo lock) {
        String cls = lock.getClassName();
        int dollar = cls.lastIndexOf("$Sync");
        if (dollar > 0) {
            cls = cls.substring(0, dollar);
        }
        cls = cls.substring(cls.lastIndexOf('.') + 1);
        if (cls.contains("$JShell$")) {
            cls = cls.substring(cls.indexOf('$', cls.indexOf("$JShell$") + 8) + 1);
        }
        return cls + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

    /** Each deadlock as "A waits for B's lock X, B waits for A's lock Y". */
    private static List<String> deadlocks(ThreadMXBean mx, Map<Long, String> userNames) {
        long[] ids = mx.findDeadlockedThreads();
        List<String> cycles = new ArrayList<>();
        if (ids == null) {
            return cycles;
        }
        ThreadInfo[] infos = mx.getThreadInfo(ids, true, true);
        return cycles(infos, userNames, cycles);
    }

    /**
     * A thread waiting for a lock it holds itself (a non-reentrant Mutex taken twice) is a
     * deadlock of one that ThreadMXBean does not report: found from the owner ids.
     */
    private static List<String> selfDeadlocks(ThreadInfo[] infos) {
        List<String> found = new ArrayList<>();
        for (ThreadInfo i : infos) {
            if (i != null && i.getLockInfo() != null && i.getLockOwnerId() == i.getThreadId()) {
                found.add("'" + i.getThreadName() + "' waits for " + shortLock(i.getLockInfo())
                        + ", which it holds itself (the lock is not reentrant)");
            }
        }
        return found;
    }

    private static List<String> cycles(ThreadInfo[] infos, Map<Long, String> userNames, List<String> cycles) {
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo i : infos) {
            if (i != null) {
                byId.put(i.getThreadId(), i);
            }
        }
        java.util.Set<Long> done = new java.util.HashSet<>();
        for (ThreadInfo start : infos) {
            if (start == null || done.contains(start.getThreadId()) || !userNames.containsKey(start.getThreadId())) {
                continue;
            }
            List<String> steps = new ArrayList<>();
            ThreadInfo at = start;
            while (at != null && done.add(at.getThreadId())) {
                steps.add("'" + at.getThreadName() + "' waits for " + shortLock(at.getLockInfo())
                        + " held by '" + at.getLockOwnerName() + "'");
                at = byId.get(at.getLockOwnerId());
            }
            cycles.add(String.join(", ", steps));
        }
        return cycles;
    }

    private static String text(List<Row> rows, List<String> cycles) {
        if (rows.isEmpty()) {
            return "No live threads started by the notebook.";
        }
        String[] head = {"thread", "state", "daemon", "started by", "waits for", "holds"};
        List<String[]> table = new ArrayList<>();
        table.add(head);
        for (Row r : rows) {
            table.add(new String[] {r.name(), r.state(), r.daemon() ? "yes" : "no", r.cell(), r.waitsFor(), r.holds()});
        }
        int[] width = new int[head.length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                out.append(String.format("%-" + (width[i] + 2) + "s", row[i]));
            }
            out.setLength(out.length() - 2);
            out.append('\n');
        }
        for (String c : cycles) {
            out.append("DEADLOCK: ").append(c).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String html(List<Row> rows, List<String> cycles) {
        StringBuilder h = new StringBuilder("<table><thead><tr><th>thread</th><th>state</th><th>daemon</th>"
                + "<th>started by</th><th>waits for</th><th>holds</th></tr></thead><tbody>");
        for (Row r : rows) {
            h.append("<tr><td>").append(esc(r.name())).append("</td><td>").append(r.state()).append("</td><td>")
             .append(r.daemon() ? "yes" : "no").append("</td><td>").append(esc(r.cell())).append("</td><td>")
             .append(code(r.waitsFor())).append("</td><td>").append(code(r.holds())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        for (String c : cycles) {
            h.append("<p style=\"color:#b00020\"><b>Deadlock:</b> ").append(code(c)).append("</p>");
        }
        if (rows.isEmpty()) {
            return "<p>No live threads started by the notebook.</p>";
        }
        return h.toString();
    }

    /**
     * Lock and class names as code: frontends typeset text between two {@code $} signs as LaTeX
     * in HTML output ({@code ReentrantLock$NonfairSync}), but never inside {@code <code>}.
     */
    private static String code(String s) {
        return s.isEmpty() ? "" : "<code>" + esc(s) + "</code>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
