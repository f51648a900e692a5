package jconc.kernel.install;

/**
 * Why an install or uninstall could not be done, in one line a user can act on. Nothing was
 * left half written when one is thrown.
 */
final class InstallException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The process exit status: 2 for a command line that cannot be understood, else 1. */
    private final int status;

    InstallException(String message) {
        this(message, 1);
    }

    InstallException(String message, int status) {
        super(message);
        this.status = status;
    }

    static InstallException usage(String message) {
        return new InstallException(message + " (see --help)", 2);
    }

    int status() {
        return status;
    }
}
