package dev.tlaconform.impl.fastpaxos;

import dev.tlaconform.impl.core.Mutant;

/**
 * Seeded bugs of {@link FastPaxosNode} ({@code tlaconform mutants}): each is one named switch at
 * the line the bug lives on, off unless {@code SimConfig.mutant()} names it. Each breaks a rule of
 * Lamport's "Fast Paxos" (2006) or the durability contract of specs/fastpaxos/FastPaxos.tla.
 */
public enum FastPaxosMutant implements Mutant {
    /** Learn decides a fast ballot on FQ - 1 equal 2b (with N = 4 a classic quorum is as large as a fast one). */
    FAST_QUORUM_TOO_SMALL("fast-quorum-too-small", "learner decides a fast ballot on one 2b fewer than a fast quorum"),
    /** The picking rule takes the least-voted reported value instead of the one a fast quorum may have chosen. */
    ANY_REPORTED_VALUE("any-reported-value", "coordinator takes any reported value of a fast ballot, not the one a fast quorum may have chosen"),
    /** Recover sends the first proposal the coordinator received, ignoring the fast ballot's votes. */
    RECOVERY_IGNORES_FAST_ROUND("recovery-ignores-fast-round", "coordinated recovery proposes its own first proposal, ignoring the fast ballot's votes"),
    /** FastVote without its guard maxVBal < maxBal: an acceptor votes for every proposal it receives. */
    FAST_VOTE_TWICE("fast-vote-twice", "acceptor votes again in the same fast ballot for a later proposal"),
    /** Phase2a of a fast ballot sends Any even when the reports constrain the value. */
    ANY_DESPITE_VOTES("any-despite-votes", "coordinator opens a fast ballot with Any although phase 1 reported votes"),
    /** Phase2b without its guard m.bal >= maxBal. */
    ACCEPT_BELOW_PROMISE("accept-below-promise", "acceptor votes for a 2a whose ballot is below its promise"),
    /** Recover on the first two disagreeing 2b, without a classic quorum of them. */
    RECOVER_WITHOUT_QUORUM("recover-without-quorum", "coordinator recovers from a collision seen in fewer than a classic quorum of 2b"),
    /** Restart brings back the promise but not the last vote. */
    RESTART_FORGETS_VOTE("restart-forgets-vote", "a restarted acceptor reloads its promise but forgets its last vote");

    private final String label;
    private final String description;

    FastPaxosMutant(String label, String description) {
        this.label = label;
        this.description = description;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String description() {
        return description;
    }

    /** The mutant labelled {@code label}, or null for null (no mutant). */
    public static FastPaxosMutant of(String label) {
        return Mutant.of(values(), label);
    }
}
