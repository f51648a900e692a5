package jconc.process;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: this process's end of all inter-process communication. It owns the services other
 * processes may use (queues, pipes, locks, managed collections, the class server), listens on a
 * Unix domain socket in a private (0700) directory, and keeps one authenticated {@link Link}
 * per peer address this process talks to.
 *
 * <p>Only processes of the same user can open the socket (its directory is 0700), and every
 * connection must first present this process tree's 32-byte random authkey (compared in
 * constant time), like Python's {@code multiprocessing} authkey; nothing is read as a message,
 * let alone deserialized, before that. The key never crosses a network: the socket is local
 * and private, so it is sent as is. Children inherit it through their environment (readable
 * only by the same user), never their command line.
 *
 * <p>Public because the kernel shuts it down when it ends ({@code Hub.local().shutdown()}, which
 * ends every child this process started); the rest of it is package-private.
 */
public final class Hub {
    /** A connection's first bytes: the authkey (32), the connecting pid (8), its kind (1). */
    private static final int HELLO_BYTES = 32 + 8 + 1;
    private static final byte SHARED = 0;
    private static final byte DIRECT = 1;
    /** A pipe end's own connection: after the hello, the pipe's id (2-byte length, UTF-8) and the end (1). */
    private static final byte PIPE = 2;
    private static final Hub LOCAL = new Hub();

    private final byte[] authKey = initialKey();
    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private final Map<String, Link> clients = new ConcurrentHashMap<>();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    /** Per peer pid, its first (shared) link here: the one whose end means the peer ended. */
    private final Map<Long, Link> shared = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile String address;
    private volatile boolean shuttingDown;
    private ServerSocketChannel server;
    private Path dir;

    private Hub() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "jconc-hub-shutdown"));
    }

    /** This process's hub. */
    public static Hub local() {
        return LOCAL;
    }

    String authKeyHex() {
        return HexFormat.of().formatHex(authKey);
    }

    private static byte[] initialKey() {
        String inherited = System.getenv(ChildContract.AUTHKEY_ENV);
        if (inherited != null && !inherited.isEmpty()) {
            return HexFormat.of().parseHex(inherited);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Registers a service under a fresh id (prefix + number) and returns the id. */
    String register(String prefix, Service service) {
        String id = prefix + ids.incrementAndGet();
        services.put(id, service);
        return id;
    }

    /** Registers a service under a fixed name. */
    void registerNamed(String name, Service service) {
        services.put(name, service);
    }

    void unregister(String id) {
        services.remove(id);
    }

    /** The service with this id; fails if it was closed or never existed here. */
    Service service(String id) {
        Service s = services.get(id);
        if (s == null) {
            throw new IllegalStateException("no such object in process " + ProcessHandle.current().pid()
                    + ": " + id + " (it was closed, or its process has ended)");
        }
        return s;
    }

    /** Whether an object with this address lives in this process. */
    boolean isLocal(String objectAddress) {
        return objectAddress.equals(address);
    }

    /** The address other processes connect to; starts listening on first use. */
    String address() {
        String a = address;
        if (a != null) {
            return a;
        }
        synchronized (this) {
            if (address == null) {
                listen();
            }
            return address;
        }
    }

    private void listen() {
        try {
            dir = PrivateDirs.create("hub");
            Path socket = dir.resolve("hub");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            address = socket.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for child processes: " + e, e);
        }
        Daemons.start("jconc-ipc-accept", this::acceptLoop);
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return;
            }
            Daemons.start("jconc-ipc-greet", () -> greet(ch));
        }
    }

    private void greet(SocketChannel ch) {
        try {
            byte[] answer = readFully(ch, HELLO_BYTES);
            byte[] key = java.util.Arrays.copyOf(answer, 32);
            if (!MessageDigest.isEqual(key, authKey)) {
                ch.close();
                return;
            }
            long pid = ByteBuffer.wrap(answer, 32, 8).getLong();
            if (answer[40] == PIPE) {
                acceptPipeEnd(ch);
                return;
            }
            boolean direct = answer[40] == DIRECT;
            writeFully(ch, new byte[] {1});
            Link link = new Link(ch, this, "process " + pid, direct ? shared.get(pid) : null);
            if (!direct && shared.putIfAbsent(pid, link) == null) {
                link.onClose(() -> shared.remove(pid, link));
            }
            links.add(link);
            link.start();
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** Hands an authenticated pipe-end connection to its pipe, or refuses it (answer 0). */
    private void acceptPipeEnd(SocketChannel ch) throws IOException {
        int len = ByteBuffer.wrap(readFully(ch, 2)).getShort() & 0xffff;
        String id = new String(readFully(ch, len), StandardCharsets.UTF_8);
        int end = readFully(ch, 1)[0];
        boolean taken = services.get(id) instanceof PipeCore pipe && (end == 0 || end == 1) && pipe.holdsRemotely(end, ch);
        if (!taken) {
            writeFully(ch, new byte[] {0});
            ch.close();
        }
    }

    /**
     * A connection of its own for end {@code end} of the pipe {@code id} at {@code peerAddress}
     * (see {@link PipeCore#holdsRemotely}), or null if the owner keeps that end on the shared
     * link (another process holds it already, or it is closed).
     */
    SocketChannel openPipeEnd(String peerAddress, String id, int end) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(peerAddress));
        try {
            byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
            ByteBuffer hello = hello(PIPE, 2 + idBytes.length + 1);
            hello.putShort((short) idBytes.length).put(idBytes).put((byte) end);
            writeFully(ch, hello.array());
            ByteBuffer ok = ByteBuffer.allocate(1);
            if (ch.read(ok) == 1 && ok.get(0) == 1) {
                return ch;
            }
            ch.close();
            return null;
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to the process at " + peerAddress + ": " + e.getMessage(), e);
        }
    }

    /** The shared link to the process listening at {@code peerAddress}. */
    Link connect(String peerAddress) throws IOException {
        Link link = clients.get(peerAddress);
        if (link != null && !link.isClosed()) {
            return link;
        }
        synchronized (clients) {
            link = clients.get(peerAddress);
            if (link != null && !link.isClosed()) {
                return link;
            }
            link = open(peerAddress, "process at " + peerAddress);
            clients.put(peerAddress, link);
            return link;
        }
    }

    /** A new, unshared link to {@code peerAddress}. */
    Link open(String peerAddress, String peerName) throws IOException {
        SocketChannel ch = authenticated(peerAddress, peerName, SHARED);
        Link link = new Link(ch, this, peerName, null);
        links.add(link);
        return link.start();
    }

    /** An authenticated connection for one thread's {@link DirectLink} to {@code peerAddress}. */
    SocketChannel openDirect(String peerAddress) throws IOException {
        return authenticated(peerAddress, "process at " + peerAddress, DIRECT);
    }

    /** A connection's first bytes (authkey, pid, kind), with room for {@code extra} more. */
    private ByteBuffer hello(byte kind, int extra) {
        return ByteBuffer.allocate(HELLO_BYTES + extra).put(authKey).putLong(ProcessHandle.current().pid()).put(kind);
    }

    private SocketChannel authenticated(String peerAddress, String peerName, byte kind) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(peerAddress));
        try {
            writeFully(ch, hello(kind, 0).array());
            byte[] ok = readFully(ch, 1);
            if (ok[0] != 1) {
                throw new IOException("authentication failed");
            }
            return ch;
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to " + peerName + ": " + e.getMessage(), e);
        }
    }

    void forget(Link link) {
        links.remove(link);
        clients.values().remove(link);
    }

    /** Ends every link's reading at once, without waiting (before a quick exit). */
    void shutdownInputs() {
        shuttingDown = true;
        for (Link l : links) {
            l.shutdownInput();
        }
    }

    /** Whether this process is on its way out (its links close on purpose). */
    boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Closes every connection and the listening socket: before exit, so that exit is quick. */
    public void shutdown() {
        shuttingDown = true;
        for (Link l : links) {
            l.close();
        }
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // best effort at exit
        }
        removeDirectory();
    }

    /**
     * Removes this process's socket directory (no new connection can be made, those made stay):
     * before a halt, which runs no shutdown hook. What a kill leaves behind is removed by
     * {@link PrivateDirs#removeStale()} at the next start.
     */
    void removeDirectory() {
        Path d = dir;
        if (d != null) {
            // JDK classes only: in a child whose parent has gone, loading a class of ours could wait on it
            try {
                Files.deleteIfExists(d.resolve("hub"));
                Files.deleteIfExists(d);
            } catch (IOException ignored) {
                // the next start removes it
            }
        }
    }

    static void writeFully(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        while (bb.hasRemaining()) {
            ch.write(bb);
        }
    }

    private static byte[] readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(n);
        while (bb.hasRemaining()) {
            if (ch.read(bb) < 0) {
                throw new EOFException("connection closed during the handshake");
            }
        }
        return bb.array();
    }
}
