package jconc.kernel.engine;

import java.util.List;
import jconc.kernel.protocol.Interpreter.Failed;

/** Errors as the cell shows them. */
public final class Errors {
    private Errors() {
    }

    /** An error whose traceback is the one line "ENAME: EVALUE". */
    public static Failed failed(String ename, String evalue) {
        return new Failed(ename, evalue, List.of(ename + ": " + evalue));
    }
}
