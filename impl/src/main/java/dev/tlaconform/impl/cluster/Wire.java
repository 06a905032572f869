package dev.tlaconform.impl.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The frame kinds of the cluster's TCP protocol (each frame's first byte; {@link Frames} carries
 * them). A connection starts with HELLO naming the sender: a node id 1..N, or 0 for the driver
 * (the client workload and the nemesis's transport controls).
 */
public final class Wire {
    private Wire() {}

    /** HELLO(from:int, incarnation:int). */
    public static final byte HELLO = 1;
    /** MSG(clock: N+1 ints, message: codec bytes), node to node. */
    public static final byte MSG = 2;
    /** REQ(value: UTF), driver to node: a client request. */
    public static final byte REQ = 3;
    /** DECIDED(slot:int, value: UTF), node to driver. */
    public static final byte DECIDED = 4;
    /** BLOCK(out: long mask, in: long mask), driver to node: drop messages to / from these nodes. */
    public static final byte BLOCK = 5;
    /** STOP, driver to node: write the end line and exit. */
    public static final byte STOP = 6;
    /** DONE(flag: boolean), node to driver: {@code ProtocolNode.done()} changed. */
    public static final byte DONE = 7;

    /** Builds a frame payload: kind byte then what {@code body} writes. */
    public static byte[] frame(byte kind, Body body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        try (DataOutputStream d = new DataOutputStream(b)) {
            d.writeByte(kind);
            if (body != null) body.write(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    @FunctionalInterface
    public interface Body {
        void write(DataOutputStream d) throws IOException;
    }
}
