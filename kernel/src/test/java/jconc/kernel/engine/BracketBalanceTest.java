package jconc.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BracketBalanceTest {
    private static String status(String code) {
        return BracketBalance.isComplete(code).status();
    }

    @Test
    void openBracesAreIncompleteWithIndent() {
        assertEquals("incomplete", status("void f() {"));
        assertEquals("        ", BracketBalance.isComplete("class A {\n void f() {").indent());
    }

    @Test
    void closedCodeIsComplete() {
        assertEquals("complete", status("void f() { System.out.println(\"}\"); }"));
        assertEquals("complete", status("char c = '{'; // {"));
    }

    @Test
    void anUnfinishedStringOrCommentIsIncomplete() {
        assertEquals("incomplete", status("String s = \"abc"));
        assertEquals("incomplete", status("/* a comment"));
    }

    @Test
    void moreClosingThanOpeningIsInvalid() {
        assertEquals("invalid", status("int x = 1; }"));
    }

    @Test
    void depthCountsEveryKindOfBracketOutsideStringsAndComments() {
        assertEquals(0, BracketBalance.maxDepth("int x = 1;"));
        assertEquals(3, BracketBalance.maxDepth("void f() { g(a[0]); }"));
        assertEquals(1, BracketBalance.maxDepth("String s = \"((((\"; // ((((\n/* {{{{ */ f('(');"));
    }

    @Test
    void depthOfThirtyThousandNestedParenthesesIsMeasuredWithoutRecursion() {
        String code = "(".repeat(30_000) + "1" + ")".repeat(30_000);
        assertEquals(30_000, BracketBalance.maxDepth(code));
    }
}
