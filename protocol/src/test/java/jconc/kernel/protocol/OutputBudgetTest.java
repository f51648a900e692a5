package jconc.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputBudgetTest {
    @Test
    void textIsGrantedUntilTheBudgetIsUsedThenCutAtALineOnceThenNothing() {
        OutputBudget b = new OutputBudget(10);
        assertEquals(new OutputBudget.Grant("abcd\n", false), b.take("abcd\n"));
        OutputBudget.Grant cut = b.take("ef\nghijkl\n");
        assertEquals("ef\n", cut.text());
        assertTrue(cut.exhaustedNow());
        OutputBudget.Grant after = b.take("more");
        assertEquals("", after.text());
        assertFalse(after.exhaustedNow());
    }

    @Test
    void bytesAreCountedInUtf8AndNoCharacterIsSplit() {
        OutputBudget b = new OutputBudget(5);
        OutputBudget.Grant g = b.take("\u00e9\u00e9\u00e9"); // 6 bytes
        assertEquals("\u00e9\u00e9", g.text());
        assertEquals(4, OutputBudget.utf8Length("\ud83d\ude00"));
    }
}
