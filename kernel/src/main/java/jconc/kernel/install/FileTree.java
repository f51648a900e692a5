package jconc.kernel.install;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The file operations of an install: directories made readable by all, trees removed, errors told. */
final class FileTree {
    private FileTree() {
    }

    /**
     * Creates {@code dir} and its missing parents; with {@code readableByAll}, each directory
     * created is mode 0755 whatever the umask.
     */
    static void createDirectories(Path dir, boolean readableByAll) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Files.createDirectories(dir);
        if (readableByAll) {
            for (Path created : missing) {
                setMode(created, "rwxr-xr-x");
            }
        }
    }

    /** Directories 0755 and files 0644 under {@code root}, on file systems that have POSIX modes. */
    static void makeReadableByAll(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                setMode(p, Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--");
            }
        }
    }

    static void setMode(Path p, String mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString(mode));
        }
    }

    /** Gives {@code to} the POSIX mode of {@code from}, when both have one. */
    static void copyMode(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView copy = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && copy != null && Files.exists(from)) {
            copy.setPermissions(source.readAttributes().permissions());
        }
    }

    /** Removes {@code root} and everything under it; links are removed, never followed. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes what it can of {@code root}: for clean-up after a failure already being reported. */
    static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException e) {
            // the failure that made us clean up is the one the user needs to read
        }
    }

    /** An I/O failure in words: "permission denied", "not a directory", ... */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return reason.replace('\n', ' ');
    }
}
