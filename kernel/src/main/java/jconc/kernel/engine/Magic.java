package jconc.kernel.engine;

import jconc.kernel.protocol.Interpreter.Outcome;

/**
 * One magic: a command that is not Java, written {@code %name ARGS} on a line of its own
 * ({@link Kind#LINE}) or {@code %%name ARGS} on the first line of a cell ({@link Kind#CELL}).
 * The composition root registers the session's magics in a {@link Magics} registry; the engine
 * finds them there by name, and lists them from it.
 *
 * <pre>{@code
 * Magic hello = new Magic("hello", Magic.Kind.LINE, "NAME", "greet NAME",
 *         call -> { call.cell().streams().write("stdout", "hello " + call.args() + "\n"); return new Ok(); });
 * }</pre>
 *
 * <p>A magic runs on the kernel's compiler thread, not on the cell's own thread: it writes to
 * the cell through {@link Cell#streams()} and {@link Cell#output()} (not {@code System.out},
 * which the kernel's threads send to its log), and evaluates Java only through
 * {@link Call#engine()}.
 *
 * @param name   the name without its {@code %} or {@code %%}
 * @param kind   a line magic or a cell magic
 * @param usage  what follows the name, as {@code %lsmagic} shows it ("CODE", "PATH"; "" for nothing)
 * @param help   one line saying what it does
 * @param action what it does
 */
public record Magic(String name, Kind kind, String usage, String help, Action action) {
    /** Where a magic is written. */
    public enum Kind {
        /** {@code %name ARGS}, a line of its own anywhere in a cell. */
        LINE("%"),
        /** {@code %%name ARGS} on the first line; the rest of the cell is its body. */
        CELL("%%");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** "%" or "%%". */
        public String prefix() {
            return prefix;
        }
    }

    /** What a magic does when it runs. */
    @FunctionalInterface
    public interface Action {
        Outcome run(Call call);
    }

    /**
     * One use of a magic.
     *
     * @param engine     evaluates Java in the session
     * @param magics     the session's registry (for a magic that lists the others)
     * @param cell       the cell it runs in
     * @param args       the text after the name on the magic's line
     * @param code       the code it works on: {@code args} for a line magic, the body for a cell magic
     * @param line       the cell line (0-based) {@code code} starts on
     * @param showResult whether a value {@code code} ends with is the cell's result
     */
    public record Call(Evaluator engine, Magics magics, Cell cell, String args, String code, int line, boolean showResult) {
    }

    /** How the magic is written: "%time", "%%main". */
    public String written() {
        return kind.prefix() + name;
    }
}
