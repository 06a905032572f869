package dev.tlaconform.impl.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Byte-level deltas between two encodings of a node's durable state, so that a WAL record holds
 * what a batch of steps changed rather than the whole snapshot again (a Multi-Paxos snapshot holds a
 * vote for every slot of the log: ~10 bytes a slot, rewritten and fsync'd per batch otherwise).
 * The algorithm is rsync's (Tridgell and Mackerras, "The rsync algorithm", 1996): the old bytes are
 * indexed by blocks of {@link #BLOCK} bytes; the new bytes are scanned with a rolling checksum and a
 * block found in the index (compared byte for byte, never trusted on its hash) becomes a copy,
 * extended both ways as far as the bytes agree; what matches nothing is a literal. Insertions that
 * shift the rest (a string that got longer) cost only the bytes around them. Before searching, a
 * copy is tried at the offset the last one ended ({@link java.util.Arrays#mismatch}, vectorised),
 * so the long unchanged stretches between edits cost a comparison, not a checksum per byte.
 *
 * <p>Layout: a sequence of ops, each {@code COPY varint(offset) varint(length)} or
 * {@code LITERAL varint(length) bytes}. {@link #apply} checks every offset and length against the
 * old bytes and the input, so a damaged delta is an {@link IOException}, never wrong bytes silently
 * (the WAL's CRC catches damage first).
 */
public final class Delta {
    private Delta() {}

    static final int BLOCK = 32;
    private static final int COPY = 1, LITERAL = 2;

    /** The delta that turns {@code old} into {@code cur}. */
    public static byte[] diff(byte[] old, byte[] cur) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        Index index = null; // built on the first miss: a diff that only ever continues a match needs none
        int lit = 0; // start of the pending literal
        int i = 0;
        int shift = 0; // old offset minus cur offset of the last copy: after a small edit the bytes usually agree again there
        while (i + BLOCK <= cur.length) {
            int len = agree(old, i + shift, cur, i);
            if (len >= BLOCK) {
                literal(out, cur, lit, i);
                copy(out, i + shift, len);
                i += len;
                lit = i;
                continue;
            }
            // a small edit near i: the bytes agree again within NEAR bytes, at the same or a nearby offset of old
            int[] near = near(old, i + shift, cur, i);
            if (near != null) {
                literal(out, cur, lit, near[1]);
                int l = agree(old, near[0], cur, near[1]);
                copy(out, near[0], l);
                shift = near[0] - near[1];
                i = near[1] + l;
                lit = i;
                continue;
            }
            // search forward with the rolling checksum for a block of old, from i
            if (index == null) index = new Index(old);
            int h = hash(cur, i);
            int found = -1;
            int at = i;
            while (true) {
                int o = index.get(h);
                if (o >= 0 && same(old, o, cur, at, BLOCK)) {
                    found = o;
                    break;
                }
                if (at + BLOCK >= cur.length) break;
                h = roll(h, cur[at], cur[at + BLOCK]);
                at++;
            }
            if (found < 0) break;
            int start = at;
            int from = found;
            while (start > lit && from > 0 && old[from - 1] == cur[start - 1]) {
                start--;
                from--;
            }
            int l = agree(old, from, cur, start);
            literal(out, cur, lit, start);
            copy(out, from, l);
            shift = from - start;
            i = start + l;
            lit = i;
        }
        // the tail: whatever still agrees at the last shift, else a literal
        if (lit < cur.length) {
            int len = agree(old, lit + shift, cur, lit);
            if (len > 0 && lit + len == cur.length) {
                copy(out, lit + shift, len);
            } else {
                literal(out, cur, lit, cur.length);
            }
        }
        return out.toByteArray();
    }

    static final int NEAR = 64;

    /**
     * Where old and cur agree again for a block after a small edit at (o, c): cur's bytes inserted
     * (cur moves on, old stays), old's bytes deleted (old moves on) or overwritten (both move on), by
     * at most {@link #NEAR} bytes; {old offset, cur offset}, or null.
     */
    private static int[] near(byte[] old, int o, byte[] cur, int c) {
        for (int k = 1; k <= NEAR; k++) {
            if (agree(old, o + k, cur, c + k) >= BLOCK) return new int[] {o + k, c + k};
            if (agree(old, o, cur, c + k) >= BLOCK) return new int[] {o, c + k};
            if (agree(old, o + k, cur, c) >= BLOCK) return new int[] {o + k, c};
        }
        return null;
    }

    /** How many bytes from old[o] and cur[c] on are equal (0 if o is outside old). */
    private static int agree(byte[] old, int o, byte[] cur, int c) {
        if (o < 0 || o >= old.length || c >= cur.length) return 0;
        int m = java.util.Arrays.mismatch(old, o, old.length, cur, c, cur.length);
        return m < 0 ? Math.min(old.length - o, cur.length - c) : m;
    }

    private static void copy(ByteArrayOutputStream out, int from, int len) {
        out.write(COPY);
        varint(out, from);
        varint(out, len);
    }

    /** Old's blocks by checksum (the first block of each checksum): open addressing on int arrays, no boxing. */
    private static final class Index {
        final int[] keys;
        final int[] offsets;
        final int mask;

        Index(byte[] old) {
            int blocks = old.length / BLOCK;
            int cap = Integer.highestOneBit(Math.max(16, blocks * 2)) << 1;
            keys = new int[cap];
            offsets = new int[cap];
            java.util.Arrays.fill(offsets, -1);
            mask = cap - 1;
            for (int o = 0; o + BLOCK <= old.length; o += BLOCK) {
                int h = hash(old, o);
                int k = mix(h) & mask;
                while (offsets[k] >= 0 && keys[k] != h) k = (k + 1) & mask;
                if (offsets[k] < 0) {
                    keys[k] = h;
                    offsets[k] = o;
                }
            }
        }

        int get(int h) {
            int k = mix(h) & mask;
            while (offsets[k] >= 0) {
                if (keys[k] == h) return offsets[k];
                k = (k + 1) & mask;
            }
            return -1;
        }

        private static int mix(int h) {
            return h * 0x9E3779B9 ^ (h >>> 15);
        }
    }

    /** The bytes {@code delta} makes of {@code old}; a delta that does not fit them is an IOException. */
    public static byte[] apply(byte[] old, byte[] delta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(old.length + 64);
        int[] pos = {0};
        while (pos[0] < delta.length) {
            int op = delta[pos[0]++];
            if (op == COPY) {
                int from = readVarint(delta, pos);
                int len = readVarint(delta, pos);
                if (from < 0 || len < 0 || from > old.length - len) throw new IOException("delta: copy of " + len + " bytes at " + from + " outside " + old.length);
                out.write(old, from, len);
            } else if (op == LITERAL) {
                int len = readVarint(delta, pos);
                if (len < 0 || len > delta.length - pos[0]) throw new IOException("delta: literal of " + len + " bytes, " + (delta.length - pos[0]) + " left");
                out.write(delta, pos[0], len);
                pos[0] += len;
            } else {
                throw new IOException("delta: unknown op " + op + " at byte " + (pos[0] - 1));
            }
        }
        return out.toByteArray();
    }

    private static void literal(ByteArrayOutputStream out, byte[] cur, int from, int to) {
        if (to <= from) return;
        out.write(LITERAL);
        varint(out, to - from);
        out.write(cur, from, to - from);
    }

    private static boolean same(byte[] a, int ai, byte[] b, int bi, int len) {
        return java.util.Arrays.equals(a, ai, ai + len, b, bi, bi + len);
    }

    // Adler-style rolling checksum of BLOCK bytes: s1 = sum of bytes, s2 = sum of running s1
    private static int hash(byte[] b, int from) {
        int s1 = 0;
        int s2 = 0;
        for (int k = 0; k < BLOCK; k++) {
            s1 += b[from + k] & 0xff;
            s2 += s1;
        }
        return (s1 & 0xffff) | (s2 << 16);
    }

    private static int roll(int h, byte outB, byte inB) {
        int s1 = h & 0xffff;
        int s2 = h >>> 16;
        int o = outB & 0xff;
        int in = inB & 0xff;
        s1 = (s1 - o + in) & 0xffff;
        s2 = (s2 - BLOCK * o + s1) & 0xffff;
        return s1 | (s2 << 16);
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(byte[] b, int[] pos) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos[0] >= b.length) throw new IOException("delta: cut inside a number");
            int x = b[pos[0]++];
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) return v;
        }
        throw new IOException("delta: number too long");
    }
}
