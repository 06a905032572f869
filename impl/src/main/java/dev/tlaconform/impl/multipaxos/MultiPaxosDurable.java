package dev.tlaconform.impl.multipaxos;

import java.util.Arrays;

/**
 * Everything a Multi-Paxos node makes durable: the acceptor's promise and its vote in every slot,
 * and the proposer's ballot (specs/multipaxos/EVENTS.md, "Durability contract"). Immutable: the
 * votes are a {@link Votes.Snapshot}, chunks the node copies before it writes them again, so
 * persisting a vote costs one reference per chunk, not a copy of the log.
 */
public final class MultiPaxosDurable {
    private final int maxBal;
    private final Votes.Snapshot votes;
    private final int pBal;

    public MultiPaxosDurable(int maxBal, int[] voteBal, String[] voteVal, int pBal) {
        this(maxBal, Votes.Snapshot.of(voteBal, voteVal), pBal);
    }

    MultiPaxosDurable(int maxBal, Votes.Snapshot votes, int pBal) {
        this.maxBal = maxBal;
        this.votes = votes;
        this.pBal = pBal;
    }

    public int maxBal() {
        return maxBal;
    }

    public int pBal() {
        return pBal;
    }

    public int slots() {
        return votes.slots();
    }

    /** The vote's ballot in slot s (1-based), -1 for none. */
    public int voteBal(int s) {
        return votes.balAt(s);
    }

    /** The vote's value in slot s (1-based), "" for none. */
    public String voteVal(int s) {
        return votes.valAt(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiPaxosDurable d && d.maxBal == maxBal && d.pBal == pBal && d.votes.equals(votes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * maxBal + pBal) + votes.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MultiPaxosDurable[maxBal=").append(maxBal).append(", votes=");
        for (int s = 1; s <= slots(); s++) {
            b.append(s == 1 ? "[" : ", ").append(voteBal(s)).append('/').append(voteVal(s));
        }
        return b.append("], pBal=").append(pBal).append(']').toString();
    }
}
