package jconc.kernel.protocol;

import java.util.concurrent.CompletionStage;

/**
 * The kernel's busy and idle on iopub. A request is busy while it is served and idle after;
 * an execute request's idle waits until the work its cell started has ended, which may happen
 * while a later cell runs: that cell's busy is then sent again, so the frontend still shows the
 * kernel busy. One lock orders every busy against such a late idle, so that a cell's busy is
 * never sent twice in a row.
 */
final class Statuses {
    private final IopubPublisher iopub;
    private final Object lock = new Object();
    /** The execute request whose code runs now, or null. */
    private Message running;

    Statuses(IopubPublisher iopub) {
        this.iopub = iopub;
    }

    void busy(Message request) {
        synchronized (lock) {
            iopub.status(request, "busy");
        }
    }

    /** Busy, for an execute request whose code starts to run now. */
    void running(Message execute) {
        synchronized (lock) {
            iopub.status(execute, "busy");
            running = execute;
        }
    }

    /** The code of the running execute request has returned (its cell may not have settled). */
    void returned() {
        synchronized (lock) {
            running = null;
        }
    }

    void idle(Message request) {
        iopub.status(request, "idle");
    }

    /** Sends {@code execute}'s idle once {@code settled} completes (see the class comment). */
    void idleWhen(Message execute, CompletionStage<?> settled) {
        settled.whenComplete((v, e) -> {
            synchronized (lock) {
                iopub.status(execute, "idle");
                Message now = running;
                if (now != null && now != execute) {
                    iopub.status(now, "busy");
                }
            }
        });
    }
}
