package dev.tlaconform.impl.multipaxos;

import dev.tlaconform.impl.core.Counts;
import java.util.TreeSet;

/**
 * What a Multi-Paxos node reads of its logs, kept as counts while the logs change (O(1) a step):
 * which values are in use (decided, proposed in this ballot, or reported by a promise), which
 * pending commands are free (Phase2a case (c) may propose them), which wanted commands no slot
 * decided (of the commands this node was handed), the holes below the highest decided slot, and the own proposals not decided.
 */
final class LogCounts {
    /** The node's pending commands (read only: free is pending not in use). */
    private final TreeSet<String> pending;
    /** The commands this node was handed. */
    private final TreeSet<String> wanted = new TreeSet<>();
    private int highestDecided;
    /** Undecided slots below highestDecided. */
    private int holes;
    /** Slots this leader proposed in (pProposed non-empty) that are not decided. */
    private int proposedOpen;
    /** How many slots decided each value (membership only). */
    private final Counts decidedCount = new Counts();
    /** How many slots of pProposed and of pHigh (with a vote) hold each value (membership only). */
    private final Counts viewCount = new Counts();
    /** Wanted commands no slot decided. */
    private final TreeSet<String> missing = new TreeSet<>();
    /** The pending commands not in use (what Phase2a case (c) may propose), in pending's order. */
    private final TreeSet<String> free = new TreeSet<>();

    LogCounts(TreeSet<String> pending) {
        this.pending = pending;
    }

    /** Already in this leader's view of the log: decided, proposed, or reported by a promise. */
    boolean inUse(String c) {
        return count(decidedCount, c) > 0 || count(viewCount, c) > 0;
    }

    private static int count(Counts m, String v) {
        return m.get(v);
    }

    /** Adds d to v's count in m (decidedCount or viewCount), keeping free = pending not in use. */
    private void bump(Counts m, String v, int d) {
        boolean used = inUse(v);
        m.add(v, d);
        if (used && !inUse(v) && pending.contains(v)) {
            free.add(v);
        } else if (!used && inUse(v)) {
            free.remove(v);
        }
    }

    /** This node was handed command c: whether it is wanted for the first time. */
    boolean want(String c) {
        boolean fresh = wanted.add(c);
        if (fresh && count(decidedCount, c) == 0) {
            missing.add(c);
        }
        return fresh;
    }

    /** Command c was added to pending. */
    void pendingAdded(String c) {
        if (!inUse(c)) {
            free.add(c);
        }
    }

    /** The pending commands not in use, in pending's order (the caller removes what it takes). */
    TreeSet<String> free() {
        return free;
    }

    /** A new ballot: nothing proposed or reported in it yet. */
    void newBallot() {
        proposedOpen = 0;
        viewCount.clear();
        free.clear();
        for (String c : pending) {
            if (!inUse(c)) {
                free.add(c);
            }
        }
    }

    /** A promise reported {@code v} for a slot whose highest report was {@code old} ({@code hadVote} false: none). */
    void reported(boolean hadVote, String old, String v) {
        if (hadVote) {
            bump(viewCount, old, -1);
        }
        bump(viewCount, v, 1);
    }

    /** This leader proposes v in a slot that held proposal {@code old} ("" none) and decision {@code decided}. */
    void proposed(String old, String decided, String v) {
        if (!old.isEmpty()) {
            bump(viewCount, old, -1);
        } else if (decided.isEmpty()) {
            proposedOpen++;
        }
        bump(viewCount, v, 1);
    }

    /** Slot s is decided v; it held decision {@code old} ("" none) and proposal {@code proposed}. */
    void decided(int s, String old, String proposed, String v) {
        if (old.isEmpty()) {
            if (s > highestDecided) {
                holes += s - highestDecided - 1;
                highestDecided = s;
            } else {
                holes--;
            }
            if (!proposed.isEmpty()) {
                proposedOpen--;
            }
        } else {
            bump(decidedCount, old, -1);
            if (count(decidedCount, old) == 0 && wanted.contains(old)) {
                missing.add(old);
            }
        }
        bump(decidedCount, v, 1);
        missing.remove(v);
    }

    /**
     * Every wanted command is in the log, the log has no hole, and (for a leader in phase 2,
     * {@code leading}) every own proposal is decided.
     */
    boolean satisfied(boolean leading) {
        if (leading && proposedOpen > 0) {
            return false;
        }
        return holes == 0 && missing.isEmpty();
    }
}
