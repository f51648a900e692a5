package jconc.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KernelJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void windowsPathsWithSpacesAndBackslashesComeBackAsWholeArguments() throws Exception {
        String java = "C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.9.9-hotspot\\bin\\java.exe";
        String home = "C:\\Users\\Ada Lovelace\\AppData\\Roaming\\jupyter\\kernels\\jconc";
        String jar = home + "\\jconc-kernel.jar";
        String archive = home + "\\jconc.jsa";
        String text = KernelJson.render("jconc", KernelJson.argv(java, jar,
                Optional.of(StartupArchive.CLASS_DATA.useFlag(Path.of(archive)))));

        List<String> argv = JSON.convertValue(JSON.readTree(text).get("argv"), new TypeReference<List<String>>() { });
        assertEquals(java, argv.get(0));
        assertEquals(List.of("-jar", jar, "{connection_file}"), argv.subList(argv.size() - 3, argv.size()));
        assertTrue(argv.contains("-XX:SharedArchiveFile=" + archive), argv.toString());
        // Each backslash is escaped once in the file; no quotes are added inside an argument.
        assertTrue(text.contains("\"C:\\\\Program Files\\\\Eclipse Adoptium\\\\jdk-17.0.9.9-hotspot\\\\bin\\\\java.exe\""), text);
        assertTrue(!text.contains("\\\""), "no escaped quotes: Jupyter quotes each argument itself");
    }

    @Test
    void quotesAndUnicodeInAPathSurviveTheRoundTrip() throws Exception {
        String jar = "/home/zoë/\"odd\" dir/jconc-kernel.jar";
        String text = KernelJson.render("jconc", KernelJson.argv("/usr/bin/java", jar, Optional.empty()));
        List<String> argv = JSON.convertValue(JSON.readTree(text).get("argv"), new TypeReference<List<String>>() { });
        assertEquals(jar, argv.get(argv.indexOf("-jar") + 1));
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("-XX:SharedArchiveFile")), "no archive, no flag");
    }

    @Test
    void eachJavaRecordsTheBestArchiveItCanMakeFirst() {
        assertEquals(List.of(StartupArchive.CLASS_DATA), StartupArchive.forJava(17));
        assertEquals(List.of(StartupArchive.CLASS_DATA), StartupArchive.forJava(24));
        assertEquals(List.of(StartupArchive.AOT_CACHE, StartupArchive.CLASS_DATA), StartupArchive.forJava(25));
        assertEquals("-XX:AOTCache=/k/jconc.aot", StartupArchive.AOT_CACHE.useFlag(Path.of("/k/jconc.aot")));
    }

    @Test
    void theSpecDescribesAJavaKernelInterruptedByMessage() throws Exception {
        JsonNode spec = JSON.readTree(KernelJson.render("jconc", KernelJson.argv("java", "k.jar", Optional.empty())));
        assertEquals("Java (jconc)", spec.get("display_name").asText());
        assertEquals("java", spec.get("language").asText());
        assertEquals("message", spec.get("interrupt_mode").asText());
        assertEquals("Java (jconc, jdk25)",
                JSON.readTree(KernelJson.render("jdk25", List.of("java"))).get("display_name").asText());
    }
}
