package jconc.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavadocTest {
    @Test
    void codeExamplesKeepTheirComparisonsAndBraces() {
        String doc = "A flag.\n<pre>{@code\nfor (int i = 0; i < 10; i++) {\n    go();\n}\n}</pre>\nPitfall: none.";
        String text = Javadoc.toText(doc);
        assertTrue(text.contains("for (int i = 0; i < 10; i++) {"), text);
        assertTrue(text.contains("    go();\n}"), text);
    }

    @Test
    void inlineTagsBecomeTheirText() {
        assertEquals("Use acquire() then release.", Javadoc.toText("Use {@code acquire()} then {@link #release release}."));
    }

    @Test
    void helperApiDocsAreFoundForTypesAndConstructors() {
        String mutex = HelperDocs.find("jconc.Mutex");
        assertTrue(mutex != null && mutex.contains("threading.Lock"), String.valueOf(mutex));
    }
}
