package jconc.kernel.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the kernelspec directory {@code DATA_DIR/kernels/NAME}: {@code kernel.json}, the logos,
 * a copy of the kernel's jar (so a rebuilt or deleted checkout does not break the kernel) and the
 * start-up archive (an AOT cache on Java 25+, a class-data archive before). Everything is written into a new directory beside the target and renamed
 * into place, so a failure leaves the earlier install (or nothing) behind, never half of one.
 */
final class KernelSpecInstaller {
    static final String JAR = "jconc-kernel.jar";
    static final List<String> LOGOS = List.of("logo-32x32.png", "logo-64x64.png");

    private final Path jar;

    /** @param jar the kernel's jar to copy into the kernelspec */
    KernelSpecInstaller(Path jar) {
        this.jar = jar;
    }

    /** What an install did: where, and the start-up archive it could record, if any. */
    record Installed(Path directory, Optional<StartupArchive.Recorded> archive) {
    }

    Installed install(Path dataDir, String name, JavaRuntime java, boolean readableByAll)
            throws InstallException, InterruptedException {
        Path kernels = dataDir.resolve("kernels");
        Path target = kernels.resolve(name);
        Path staging = kernels.resolve("." + name + ".installing-" + UUID.randomUUID());
        try {
            FileTree.createDirectories(kernels, readableByAll);
            removeLeftovers(kernels, name);
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw new InstallException("cannot write " + kernels + ": " + FileTree.reason(e));
        }
        // Stopped half way (Ctrl-C), the installer still removes what it was writing.
        Thread cleanUp = new Thread(() -> FileTree.deleteQuietly(staging), "jconc-install-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            Files.copy(jar, staging.resolve(JAR));
            for (String logo : LOGOS) {
                try (InputStream in = KernelSpecInstaller.class.getResourceAsStream("kernelspec/" + logo)) {
                    if (in == null) {
                        throw new IOException("the jar has no " + logo);
                    }
                    Files.copy(in, staging.resolve(logo));
                }
            }
            writeKernelJson(staging, target, name, java, Optional.empty());
            if (readableByAll) {
                FileTree.makeReadableByAll(staging);
            }
            replace(target, staging);
        } catch (IOException e) {
            FileTree.deleteQuietly(staging);
            throw new InstallException("cannot write " + target + ": " + FileTree.reason(e));
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
        // The archive names the jar by its path, so it is recorded where the jar now stays.
        Optional<StartupArchive.Recorded> archive = StartupArchive.recordBest(java, target.resolve(JAR), target);
        if (archive.isPresent()) {
            try {
                if (readableByAll) {
                    FileTree.setMode(archive.get().path(), "rw-r--r--");
                }
                writeKernelJson(target, target, name, java, archive.map(StartupArchive.Recorded::useFlag));
            } catch (IOException e) {
                archive = Optional.empty();
            }
        }
        return new Installed(target, archive);
    }

    /**
     * Removes what an installer killed before it could clean up left beside the kernelspec
     * (Jupyter would list such a directory as a kernel once it holds a kernel.json).
     */
    private static void removeLeftovers(Path kernels, String name) throws IOException {
        try (var siblings = Files.list(kernels)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String file = p.getFileName().toString();
                if (file.startsWith("." + name + ".installing-") || file.startsWith("." + name + ".old-")) {
                    FileTree.deleteQuietly(p);
                }
            }
        }
    }

    /** Removes the kernelspec {@code NAME}; false when there was none. */
    static boolean uninstall(Path dataDir, String name) throws InstallException {
        Path target = dataDir.resolve("kernels").resolve(name);
        if (!Files.isDirectory(target)) {
            return false;
        }
        try {
            FileTree.delete(target);
            return true;
        } catch (IOException e) {
            throw new InstallException("cannot remove " + target + ": " + FileTree.reason(e));
        }
    }

    /** kernel.json in {@code dir}, replaced in one rename, naming the files of {@code home}. */
    private static void writeKernelJson(Path dir, Path home, String name, JavaRuntime java, Optional<String> archiveFlag)
            throws IOException {
        List<String> argv = KernelJson.argv(java.executable().toString(), home.resolve(JAR).toString(), archiveFlag);
        Path file = dir.resolve("kernel.json");
        Path next = dir.resolve(".kernel.json.next");
        Files.writeString(next, KernelJson.render(name, argv));
        FileTree.copyMode(file, next);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Puts {@code staging} where {@code target} is; an earlier install stays until the new one is in. */
    private static void replace(Path target, Path staging) throws IOException {
        if (!Files.exists(target)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        // A kernel still running from the old jar may hold it open (Windows): it goes later.
        FileTree.deleteQuietly(old);
    }
}
