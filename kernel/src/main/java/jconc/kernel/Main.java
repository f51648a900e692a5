package jconc.kernel;

/** Entry point: {@code java -jar jconc-kernel-all.jar CONNECTION_FILE}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        throw new UnsupportedOperationException("kernel not built yet");
    }
}
