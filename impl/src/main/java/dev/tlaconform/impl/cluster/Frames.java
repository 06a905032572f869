package dev.tlaconform.impl.cluster;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Length-prefixed framing on a TCP stream: a 4-byte big-endian length, then that many bytes. A
 * length outside 0..{@link #MAX} is a protocol error (the stream is out of step and is closed),
 * never an allocation of what a corrupt prefix says. A stream that ends inside a frame is an
 * {@link EOFException}; one that ends between frames returns null.
 */
public final class Frames {
    /** Largest frame accepted: 16 MiB (a PBFT NEW-VIEW with its proofs is a few KiB). */
    public static final int MAX = 16 << 20;

    private Frames() {}

    /** Writes one frame as one {@code write} call (prefix and payload together). */
    public static void write(OutputStream out, byte[] payload) throws IOException {
        if (payload.length > MAX) throw new IOException("frame of " + payload.length + " bytes exceeds " + MAX);
        byte[] b = new byte[4 + payload.length];
        int n = payload.length;
        b[0] = (byte) (n >>> 24);
        b[1] = (byte) (n >>> 16);
        b[2] = (byte) (n >>> 8);
        b[3] = (byte) n;
        System.arraycopy(payload, 0, b, 4, n);
        out.write(b);
    }

    /** The next frame's payload, or null at a clean end of stream (between frames). */
    public static byte[] read(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) return null;
        DataInputStream d = new DataInputStream(in);
        int n = (b0 << 24) | (d.readUnsignedByte() << 16) | (d.readUnsignedByte() << 8) | d.readUnsignedByte();
        if (n < 0 || n > MAX) throw new IOException("bad frame length " + n + " (max " + MAX + "): stream out of step");
        byte[] p = new byte[n];
        d.readFully(p);
        return p;
    }
}
