package jconc.kernel;

import java.util.List;
import jconc.kernel.engine.JShellInterpreter;
import jconc.kernel.protocol.DiscardingOutput;
import jconc.kernel.protocol.Interpreter;

/**
 * {@code --train}: runs typical cells without a frontend, so that the JVM can record the classes
 * a session loads ({@code -XX:ArchiveClassesAtExit}) and later kernels start from that archive.
 */
final class Training {
    private static final List<String> CELLS = List.of(
            "1 + 1",
            "int x = 5;\nString s = \"text\";\nx * 2",
            "void greet(String who) { System.out.println(\"hello \" + who); }\ngreet(\"jconc\");",
            "record Point(int x, int y) { }\nvar p = new Point(1, 2);\np",
            "Thread t = new Thread(() -> System.out.println(Thread.currentThread().getName()));\nt.start();\nt.join();",
            "var list = new ArrayList<Integer>();\nfor (int i = 0; i < 10; i++) list.add(i);\nlist.stream().mapToInt(i -> i).sum()",
            "var lock = new Mutex();\ntry (var held = lock.hold()) { x++; }\nx",
            "int y = undefinedName;",
            "Integer.parseInt(\"not a number\")");

    private Training() {
    }

    static void run(JShellInterpreter interpreter) {
        interpreter.startAsync();
        int count = 1;
        for (String code : CELLS) {
            interpreter.execute(new Interpreter.ExecuteRequest(code, count++, false, true, false, true), new DiscardingOutput());
        }
        interpreter.complete("Math.ma", 7);
        interpreter.inspect("Math.max", 8, 0);
        interpreter.isComplete("void f() {");
    }
}
