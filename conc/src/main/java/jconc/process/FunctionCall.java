package jconc.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Internal: a pool task in a compact form: a {@link Job.Function} (serialized once, then named by
 * its id, since a pool usually runs one function on many arguments) and its arguments as wire
 * values. A worker keeps the last function it received, so a stream of tasks for the same
 * function sends only arguments.
 */
final class FunctionCall {
    /** The first byte of such a payload; Java serialization streams start with 0xAC. */
    static final byte MAGIC = 0x01;
    private static long lastId = -1;
    private static Object lastFunction;

    private FunctionCall() {
    }

    /** The payload for function {@code id} ({@code bytes} null when the worker already has it). */
    static byte[] encode(long id, byte[] bytes, Object[] argWires) {
        var buffer = new ByteArrayOutputStream(64 + (bytes == null ? 0 : bytes.length));
        try (var out = new DataOutputStream(buffer)) {
            out.writeByte(MAGIC);
            out.writeLong(id);
            Codec.write(out, bytes);
            Codec.write(out, argWires);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static boolean isOne(byte[] payload) {
        return payload.length > 0 && payload[0] == MAGIC;
    }

    /** Runs the call in this (worker) process. */
    static Object run(byte[] payload) throws Exception {
        var in = new DataInputStream(new ByteArrayInputStream(payload));
        in.readByte();
        long id = in.readLong();
        byte[] bytes = (byte[]) Codec.read(in);
        Object[] args = (Object[]) Codec.read(in);
        Object f;
        if (bytes != null) {
            f = Codec.deserialize(bytes);
            lastId = id;
            lastFunction = f;
        } else if (id == lastId) {
            f = lastFunction;
        } else {
            throw new IllegalStateException("function " + id + " was never sent to this worker");
        }
        Object[] a = new Object[args.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Codec.fromWire(args[i]);
        }
        return invoke(f, a);
    }

    private static Object invoke(Object f, Object[] a) throws Exception {
        if (f instanceof Job.Function fn) {
            return fn.apply(a);
        }
        throw new IllegalArgumentException("cannot call " + f.getClass().getName() + " with " + a.length + " arguments");
    }
}
