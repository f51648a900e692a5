package jconc.process;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Internal: the limits that keep one process's children from taking a shared machine: the heap
 * of each child JVM and how many child JVMs may live at once.
 *
 * <ul>
 * <li>Heap of a child: {@value #DEFAULT_HEAP} unless the system property
 * {@code jconc.process.heap} or the environment variable {@code JCONC_CHILD_HEAP} says otherwise
 * (a size as {@code -Xmx} takes it: {@code 512m}, {@code 1g}). The course's children need
 * less than 16 MiB each; a child that runs out ends with an {@code OutOfMemoryError} and exit
 * code 3, and its parent lives on.</li>
 * <li>Live children: at most {@value #DEFAULT_MAX_CHILDREN}, or twice the processors when that is more (a
 * {@code Pool} of one worker per processor always fits), unless {@code jconc.process.maxChildren}
 * or {@code JCONC_MAX_CHILDREN} says otherwise; one more start fails at once with an
 * {@link IllegalStateException} that names the limit. The warm standby child is not counted.</li>
 * </ul>
 * Both pass to the children in their environment, so a child that starts children of its own
 * keeps to the same limits.
 */
final class ChildLimits {
    /** The heap of a child JVM when nothing else is set. */
    public static final String DEFAULT_HEAP = "256m";
    /** Live child JVMs per process when nothing else is set, on a machine of up to 16 cores (else twice the cores). */
    public static final int DEFAULT_MAX_CHILDREN = 32;
    static final String HEAP_ENV = "JCONC_CHILD_HEAP";
    static final String MAX_CHILDREN_ENV = "JCONC_MAX_CHILDREN";
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    private final String heap;
    private final int maxChildren;

    private ChildLimits(String heap, int maxChildren) {
        this.heap = heap;
        this.maxChildren = maxChildren;
    }

    /** The limits of this process: system properties first, then the environment, then the defaults. */
    public static ChildLimits current() {
        return from(System::getProperty, System.getenv());
    }

    /**
     * The limits from these settings.
     *
     * @throws IllegalStateException naming the setting, if one is not a valid size or count
     */
    static ChildLimits from(Function<String, String> properties, Map<String, String> env) {
        String heap = setting(properties.apply("jconc.process.heap"), "jconc.process.heap", env, HEAP_ENV);
        String max = setting(properties.apply("jconc.process.maxChildren"), "jconc.process.maxChildren", env, MAX_CHILDREN_ENV);
        if (heap != null && !SIZE.matcher(heap).matches()) {
            throw new IllegalStateException(source(properties, "jconc.process.heap", HEAP_ENV) + "=" + heap
                    + " is not a heap size (write it as -Xmx takes it: 256m, 1g)");
        }
        int maxChildren = Math.max(DEFAULT_MAX_CHILDREN, 2 * Runtime.getRuntime().availableProcessors());
        if (max != null) {
            try {
                maxChildren = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                maxChildren = -1;
            }
            if (maxChildren < 1) {
                throw new IllegalStateException(source(properties, "jconc.process.maxChildren", MAX_CHILDREN_ENV) + "=" + max
                        + " is not a number of child processes (1 or more)");
            }
        }
        return new ChildLimits(heap == null ? DEFAULT_HEAP : heap, maxChildren);
    }

    private static String setting(String property, String propertyName, Map<String, String> env, String envName) {
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        String v = env.get(envName);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String source(Function<String, String> properties, String property, String envName) {
        String p = properties.apply(property);
        return p != null && !p.isBlank() ? property : envName;
    }

    /** The heap size of a child, as {@code -Xmx} takes it. */
    public String heap() {
        return heap;
    }

    /** The JVM option that sets a child's heap. */
    String heapOption() {
        return "-Xmx" + heap;
    }

    public int maxChildren() {
        return maxChildren;
    }

    /**
     * Checks that one more child may start while {@code live} run.
     *
     * @throws IllegalStateException if {@code live} has reached the limit
     */
    void checkRoom(int live) {
        if (live >= maxChildren) {
            throw new IllegalStateException("this process already runs " + live + " child JVMs (the limit, "
                    + MAX_CHILDREN_ENV + "=" + maxChildren + "): join or terminate some before starting more");
        }
    }

    /** Passes these limits on to a child, so that its own children keep to them. */
    void passTo(Map<String, String> childEnv) {
        childEnv.put(HEAP_ENV, heap);
        childEnv.put(MAX_CHILDREN_ENV, Integer.toString(maxChildren));
    }
}
