package dev.tlaconform.impl.pbft;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 digests of PBFT requests and checkpoint states (Castro and Liskov, OSDI 1999, 4.2:
 * PRE-PREPARE, PREPARE and COMMIT carry the digest d of the request m; 4.3: CHECKPOINT carries the
 * digest of the state). The trace logs each digest as 64 lowercase hex digits next to the
 * spec-level value it stands for (specs/pbft/EVENTS.md).
 *
 * <p>Canonical encodings (big-endian, so every JVM produces the same bytes):
 * a request is {@code "REQ" int client, long ts, UTF-8 length-prefixed op}; the null request of a
 * new view is {@code "NULL"}; a state is {@code "STATE" int count} followed by the request digests
 * (32 bytes each) in execution order.
 */
public final class Digests {
    private static final HexFormat HEX = HexFormat.of();

    private Digests() {}

    /** The digest of request (client, ts, op). */
    public static byte[] request(int client, long ts, String op) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes("REQ");
            out.writeInt(client);
            out.writeLong(ts);
            byte[] o = op.getBytes(StandardCharsets.UTF_8);
            out.writeInt(o.length);
            out.write(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256(bytes.toByteArray());
    }

    /** The digest of the null request (paper 4.4: it goes through the protocol and does nothing). */
    public static byte[] nullRequest() {
        return sha256("NULL".getBytes(StandardCharsets.US_ASCII));
    }

    /** The digest of the state after executing the requests with these digests, in order. */
    public static byte[] state(List<byte[]> executed) {
        MessageDigest md = newSha256();
        md.update("STATE".getBytes(StandardCharsets.US_ASCII));
        int n = executed.size();
        md.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        for (byte[] d : executed) {
            if (d.length != 32) {
                throw new IllegalArgumentException("not a SHA-256 digest: " + d.length + " bytes");
            }
            md.update(d);
        }
        return md.digest();
    }

    /** SHA-256 of the bytes. */
    public static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    /** 64 lowercase hex digits, as the trace logs a digest. */
    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
