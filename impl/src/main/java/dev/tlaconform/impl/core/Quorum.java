package dev.tlaconform.impl.core;

/**
 * Majority-quorum arithmetic over node sets held as bit masks (bit k = node k, k in 1..63). Kept
 * dumb on purpose so a test can compare it with a literal reading of the definition.
 */
public final class Quorum {
    private Quorum() {}

    /** Largest cluster a mask can hold. */
    public static final int MAX_NODES = 63;

    public static long bit(int node) {
        return 1L << node;
    }

    public static boolean contains(long mask, int node) {
        return (mask & bit(node)) != 0;
    }

    /** True when the nodes in {@code mask} are a majority of n: 2·|Q| > n. */
    public static boolean isMajority(long mask, int n) {
        return 2 * Long.bitCount(mask) > n;
    }

    /** The node that owns ballot b in a cluster of n: Owner(b) == (b % N) + 1 of specs/paxos and specs/multipaxos. */
    public static int owner(int bal, int n) {
        return Math.floorMod(bal, n) + 1;
    }

    /** The smallest ballot b > {@code above} with b % n = id - 1 (node id owns it). */
    public static int nextOwnedBallot(int above, int id, int n) {
        int b = Math.max(above + 1, 0);
        int r = Math.floorMod(b, n);
        int want = id - 1;
        return b + Math.floorMod(want - r, n);
    }
}
