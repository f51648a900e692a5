package jconc.kernel.protocol;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Everything an execution may send to the frontend, from any thread, during the execution
 * and after it has returned. The protocol layer turns calls into iopub and stdin messages
 * whose parent is the execute request.
 */
public interface CellOutput {

    /** Text on the "stdout" or "stderr" stream. */
    void stream(String name, String text);

    /** display_data, or update_display_data when {@code update} (needs a display id). */
    void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update);

    /** The execute_result of the cell. */
    void result(Map<String, Object> data);

    void clearOutput(boolean wait);

    /** Whether the frontend said it can answer {@link #input}. */
    boolean stdinAllowed();

    /** Asks the frontend for a line (input_request); blocks until answered; interruptible. */
    String input(String prompt, boolean password) throws InterruptedException;

    /**
     * Delays this request's {@code idle} status until {@code settled} completes: work started
     * by the execution (threads) still writes into it, and frontends route output by request
     * until they see idle.
     */
    void idleWhen(CompletionStage<?> settled);
}
