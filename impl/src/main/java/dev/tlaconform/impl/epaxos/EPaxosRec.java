package dev.tlaconform.impl.epaxos;

import dev.tlaconform.impl.core.JsonOut;
import java.util.Arrays;

/**
 * A replica's record of one instance (EPaxos.tla's Rec): status, command, dependencies (sorted
 * instances), seq, the promised ballot {@code bal}, the ballot {@code abal} the attributes were
 * written at (-1 none) and {@code fast} (pre-accepted at ballot 0 with the leader's attributes
 * unchanged). Immutable.
 */
public record EPaxosRec(String status, String cmd, int[] deps, int seq, int bal, int abal, boolean fast) {
    public static final String NONE = "none";
    public static final String PREACCEPTED = "preaccepted";
    public static final String ACCEPTED = "accepted";
    public static final String COMMITTED = "committed";
    static final int[] NO_DEPS = new int[0];
    public static final EPaxosRec EMPTY = new EPaxosRec(NONE, "", NO_DEPS, 0, 0, -1, false);

    public boolean committed() {
        return status.equals(COMMITTED);
    }

    EPaxosRec withBal(int b) {
        return new EPaxosRec(status, cmd, deps, seq, b, abal, fast);
    }

    EPaxosRec committedAs(String c, int[] d, int s) {
        return new EPaxosRec(COMMITTED, c, d, s, bal, abal, false);
    }

    /** The union of two sorted dependency sets, sorted. */
    static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int x = 0;
        int y = 0;
        int k = 0;
        while (x < a.length || y < b.length) {
            int v = y >= b.length || (x < a.length && a[x] <= b[y]) ? a[x] : b[y];
            if (x < a.length && a[x] == v) {
                x++;
            }
            if (y < b.length && b[y] == v) {
                y++;
            }
            out[k++] = v;
        }
        return Arrays.copyOf(out, k);
    }

    void writeJson(JsonOut out) {
        out.beginObject().field("status", status).field("cmd", cmd);
        EPaxosMessage.writeDeps(out, deps);
        out.field("seq", seq).field("bal", bal).field("abal", abal).field("fast", fast).endObject();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EPaxosRec r && r.status.equals(status) && r.cmd.equals(cmd) && Arrays.equals(r.deps, deps)
                && r.seq == seq && r.bal == bal && r.abal == abal && r.fast == fast;
    }

    @Override
    public int hashCode() {
        return ((status.hashCode() * 31 + cmd.hashCode()) * 31 + Arrays.hashCode(deps)) * 31 + seq * 7 + bal * 3 + abal;
    }

    @Override
    public String toString() {
        return "[" + status + " " + cmd + " deps=" + Arrays.toString(deps) + " seq=" + seq + " bal=" + bal + " abal="
                + abal + (fast ? " fast" : "") + "]";
    }
}
