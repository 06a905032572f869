package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.Quorum;

/**
 * Leader election (not a spec action: its outcome is the one {@code ElectLeader} event). Fast
 * leader election's rule: a looking server leads when it has the highest (currentEpoch, lastZxid,
 * id) among a quorum of looking servers it heard from recently; it follows a server that announces
 * it is leading, provided that leader is not behind it (so the leader never meets a follower
 * ahead of it in discovery). Votes age out after {@link #MAX_AGE} election ticks.
 */
final class ZabElection {
    static final int MAX_AGE = 2;

    private final int n;
    private final int[] epoch;
    private final long[] zxid;
    /** Ticks since the vote was heard; > MAX_AGE = none. */
    private final int[] age;

    ZabElection(int n) {
        this.n = n;
        epoch = new int[n + 1];
        zxid = new long[n + 1];
        age = new int[n + 1];
        clear();
    }

    void clear() {
        java.util.Arrays.fill(age, MAX_AGE + 1);
    }

    void record(int from, int e, long z) {
        epoch[from] = e;
        zxid[from] = z;
        age[from] = 0;
    }

    void tick() {
        for (int j = 1; j <= n; j++) {
            if (age[j] <= MAX_AGE) {
                age[j]++;
            }
        }
    }

    /** (e1, z1, id1) > (e2, z2, id2), lexicographically. */
    static boolean greater(int e1, long z1, int id1, int e2, long z2, int id2) {
        if (e1 != e2) {
            return e1 > e2;
        }
        if (z1 != z2) {
            return z1 > z2;
        }
        return id1 > id2;
    }

    /** Whether server {@code me} (with this epoch and last zxid) wins among a quorum of fresh votes. */
    boolean wins(int me, int e, long z) {
        long mask = Quorum.bit(me);
        for (int j = 1; j <= n; j++) {
            if (j == me || age[j] > MAX_AGE) {
                continue;
            }
            if (greater(epoch[j], zxid[j], j, e, z, me)) {
                return false;
            }
            mask |= Quorum.bit(j);
        }
        return Quorum.isMajority(mask, n);
    }
}
