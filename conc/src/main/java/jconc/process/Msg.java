package jconc.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Internal: one message on a {@link Link}. {@code args} are wire values (see {@link Codec}).
 *
 * @param kind   what the message is (request, reply, one-way, cancel)
 * @param id     the request id a reply or cancel refers to
 * @param target the service the message is for
 * @param op     the operation
 * @param args   the arguments, or the reply's value
 */
record Msg(int kind, long id, String target, String op, Object[] args) {
    static final int REQUEST = 1, REPLY = 2, FAILURE = 3, ONEWAY = 4, CANCEL = 5;
    /** The reply value of a request that a cancel stopped before it took effect. */
    static final String CANCELLED_REPLY = "jconc:cancelled";

    /** A message that has no reply. */
    static Msg oneway(String target, String op, Object[] args) {
        return new Msg(ONEWAY, 0, target, op, args);
    }

    /** A one-way message that only carries {@code wire} (a value sent through a pipe). */
    static Msg carrying(Object wire) {
        return oneway(null, null, new Object[] {wire});
    }

    /** A reply's value: its only argument, or null. */
    Object value() {
        return args == null || args.length == 0 ? null : args[0];
    }

    void write(DataOutputStream out) throws IOException {
        out.writeByte(kind);
        out.writeLong(id);
        Codec.write(out, target);
        Codec.write(out, op);
        Codec.write(out, args);
    }

    static Msg read(DataInputStream in) throws IOException {
        int kind = in.readByte();
        long id = in.readLong();
        String target = (String) Codec.read(in);
        String op = (String) Codec.read(in);
        Object[] args = (Object[]) Codec.read(in);
        return new Msg(kind, id, target, op, args);
    }
}
