package jconc.kernel;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import jconc.kernel.protocol.Log;

/**
 * Ends the kernel when the process that started it is gone, as ipykernel does ("Parent appears
 * to have exited, shutting down"). A Jupyter server that is killed, or stopped without shutting
 * its kernels down (jupyter_server 1.x when JupyterHub stops a student's server), would otherwise
 * leave the kernel, and every child JVM it started, running under init for ever.
 *
 * <p>The parent is {@code JPY_PARENT_PID} when Jupyter passes it (jupyter_client does), else the
 * process that started this JVM. Either is polled once a second: the kernel ends when that
 * process has exited, or when this JVM was handed to another parent (re-parented to init or a
 * subreaper). A parent that is init itself (pid 1) is never watched: it does not go away.
 */
final class ParentWatch {
    static final String PARENT_PID_VARIABLE = "JPY_PARENT_PID";
    private static final long POLL_MS = 1000;

    private final ProcessHandle parent;
    private final Optional<Instant> parentStart;
    private final long originalParentPid;

    private ParentWatch(ProcessHandle parent, long originalParentPid) {
        this.parent = parent;
        this.parentStart = parent.info().startInstant();
        this.originalParentPid = originalParentPid;
    }

    /**
     * The watch for this JVM, or empty when there is no parent worth watching (none known, or
     * init).
     */
    static Optional<ParentWatch> forThisProcess(Map<String, String> environment) {
        long ownParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        OptionalLong named = parsePid(environment.get(PARENT_PID_VARIABLE));
        long watched = named.isPresent() ? named.getAsLong() : ownParent;
        if (watched <= 1) {
            return Optional.empty();
        }
        return ProcessHandle.of(watched).map(handle -> new ParentWatch(handle, ownParent));
    }

    static OptionalLong parsePid(String text) {
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(text.trim());
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether the watched parent is gone (exited, its pid reused, or this JVM re-parented). */
    boolean parentGone() {
        if (!parent.isAlive()) {
            return true;
        }
        Optional<Instant> now = ProcessHandle.of(parent.pid()).flatMap(p -> p.info().startInstant());
        if (parentStart.isPresent() && now.isPresent() && !parentStart.equals(now)) {
            return true;
        }
        long currentParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        return originalParentPid > 1 && currentParent != originalParentPid;
    }

    /** Starts a daemon thread that runs {@code onGone} once, when the parent is gone. */
    void start(Runnable onGone) {
        Thread watcher = new Thread(() -> {
            try {
                while (!parentGone()) {
                    Thread.sleep(POLL_MS);
                }
            } catch (InterruptedException e) {
                return;
            }
            Log.info("the process that started this kernel (pid " + parent.pid() + ") is gone: shutting down");
            onGone.run();
        }, "jconc-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
