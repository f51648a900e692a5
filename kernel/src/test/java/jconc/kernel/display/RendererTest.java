package jconc.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jconc.spi.Rich;
import org.junit.jupiter.api.Test;

class RendererTest {
    record Point(int x, int y) {
    }

    @Test
    void stringsAreQuotedAndEscaped() {
        assertEquals("\"a\\\"b\\n\"", Renderer.text("a\"b\n"));
    }

    @Test
    void arraysShowTypeLengthAndElements() {
        assertEquals("int[3] { 1, 2, 3 }", Renderer.text(new int[] {1, 2, 3}));
        assertEquals("String[2] { \"a\", null }", Renderer.text(new String[] {"a", null}));
        assertEquals("int[0] {}", Renderer.text(new int[0]));
    }

    @Test
    void collectionsAndMapsShowTheirElements() {
        assertEquals("[1, \"two\"]", Renderer.text(List.of(1, "two")));
        assertEquals("{\"k\"=[1]}", Renderer.text(Map.of("k", List.of(1))));
    }

    @Test
    void recordsUseTheirOwnText() {
        assertEquals("Point[x=1, y=2]", Renderer.text(new Point(1, 2)));
    }

    @Test
    void richContentKeepsItsFormsAndGetsPlainText() {
        Rich svg = () -> Map.of("image/svg+xml", "<svg/>");
        Map<String, Object> bundle = Renderer.bundle(svg);
        assertEquals("<svg/>", bundle.get("image/svg+xml"));
        assertTrue(bundle.containsKey("text/plain"));
    }

    @Test
    void hugeValuesAreCut() {
        String text = Renderer.text("x".repeat(100_000));
        assertTrue(text.length() < Renderer.MAX_CHARS + 100);
        assertTrue(text.endsWith("more characters)"));
    }

    @Test
    void aListThatContainsItselfPrintsLikePython() {
        List<Object> l = new java.util.ArrayList<>();
        l.add(l);
        assertEquals("[[...]]", Renderer.text(l));
    }

    @Test
    void twoListsThatContainEachOtherEndAtTheRepeat() {
        List<Object> a = new java.util.ArrayList<>();
        List<Object> b = new java.util.ArrayList<>();
        a.add(1);
        a.add(b);
        b.add(a);
        assertEquals("[1, [[...]]]", Renderer.text(a));
    }

    @Test
    void aMapThatContainsItselfPrintsItsRepeatAsBraces() {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("me", m);
        assertEquals("{\"me\"={...}}", Renderer.text(m));
    }

    @Test
    void theSameListTwiceSideBySideIsNoCycle() {
        List<Integer> one = List.of(1);
        assertEquals("[[1], [1]]", Renderer.text(List.of(one, one)));
    }

    @Test
    void nestingDeeperThanTheBoundStopsWithDots() {
        List<Object> deep = new java.util.ArrayList<>();
        List<Object> inner = deep;
        for (int i = 0; i < 100_000; i++) {
            List<Object> next = new java.util.ArrayList<>();
            inner.add(next);
            inner = next;
        }
        String text = Renderer.text(deep);
        assertTrue(text.startsWith("[[[["), text.substring(0, 10));
        assertTrue(text.contains("[...]"));
        assertEquals(Renderer.MAX_DEPTH, text.indexOf("[...]"));
    }
}
