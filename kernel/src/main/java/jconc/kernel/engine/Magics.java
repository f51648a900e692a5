package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jconc.kernel.protocol.Interpreter.Failed;

/** The magics a session knows, by kind and name, in the order they were registered. */
public final class Magics {
    private final Map<String, Magic> byWritten = new LinkedHashMap<>();

    public Magics(List<Magic> magics) {
        for (Magic m : magics) {
            if (byWritten.putIfAbsent(m.written(), m) != null) {
                throw new IllegalArgumentException("two magics are written " + m.written());
            }
        }
    }

    /** Every magic, in the order registered. */
    public List<Magic> all() {
        return List.copyOf(byWritten.values());
    }

    public Optional<Magic> find(Magic.Kind kind, String name) {
        return Optional.ofNullable(byWritten.get(kind.prefix() + name));
    }

    /** The names of the magics of one kind, without their prefix. */
    public List<String> names(Magic.Kind kind) {
        return all().stream().filter(m -> m.kind() == kind).map(Magic::name).toList();
    }

    /** The list {@code %lsmagic} shows: each magic with its usage and help line. */
    public String listing() {
        List<String> text = new ArrayList<>();
        int width = all().stream().mapToInt(m -> synopsis(m).length()).max().orElse(0) + 3;
        text.add("Line magics (a line of their own, anywhere in a cell):");
        listKind(Magic.Kind.LINE, width, text);
        text.add("Cell magics (on the first line of a cell):");
        listKind(Magic.Kind.CELL, width, text);
        return String.join("\n", text) + "\n";
    }

    private void listKind(Magic.Kind kind, int width, List<String> text) {
        for (Magic m : all()) {
            if (m.kind() == kind) {
                text.add("  " + String.format("%-" + width + "s", synopsis(m)) + m.help());
            }
        }
    }

    /** "%time CODE", "%threads". */
    public static String synopsis(Magic m) {
        return m.usage().isEmpty() ? m.written() : m.written() + " " + m.usage();
    }

    /** The error for a magic nobody registered, naming the known ones. */
    public Failed unknown(Magic.Kind kind, String name) {
        String known = "line magics: %" + String.join(", %", names(Magic.Kind.LINE))
                + "; cell magics: %%" + String.join(", %%", names(Magic.Kind.CELL));
        String what = kind.prefix() + name + " is not a jconc magic";
        return new Failed("UnknownMagic", what, List.of("UnknownMagic: " + what + ". Known " + known + "."));
    }
}
