package jconc.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * Internal: the checksum kept beside each class-data archive or AOT cache a child starts from.
 * The JVM checks an archive's header, not its contents, and one damaged inside can crash the
 * child as it starts; so an archive is used only when its contents match the checksum recorded
 * when it was made. Each file is read once per parent process (again only if its size or time
 * changes), not at every start.
 */
final class ArchiveCheck {
    private static final Map<Path, Verdict> CHECKED = new ConcurrentHashMap<>();

    private record Verdict(long size, long modified, boolean intact) {
    }

    private ArchiveCheck() {
    }

    /** The file that holds the checksum of {@code archive}. */
    static Path sumFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".crc32c");
    }

    /** Records the checksum of {@code contents} as that of {@code archive} (they differ while it is made under a temporary name). */
    static void record(Path contents, Path archive) throws IOException {
        Files.writeString(sumFile(archive), Long.toHexString(checksum(contents)) + "\n");
    }

    /** Whether {@code archive} matches its recorded checksum; false when it has none or cannot be read. */
    static boolean intact(Path archive) {
        try {
            long size = Files.size(archive);
            long modified = Files.getLastModifiedTime(archive).toMillis();
            Verdict known = CHECKED.get(archive);
            if (known != null && known.size() == size && known.modified() == modified) {
                return known.intact();
            }
            boolean intact = Files.isRegularFile(sumFile(archive))
                    && Files.readString(sumFile(archive)).trim().equals(Long.toHexString(checksum(archive)));
            CHECKED.put(archive, new Verdict(size, modified, intact));
            return intact;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long checksum(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
