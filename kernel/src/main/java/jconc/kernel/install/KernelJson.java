package jconc.kernel.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernelspec's {@code kernel.json}: how Jupyter starts the kernel. Its {@code argv} is a JSON
 * array of whole arguments, so paths with spaces or Windows backslashes need no shell quoting:
 * Jupyter passes each element as one argument.
 */
final class KernelJson {
    /**
     * The kernel's JVM: a heap of at most 512 MiB (the course's notebooks run in 128 MiB; without
     * a limit the JVM takes a quarter of the machine, which a shared classroom server cannot give
     * every student; change it in the installed kernel.json), a small young generation and a heap
     * that gives memory back keep a long session near 170 MiB; the serial collector starts fastest.
     * Only the JIT's first tier (C1): most of a kernel's CPU is javac compiling cells, code that
     * C2 would spend more time optimising than the optimised code would save in a session; C1-only
     * cuts a Run All's CPU by over a third (the README's benchmarks), while a student's hot loop is still
     * compiled to native code within milliseconds.
     */
    static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:MaxNewSize=24m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true");

    private KernelJson() {
    }

    static String displayName(String name) {
        return name.equals(CommandLine.DEFAULT_NAME) ? "Java (jconc)" : "Java (jconc, " + name + ")";
    }

    /** The command line of the kernel: java, the flags, the start-up archive's when there is one, the jar. */
    static List<String> argv(String java, String jar, Optional<String> archiveFlag) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(JVM_FLAGS);
        archiveFlag.ifPresent(argv::add);
        argv.addAll(List.of("-jar", jar, "{connection_file}"));
        return argv;
    }

    static String render(String name, List<String> argv) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", displayName(name));
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of());
        spec.put("metadata", Map.of("debugger", false));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kernel.json of plain strings cannot fail to render", e);
        }
    }
}
