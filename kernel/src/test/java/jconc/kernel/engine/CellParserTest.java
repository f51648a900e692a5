package jconc.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellParserTest {
    private static List<ParsedCell.Step> steps(String code) {
        return ((ParsedCell.Steps) CellParser.parse(code)).steps();
    }

    @Test
    void plainJavaIsOneStepThatShowsItsResult() {
        assertEquals(List.of(new ParsedCell.JavaCode("int x = 1;\nx + 1\n", 0, true)), steps("int x = 1;\nx + 1"));
    }

    @Test
    void aBlankCellHasNoSteps() {
        assertEquals(List.of(), steps("  \n\n"));
    }

    @Test
    void lineMagicsSplitTheJavaAroundThemAndKeepLineNumbers() {
        assertEquals(List.of(
                new ParsedCell.JavaCode("int x = 1;\n", 0, false),
                new ParsedCell.LineMagic("time", "x++;", 1, false),
                new ParsedCell.JavaCode("x\n", 2, true)),
                steps("int x = 1;\n%time x++;\nx"));
    }

    @Test
    void aLineMagicFollowedOnlyByBlankLinesShowsItsResult() {
        assertEquals(List.of(new ParsedCell.LineMagic("time", "1 + 1", 0, true)), steps("%time 1 + 1\n\n  \n"));
    }

    @Test
    void anIndentedLineMagicIsAMagicAndItsArgumentsAreTrimmed() {
        assertEquals(List.of(new ParsedCell.LineMagic("classpath", "a.jar  b.jar", 0, true)), steps("   %classpath   a.jar  b.jar  "));
    }

    @Test
    void aDoublePercentLineInsideACellIsALineMagicNamedWithItsSecondPercent() {
        assertEquals(List.of(
                new ParsedCell.JavaCode("int x = 1;\n", 0, false),
                new ParsedCell.LineMagic("%main", "", 1, true)),
                steps("int x = 1;\n%%main"));
    }

    @Test
    void aFirstLineWithDoublePercentMakesACellMagicWithItsBody() {
        assertEquals(new ParsedCell.CellMagic("main", "a b", "System.out.println(1);\n%time 1\n", 2),
                CellParser.parse("\n%%main a b\nSystem.out.println(1);\n%time 1\n"));
    }

    @Test
    void aCellMagicAloneHasAnEmptyBody() {
        assertEquals(new ParsedCell.CellMagic("time", "", "", 0), CellParser.parse("%%time"));
    }

    @Test
    void aNameWithQuestionMarksAsksForItsDocumentation() {
        assertEquals(new ParsedCell.Help("Math.max"), CellParser.parse("Math.max?"));
        assertEquals(new ParsedCell.Help("List"), CellParser.parse("  List??\n"));
    }

    @Test
    void aQuestionMarkInsideCodeIsJava() {
        assertEquals(List.of(new ParsedCell.JavaCode("x > 0 ? 1 : 2\n", 0, true)), steps("x > 0 ? 1 : 2"));
    }
}
