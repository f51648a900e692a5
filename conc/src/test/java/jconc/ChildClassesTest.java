package jconc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The helper API names, in a resource, its classes that a child process loads, so that the
 * process layer puts them in the children's class-data archive without referring to them: a
 * renamed class must not drop out of that list unnoticed.
 */
class ChildClassesTest {

    @Test
    void everyClassNamedForTheChildrensArchiveExists() throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (InputStream in = ChildClassesTest.class.getClassLoader().getResourceAsStream("META-INF/jconc/child-classes")) {
            assertNotNull(in, "the resource META-INF/jconc/child-classes is in the jar");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                names.add(name);
                try {
                    Class.forName(name, false, ChildClassesTest.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    missing.add(name);
                }
            }
        }
        assertFalse(names.isEmpty());
        assertEquals(List.of(), missing, "names in META-INF/jconc/child-classes that are no class");
        assertEquals(true, names.contains(PoolFunctions.Call.class.getName()), "a pool's function adapter is named");
    }
}
