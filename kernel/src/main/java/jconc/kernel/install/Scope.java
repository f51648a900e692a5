package jconc.kernel.install;

/**
 * Whose kernel it is: the current user's ({@code --user}, the default), the Python environment's
 * that runs {@code jupyter} ({@code --sys-prefix}), or any prefix ({@code --prefix DIR}). The
 * last two are system-wide: every user of the machine must be able to read what is installed.
 */
record Scope(Kind kind, String prefix) {

    enum Kind { USER, SYS_PREFIX, PREFIX }

    static final Scope USER = new Scope(Kind.USER, null);
    static final Scope SYS_PREFIX = new Scope(Kind.SYS_PREFIX, null);

    static Scope prefix(String dir) {
        return new Scope(Kind.PREFIX, dir);
    }

    boolean systemWide() {
        return kind != Kind.USER;
    }
}
