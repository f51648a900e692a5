package jconc.kernel.output;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The kernel's {@code System.out} and {@code System.err}. Two differences from a plain
 * PrintStream: {@link #close()} only flushes (a cell that closes System.out must not silence
 * every later cell), and every call first passes a checkpoint, where a thread of a stopped
 * cell is ended: a loop inside JDK code that prints ({@code forEach(System.out::println)}) has
 * no other place to stop on a JVM without {@code Thread.stop}. The checkpoint runs before
 * anything is encoded, so a stopped call leaves no half-written text behind.
 */
final class RoutedPrintStream extends PrintStream {
    private final Runnable checkpoint;

    RoutedPrintStream(OutputStream out, Runnable checkpoint) {
        super(out, true, StandardCharsets.UTF_8);
        this.checkpoint = checkpoint;
    }

    /** Flushes; the stream stays open, as it is the kernel's, not the cell's. */
    @Override
    public void close() {
        flush();
    }

    @Override
    public void write(int b) {
        checkpoint.run();
        super.write(b);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        checkpoint.run();
        super.write(buf, off, len);
    }

    @Override
    public void write(byte[] buf) throws java.io.IOException {
        checkpoint.run();
        super.write(buf);
    }

    @Override
    public void writeBytes(byte[] buf) {
        checkpoint.run();
        super.writeBytes(buf);
    }

    @Override
    public void print(boolean b) {
        checkpoint.run();
        super.print(b);
    }

    @Override
    public void print(char c) {
        checkpoint.run();
        super.print(c);
    }

    @Override
    public void print(int i) {
        checkpoint.run();
        super.print(i);
    }

    @Override
    public void print(long l) {
        checkpoint.run();
        super.print(l);
    }

    @Override
    public void print(float f) {
        checkpoint.run();
        super.print(f);
    }

    @Override
    public void print(double d) {
        checkpoint.run();
        super.print(d);
    }

    @Override
    public void print(char[] s) {
        checkpoint.run();
        super.print(s);
    }

    @Override
    public void print(String s) {
        checkpoint.run();
        super.print(s);
    }

    @Override
    public void print(Object obj) {
        checkpoint.run();
        super.print(obj);
    }

    @Override
    public void println() {
        checkpoint.run();
        super.println();
    }

    @Override
    public void println(boolean x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public void println(char x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public void println(int x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public void println(long x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public void println(float x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public void println(double x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public void println(char[] x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public void println(String x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public void println(Object x) {
        checkpoint.run();
        super.println(x);
    }

    @Override
    public PrintStream format(String format, Object... args) {
        checkpoint.run();
        return super.format(format, args);
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        checkpoint.run();
        return super.format(l, format, args);
    }

    @Override
    public PrintStream append(CharSequence csq) {
        checkpoint.run();
        return super.append(csq);
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        checkpoint.run();
        return super.append(csq, start, end);
    }

    @Override
    public PrintStream append(char c) {
        checkpoint.run();
        return super.append(c);
    }
}
