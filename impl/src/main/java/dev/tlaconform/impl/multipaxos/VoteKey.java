package dev.tlaconform.impl.multipaxos;

/** A (slot, ballot, value) the learner counts 2b messages for (MultiPaxosNode's l2b), in that order. */
record VoteKey(int slot, int bal, String val) implements Comparable<VoteKey> {
    @Override
    public int compareTo(VoteKey o) {
        int c = Integer.compare(slot, o.slot);
        if (c == 0) {
            c = Integer.compare(bal, o.bal);
        }
        return c != 0 ? c : val.compareTo(o.val);
    }
}
