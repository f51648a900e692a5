package jconc.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jconc.kernel.protocol.Interpreter.Failed;
import jconc.kernel.protocol.Interpreter.Ok;
import org.junit.jupiter.api.Test;

class MagicsTest {
    private static Magic magic(String name, Magic.Kind kind, String usage, String help) {
        return new Magic(name, kind, usage, help, call -> new Ok());
    }

    private final Magics magics = new Magics(List.of(
            magic("time", Magic.Kind.LINE, "CODE", "time CODE"),
            magic("threads", Magic.Kind.LINE, "", "the threads"),
            magic("time", Magic.Kind.CELL, "", "time the cell")));

    @Test
    void aLineMagicAndACellMagicMayShareAName() {
        assertEquals("time CODE", magics.find(Magic.Kind.LINE, "time").orElseThrow().help());
        assertEquals("time the cell", magics.find(Magic.Kind.CELL, "time").orElseThrow().help());
        assertTrue(magics.find(Magic.Kind.CELL, "threads").isEmpty());
    }

    @Test
    void namesAreListedPerKindInTheOrderRegistered() {
        assertEquals(List.of("time", "threads"), magics.names(Magic.Kind.LINE));
        assertEquals(List.of("time"), magics.names(Magic.Kind.CELL));
    }

    @Test
    void twoMagicsWrittenAlikeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Magics(List.of(
                magic("time", Magic.Kind.LINE, "", "one"), magic("time", Magic.Kind.LINE, "", "two"))));
    }

    @Test
    void theListingShowsEveryMagicWithItsUsageAndHelpUnderItsKind() {
        assertEquals("""
                Line magics (a line of their own, anywhere in a cell):
                  %time CODE   time CODE
                  %threads     the threads
                Cell magics (on the first line of a cell):
                  %%time       time the cell
                """, magics.listing());
    }

    @Test
    void anUnknownMagicIsAnErrorNamingTheKnownOnes() {
        Failed f = magics.unknown(Magic.Kind.CELL, "nope");
        assertEquals("UnknownMagic", f.ename());
        assertEquals("%%nope is not a jconc magic", f.evalue());
        assertEquals(List.of("UnknownMagic: %%nope is not a jconc magic. Known line magics: %time, %threads; cell magics: %%time."),
                f.traceback());
    }
}
