package jconc.kernel.engine;

/**
 * What became of a snippet's code when it ran on its cell's main thread: a value, an exception,
 * an exit request, or a stop. JShell learns only that the code ended; the engine learns the rest
 * from this value, which {@link CellExecutionControl#observe} returns.
 */
sealed interface SnippetOutcome {
    /** No code ran (a declaration without initializer, a snippet JShell rejected). */
    SnippetOutcome NOTHING_RAN = new NothingRan();

    /** The outcome of one snippet after another in one eval: the first that did not return, else the later. */
    default SnippetOutcome then(SnippetOutcome next) {
        return this instanceof NothingRan || this instanceof Returned ? next : this;
    }

    record NothingRan() implements SnippetOutcome {
    }

    /** The code returned {@code value} (null for a statement). */
    record Returned(Object value) implements SnippetOutcome {
    }

    /** The code threw {@code thrown}, the user's own exception. */
    record Threw(Throwable thrown) implements SnippetOutcome {
    }

    /** The code called {@code System.exit(status)}. */
    record Exited(int status) implements SnippetOutcome {
    }

    /** The cell was interrupted while (or before) the code ran. */
    record Stopped() implements SnippetOutcome {
    }
}
