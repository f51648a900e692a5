package jconc.notebook;

import java.util.Base64;
import java.util.Map;
import jconc.kernel.display.Displays;
import jconc.kernel.engine.Cell;
import jconc.kernel.engine.Cells;
import jconc.kernel.protocol.CellOutput;
import jconc.spi.Rich;

/**
 * What a notebook cell can ask of the notebook it runs in; imported statically in every
 * jconc session.
 *
 * <pre>{@code
 * display(html("<b>bold</b>"));
 * var shown = display("step 1");  shown.update("step 2");
 * String name = input("Your name? ", "Ada");   // "Ada" when nobody can answer
 * }</pre>
 *
 * <p>Pitfall: output belongs to the cell whose thread calls these methods; a thread started
 * by an earlier cell displays in that earlier cell.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Shows a value below the cell (rich content as itself, anything else as text). */
    public static Displays.Handle display(Object value) {
        return Displays.showUpdatable(output(), value);
    }

    /** HTML content, to display or to end a cell with. */
    public static Rich html(String html) {
        return mime("text/html", html, "[HTML]");
    }

    /** SVG content. */
    public static Rich svg(String svg) {
        return mime("image/svg+xml", svg, "[SVG image]");
    }

    /** Markdown content. */
    public static Rich markdown(String markdown) {
        return mime("text/markdown", markdown, markdown);
    }

    /** A PNG image from its bytes. */
    public static Rich png(byte[] png) {
        return mime("image/png", Base64.getEncoder().encodeToString(png), "[PNG image]");
    }

    private static Rich mime(String type, String content, String plain) {
        return () -> Map.of(type, content, "text/plain", plain);
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the cell's output; with {@code wait}, only when new output arrives. */
    public static void clearOutput(boolean wait) {
        output().clearOutput(wait);
    }

    /** Asks the user for a line, like Python's {@code input()}. Fails where nobody can answer. */
    public static String input(String prompt) {
        CellOutput out = output();
        if (!out.stdinAllowed()) {
            throw new IllegalStateException("input(\"" + prompt + "\"): this frontend cannot answer input "
                    + "(headless runs such as nbconvert never can). "
                    + "Use input(prompt, answerWhenHeadless) for a cell that must also run headless.");
        }
        return ask(out, prompt, false);
    }

    /**
     * Asks the user for a line; where the frontend cannot answer (nbconvert), prints the
     * prompt with {@code answerWhenHeadless} and returns that instead.
     */
    public static String input(String prompt, String answerWhenHeadless) {
        CellOutput out = output();
        if (!out.stdinAllowed()) {
            System.out.println(prompt + answerWhenHeadless + "   (no one can answer here: using this answer)");
            return answerWhenHeadless;
        }
        return ask(out, prompt, false);
    }

    /** Asks for a secret: the frontend hides what is typed. */
    public static String password(String prompt) {
        return ask(output(), prompt, true);
    }

    private static String ask(CellOutput out, String prompt, boolean hidden) {
        try {
            return out.input(prompt, hidden);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("input interrupted", e);
        }
    }

    private static CellOutput output() {
        return Cells.user().map(Cell::output).orElseThrow(() -> new IllegalStateException("no notebook cell to show this in"));
    }
}
