package jconc.kernel;

import java.util.List;
import jconc.kernel.engine.JShellInterpreter;
import jconc.kernel.protocol.ConnectionInfo;
import jconc.kernel.protocol.DiscardingOutput;
import jconc.kernel.protocol.Json;
import jconc.kernel.protocol.KernelServer;
import jconc.kernel.protocol.Interpreter;
import jconc.kernel.protocol.Message;
import jconc.kernel.protocol.Signer;
import jconc.kernel.protocol.WireCodec;

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
            "Integer.parseInt(\"not a number\")",
            "interface Shape { double area(); }\nclass Square implements Shape { public double area() { return 4; } }\n"
                    + "List<Shape> shapes = List.of(new Square());\nshapes.get(0).area()",
            "ExecutorService pool = Executors.newFixedThreadPool(2);\n"
                    + "Future<Integer> f = pool.submit(() -> 6 * 7);\nSystem.out.println(f.get());\npool.shutdown();",
            "var counter = new java.util.concurrent.atomic.AtomicInteger();\n"
                    + "CompletableFuture.supplyAsync(counter::incrementAndGet).thenApply(n -> n + 1).join()",
            "Map<String, List<Integer>> m = new HashMap<>();\n"
                    + "synchronized (m) { m.computeIfAbsent(\"a\", k -> new ArrayList<>()).add(1); }\nm",
            "%time Thread.sleep(1);");

    private Training() {
    }

    /**
     * Serves a kernel on free loopback ports and sends it a kernel_info_request, an
     * execute_request and an is_complete_request over ZeroMQ, so the protocol's classes (JSON,
     * signing, sockets) are recorded too. The server's threads end with the training JVM.
     */
    private static void talkToItself(JShellInterpreter interpreter) throws Exception {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("jconc-train", ".json");
        java.nio.file.Files.writeString(file, String.format(
                "{\"transport\":\"tcp\",\"ip\":\"127.0.0.1\",\"shell_port\":%d,\"control_port\":%d,"
                        + "\"iopub_port\":%d,\"stdin_port\":%d,\"hb_port\":%d,\"key\":\"train\","
                        + "\"signature_scheme\":\"hmac-sha256\"}", ports[0], ports[1], ports[2], ports[3], ports[4]));
        ConnectionInfo info = ConnectionInfo.read(file);
        java.nio.file.Files.delete(file);
        KernelServer server = new KernelServer(info, interpreter);
        Thread serving = new Thread(() -> {
            try {
                server.serve(() -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jconc-train-server");
        serving.setDaemon(true);
        serving.start();
        WireCodec codec = new WireCodec(new Signer("train", "hmac-sha256"));
        try (org.zeromq.ZContext context = new org.zeromq.ZContext()) {
            org.zeromq.ZMQ.Socket shell = context.createSocket(org.zeromq.SocketType.DEALER);
            shell.setReceiveTimeOut(60_000);
            shell.connect(info.address(info.shellPort()));
            for (String type : List.of("kernel_info_request", "execute_request", "is_complete_request")) {
                var content = Json.object();
                content.put("code", "1 + 1");
                List<byte[]> frames = codec.encode(Message.create(null, type, content, "train"));
                for (int i = 0; i < frames.size(); i++) {
                    shell.send(frames.get(i), i < frames.size() - 1 ? org.zeromq.ZMQ.SNDMORE : 0);
                }
                do {
                    shell.recv(0);
                } while (shell.hasReceiveMore());
            }
        }
    }

    static void run(JShellInterpreter interpreter) throws Exception {
        talkToItself(interpreter);
        int count = 1;
        for (String code : CELLS) {
            interpreter.execute(new Interpreter.ExecuteRequest(code, count++, false, true, false, true), new DiscardingOutput());
        }
        interpreter.complete("Math.ma", 7);
        interpreter.inspect("Math.max", 8, 0);
        interpreter.isComplete("void f() {");
    }
}
