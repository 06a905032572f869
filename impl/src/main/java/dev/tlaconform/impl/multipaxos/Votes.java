package dev.tlaconform.impl.multipaxos;

import dev.tlaconform.impl.core.JsonOut;
import java.util.Arrays;

/**
 * An acceptor's vote in every slot (ballot, value; -1 and "" for none), kept in chunks that the
 * durable snapshots share copy-on-write: {@link #snapshot()} costs one reference per chunk and a
 * write after it copies one chunk, so persisting a vote does not copy a long log.
 */
final class Votes {
    static final int CHUNK = 1024;
    private final int slots;
    private final int[][] bal;
    private final String[][] val;
    /** Chunk c is referenced by a snapshot: copy it before writing. */
    private final boolean[] shared;

    Votes(int slots) {
        this.slots = slots;
        int chunks = (slots + CHUNK - 1) / CHUNK;
        bal = new int[chunks][];
        val = new String[chunks][];
        shared = new boolean[chunks];
        for (int c = 0; c < chunks; c++) {
            int len = Math.min(CHUNK, slots - c * CHUNK);
            bal[c] = new int[len];
            Arrays.fill(bal[c], -1);
            val[c] = new String[len];
            Arrays.fill(val[c], "");
        }
    }

    int slots() {
        return slots;
    }

    /** The ballot of the vote in slot s (1-based), -1 for none. */
    int bal(int s) {
        return bal[(s - 1) / CHUNK][(s - 1) % CHUNK];
    }

    /** The value of the vote in slot s (1-based), "" for none. */
    String val(int s) {
        return val[(s - 1) / CHUNK][(s - 1) % CHUNK];
    }

    void set(int s, int b, String v) {
        int c = (s - 1) / CHUNK;
        if (shared[c]) {
            bal[c] = bal[c].clone();
            val[c] = val[c].clone();
            shared[c] = false;
        }
        bal[c][(s - 1) % CHUNK] = b;
        val[c][(s - 1) % CHUNK] = v;
    }

    /** An immutable copy: these chunks, from now on copied before this object writes them. */
    Snapshot snapshot() {
        Arrays.fill(shared, true);
        return new Snapshot(slots, bal.clone(), val.clone());
    }

    int[] bals() {
        int[] a = new int[slots];
        for (int s = 1; s <= slots; s++) {
            a[s - 1] = bal(s);
        }
        return a;
    }

    String[] vals() {
        String[] a = new String[slots];
        for (int s = 1; s <= slots; s++) {
            a[s - 1] = val(s);
        }
        return a;
    }

    /** Immutable votes (chunks no one writes any more). */
    record Snapshot(int slots, int[][] bal, String[][] val) {
        int balAt(int s) {
            return bal[(s - 1) / CHUNK][(s - 1) % CHUNK];
        }

        String valAt(int s) {
            return val[(s - 1) / CHUNK][(s - 1) % CHUNK];
        }

        static Snapshot of(int[] bals, String[] vals) {
            Votes v = new Votes(bals.length);
            for (int s = 1; s <= bals.length; s++) {
                v.set(s, bals[s - 1], vals[s - 1]);
            }
            return v.snapshot();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot x && x.slots == slots && Arrays.deepEquals(x.bal, bal) && Arrays.deepEquals(x.val, val);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(bal) * 31 + Arrays.deepHashCode(val);
        }
    }

    /** Writes votes as the trace does: [{"mbal": b, "mval": v}, ...]. */
    static void writeVotes(JsonOut out, int[] bal, String[] val) {
        out.beginArray();
        for (int s = 0; s < bal.length; s++) {
            out.beginObject().field("mbal", bal[s]).field("mval", val[s]).endObject();
        }
        out.endArray();
    }

    static void writeVote(JsonOut out, int bal, String val) {
        out.beginObject().field("mbal", bal).field("mval", val).endObject();
    }
}
