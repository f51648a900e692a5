package jconc.kernel.protocol;

import java.util.List;
import java.util.Map;

/**
 * A language behind the Jupyter protocol: one method per request, nothing about sockets,
 * signing or message shapes. The protocol layer calls these on its own threads: execute,
 * complete, inspect and isComplete on the shell thread, one at a time; interrupt and
 * shutdown on the control thread, possibly while execute runs.
 */
public interface Interpreter {

    /** The kernel_info language_info, banner and help links. */
    LanguageInfo languageInfo();

    /** Runs code; talks back through {@code output}; blocks until the code has returned. */
    Outcome execute(ExecuteRequest request, CellOutput output);

    Completion complete(String code, int cursor);

    Inspection inspect(String code, int cursor, int detailLevel);

    IsComplete isComplete(String code);

    /** Stops what is running now. Must return quickly. */
    void interrupt();

    /** Releases everything before the process ends. */
    void shutdown(boolean restart);

    record LanguageInfo(String name, String version, String mimetype, String fileExtension,
                        String pygmentsLexer, String codemirrorMode, String implementation,
                        String implementationVersion, String banner, Map<String, String> helpLinks) {
    }

    record ExecuteRequest(String code, int executionCount, boolean silent, boolean storeHistory,
                          boolean allowStdin, boolean stopOnError) {
    }

    /** How an execution ended. */
    sealed interface Outcome permits Ok, Failed {
    }

    /** Success; {@code payload} holds execute_reply payloads such as a pager page. */
    record Ok(List<Map<String, Object>> payload) implements Outcome {
        public Ok() {
            this(List.of());
        }
    }

    /** An error: exception name, value and the traceback lines shown to the user. */
    record Failed(String ename, String evalue, List<String> traceback) implements Outcome {
    }

    record Completion(List<String> matches, int cursorStart, int cursorEnd, List<Map<String, Object>> types) {
    }

    record Inspection(boolean found, Map<String, String> data) {
        public static final Inspection NOT_FOUND = new Inspection(false, Map.of());
    }

    /** Status is complete, incomplete, invalid or unknown; indent matters for incomplete. */
    record IsComplete(String status, String indent) {
    }
}
