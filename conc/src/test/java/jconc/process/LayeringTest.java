package jconc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The process layer is a lower layer: it knows nothing of the helper API built on it, and shows
 * only what the helper API, the kernel and users must reach. Read from the compiled classes, so
 * that any reference counts (an import, a fully qualified name, a lambda's type).
 */
class LayeringTest {
    /** The public classes of {@code jconc.process}; each one's javadoc says why it is public. */
    private static final Set<String> PUBLIC = Set.of(
            "ChildMain", "Codec", "Daemons", "Endpoint", "Hub", "Job", "Launcher", "PipeEndStream",
            "PrivateDirs", "RemoteFailure", "SharedObjects", "Transfers", "Worker");

    /** A class of the package {@code jconc} itself (not of a subpackage), as a class file names it. */
    private static final Pattern HELPER_API_CLASS = Pattern.compile("(?<![\\w/$])jconc/([\\w$]+)(?![\\w$/])");

    @Test
    void theProcessLayerRefersToNoClassOfTheHelperApi() throws IOException, URISyntaxException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(classesDir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                for (String constant : utf8Constants(file)) {
                    Matcher m = HELPER_API_CLASS.matcher(constant);
                    while (m.find()) {
                        found.add(file.getFileName() + " refers to jconc." + m.group(1).replace('$', '.'));
                    }
                }
            }
        }
        assertEquals(List.of(), found.stream().distinct().toList(),
                "jconc.process must not depend on the package jconc built on it (a package cycle): "
                        + "define what this layer needs here and let the helper API adapt to it");
    }

    @Test
    void onlyTheAllowedClassesOfTheProcessLayerArePublic() throws Exception {
        Set<String> publicClasses = new TreeSet<>();
        int all = 0;
        try (Stream<Path> files = Files.list(classesDir())) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$") || name.equals("package-info.class")) {
                    continue;
                }
                all++;
                String simple = name.substring(0, name.length() - ".class".length());
                if (Modifier.isPublic(Class.forName("jconc.process." + simple).getModifiers())) {
                    publicClasses.add(simple);
                }
            }
        }
        assertTrue(all > PUBLIC.size(), "read the classes of jconc.process from " + classesDir());
        assertEquals(new TreeSet<>(PUBLIC), publicClasses,
                "a public class in jconc.process is a conscious choice: make it package-private, "
                        + "or say in its javadoc why it must be public and add it to this list");
    }

    /** The directory of this layer's compiled classes (the main classes, not the tests'). */
    private static Path classesDir() throws URISyntaxException {
        return Path.of(Job.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("jconc/process");
    }

    /** The text constants of a class file: every class name and type descriptor it uses is one. */
    private static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            in.readInt();          // magic
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> texts.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // takes two entries
                    }
                    default -> throw new IOException(classFile + ": unknown constant tag " + tag + " at entry " + i);
                }
            }
        }
        return texts;
    }
}
