package jconc.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Internal: the values that travel between processes. A "wire value" is {@code null}, an
 * {@link Integer}, {@link Long}, {@link Double}, {@link Boolean}, {@link String}, a
 * {@code byte[]}, an {@code Object[]} of wire values, or a {@link Blob} (anything else, Java
 * serialized). Blobs are deserialized only by the thread that consumes the value, never by a
 * socket reader, and only with {@link Loaders#current()} so that notebook classes resolve.
 *
 * <p>Public because the helper API turns the values it sends into wire values and back, and
 * serializes the work it sends, with this one codec.
 */
public final class Codec {
    private static final int NULL = 0, INT = 1, LONG = 2, DOUBLE = 3, BOOL = 4, STRING = 5,
            BYTES = 6, ARRAY = 7, BLOB = 8;

    private Codec() {
    }

    /** Java-serialized bytes of one object, compared by content. */
    public record Blob(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Blob b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Blob[" + bytes.length + " bytes]";
        }
    }

    /** Turns a value into its wire form, serializing it if needed (the copy semantics of IPC). */
    public static Object toWire(Object value) {
        if (value == null || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof byte[] b) {
            return b.clone();
        }
        return new Blob(serialize(value));
    }

    /** Turns a wire value back into an object (a fresh copy for blobs and byte arrays). */
    public static Object fromWire(Object wire) {
        if (wire instanceof Blob b) {
            return deserialize(b.bytes());
        }
        if (wire instanceof byte[] b) {
            return b.clone();
        }
        return wire;
    }

    /** Java-serializes {@code value}; a failure names the value that could not be written. */
    public static byte[] serialize(Object value) {
        return serialize(value, value);
    }

    /**
     * Serializes {@code value}, an adapter around what the user gave, {@code subject}: a failure
     * names what in {@code subject} could not be serialized.
     */
    public static byte[] serialize(Object value, Object subject) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(describeUnserializable(subject, e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + typeName(subject) + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    /** Deserializes with the dynamic classes of this process (notebook cells) in view. */
    static Object deserialize(byte[] bytes) {
        try (var in = new LoaderObjectInput(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot deserialize a value from another process: " + e, e);
        }
    }

    static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /**
     * Builds a message that names what could not be serialized: for a lambda, which captured
     * value; otherwise the class the serializer stopped at.
     */
    static String describeUnserializable(Object value, NotSerializableException e) {
        String culprit = find(value, "", 0);
        if (culprit == null) {
            culprit = "a " + e.getMessage() + " inside it";
        }
        return "cannot send " + describe(value) + " to another process: " + culprit
                + " is not Serializable. Capture or pass only serializable values (records and classes"
                + " that implement Serializable, strings, numbers, collections of them, jconc queues,"
                + " pipes, locks and managed collections).";
    }

    /** Finds the first value that is not serializable, through lambdas' captures and records' components. */
    private static String find(Object value, String path, int depth) {
        if (value == null || depth > 4) {
            return null;
        }
        if (!(value instanceof Serializable)) {
            return (path.isEmpty() ? "it" : path) + " (a " + value.getClass().getName() + ": " + abbreviate(value) + ")";
        }
        SerializedLambda lambda = serializedLambda(value);
        if (lambda != null) {
            String owner = lambda.getCapturingClass().replace('/', '.');
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                String found = find(lambda.getCapturedArg(i),
                        "captured value #" + (i + 1) + " of the lambda in " + owner, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Job && value.getClass().getPackageName().equals("jconc")) {
            for (var f : value.getClass().getDeclaredFields()) {
                try {
                    f.setAccessible(true);
                    String name = f.getName().equals("target") ? "the target" : "argument " + f.getName();
                    String found = find(f.get(value), name, depth + 1);
                    if (found != null) {
                        return found;
                    }
                } catch (ReflectiveOperationException | RuntimeException ex) {
                    // keep looking
                }
            }
            return null;
        }
        if (value instanceof Record) {
            for (var c : value.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    Object v = c.getAccessor().invoke(value);
                    boolean ours = value.getClass().getPackageName().equals("jconc");
                    String name = ours
                            ? (c.getName().equals("target") || c.getName().equals("f") ? "the target" : "argument " + c.getName())
                            : "component " + c.getName() + " of " + value.getClass().getSimpleName();
                    String found = find(v, name, depth + 1);
                    if (found != null) {
                        return found;
                    }
                } catch (ReflectiveOperationException | RuntimeException ex) {
                    // keep looking
                }
            }
        }
        return null;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().getPackageName().equals("jconc")) {
            return "the work";
        }
        String name = value.getClass().getName();
        return name.contains("$$Lambda") ? "a lambda" : "a " + name;
    }

    private static String abbreviate(Object arg) {
        String s;
        try {
            s = String.valueOf(arg);
        } catch (RuntimeException e) {
            s = arg.getClass().getSimpleName();
        }
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static SerializedLambda serializedLambda(Object value) {
        if (value == null || !value.getClass().isSynthetic()) {
            return null;
        }
        try {
            Method m = value.getClass().getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            return m.invoke(value) instanceof SerializedLambda s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Writes one wire value. */
    public static void write(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOL);
            out.writeBoolean(b);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof byte[] b) {
            out.writeByte(BYTES);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Object[] a) {
            out.writeByte(ARRAY);
            out.writeInt(a.length);
            for (Object o : a) {
                write(out, o);
            }
        } else if (v instanceof Blob b) {
            out.writeByte(BLOB);
            out.writeInt(b.bytes().length);
            out.write(b.bytes());
        } else {
            throw new IllegalArgumentException("not a wire value: " + v.getClass().getName());
        }
    }

    /** Reads one wire value (blobs stay blobs). */
    public static Object read(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case BOOL:
                return in.readBoolean();
            case STRING:
                return new String(readBytes(in), StandardCharsets.UTF_8);
            case BYTES:
                return readBytes(in);
            case ARRAY: {
                int n = in.readInt();
                Object[] a = new Object[n];
                for (int i = 0; i < n; i++) {
                    a[i] = read(in);
                }
                return a;
            }
            case BLOB:
                return new Blob(readBytes(in));
            default:
                throw new IOException("corrupt stream: tag " + tag);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt stream: length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** An ObjectInputStream that resolves classes through this process's dynamic classes. */
    static final class LoaderObjectInput extends ObjectInputStream {
        LoaderObjectInput(java.io.InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, Loaders.current());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
