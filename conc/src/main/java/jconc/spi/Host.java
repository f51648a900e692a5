package jconc.spi;

/**
 * What the environment running jconc code provides to the helper API: a notebook kernel
 * installs one; a plain Java program gets {@link #PLAIN}, which needs nothing.
 *
 * <p>The helper API calls the host at three points and knows nothing else about it:
 * when it hands work to another thread (so that the work's output lands where the caller's
 * would), when it shows a picture, and when it ships code to a child JVM.
 *
 * <pre>{@code
 * Host host = Hosts.current();
 * executor.execute(host.propagate(() -> System.out.println("lands in the caller's cell")));
 * }</pre>
 *
 * <p>Pitfall: {@link #propagate} captures the context of the thread that CALLS it, so call it
 * on the submitting thread, never inside the task.
 */
public interface Host {

    /** A host that adds nothing: the behaviour of a plain Java program. */
    Host PLAIN = new Host() { };

    /**
     * Wraps {@code task} so that it runs in the context of the calling thread (in a notebook,
     * its output goes to the caller's cell), on whatever thread it eventually runs.
     */
    default Runnable propagate(Runnable task) {
        return task;
    }

    /**
     * An opaque token for whoever is running now (in a notebook: the cell), used to tag
     * resources such as child processes so that {@link Resources#closeOwnedBy} can end them.
     * {@code null} when there is no such notion.
     */
    default Object owner() {
        return null;
    }

    /** Shows rich content and returns a handle to replace it later. Plain: prints its text. */
    default DisplayHandle display(Rich content) {
        System.out.println(content.plainText());
        return DisplayHandle.NONE;
    }

    /**
     * The thread group that holds the user's threads: what "active threads" means to a
     * learner. Plain: the group of the calling thread's top-level non-system ancestor
     * (the {@code main} group in a program). In a notebook: the group above all cells' threads,
     * so the kernel's own threads are not counted.
     */
    default ThreadGroup userThreads() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null && group.getParent().getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    /** Classes that exist only in this JVM's memory (JShell snippets), to ship to child JVMs. */
    default DynamicClasses dynamicClasses() {
        return DynamicClasses.NONE;
    }
}
