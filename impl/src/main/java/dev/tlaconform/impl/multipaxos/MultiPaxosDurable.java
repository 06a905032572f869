package dev.tlaconform.impl.multipaxos;

import java.util.Arrays;

/**
 * Everything a Multi-Paxos node makes durable: the acceptor's promise and its vote in every slot,
 * and the proposer's ballot (specs/multipaxos/EVENTS.md, "Durability contract"). Immutable: the
 * arrays are copies made at construction and never handed out.
 */
public final class MultiPaxosDurable {
    private final int maxBal;
    private final int[] voteBal;
    private final String[] voteVal;
    private final int pBal;

    public MultiPaxosDurable(int maxBal, int[] voteBal, String[] voteVal, int pBal) {
        this.maxBal = maxBal;
        this.voteBal = voteBal.clone();
        this.voteVal = voteVal.clone();
        this.pBal = pBal;
    }

    public int maxBal() {
        return maxBal;
    }

    public int pBal() {
        return pBal;
    }

    public int slots() {
        return voteBal.length;
    }

    /** The vote's ballot in slot s (1-based), -1 for none. */
    public int voteBal(int s) {
        return voteBal[s - 1];
    }

    /** The vote's value in slot s (1-based), "" for none. */
    public String voteVal(int s) {
        return voteVal[s - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiPaxosDurable d && d.maxBal == maxBal && d.pBal == pBal
                && Arrays.equals(d.voteBal, voteBal) && Arrays.equals(d.voteVal, voteVal);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * maxBal + pBal) + Arrays.hashCode(voteBal);
    }

    @Override
    public String toString() {
        return "MultiPaxosDurable[maxBal=" + maxBal + ", votes=" + Arrays.toString(voteBal) + Arrays.toString(voteVal)
                + ", pBal=" + pBal + "]";
    }
}
