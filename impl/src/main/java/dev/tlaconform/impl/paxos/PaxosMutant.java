package dev.tlaconform.impl.paxos;

import dev.tlaconform.impl.core.Mutant;

/**
 * Seeded bugs of {@link PaxosNode} ({@code tlaconform mutants}): each is one named switch at the
 * line the bug lives on, off unless {@code SimConfig.mutant()} names it. Each breaks a rule of
 * "Paxos Made Simple" (or the durability contract of specs/paxos/Paxos.tla's Restart).
 */
public enum PaxosMutant implements Mutant {
    /** Phase2b without its guard m.bal >= maxBal. */
    ACCEPT_BELOW_PROMISE("accept-below-promise", "acceptor votes for a 2a whose ballot is below its promise"),
    /** HandlePromise counts the promise but drops the reported vote. */
    IGNORE_PROMISE_VOTES("ignore-promise-votes", "proposer ignores the votes reported in 1b messages"),
    /** Phase1b replies before its new promise is made durable. */
    PROMISE_NOT_DURABLE("promise-not-durable", "acceptor sends its 1b without making the promise durable first"),
    /** HandlePromise keeps the lowest-ballot vote instead of the highest. */
    LOWEST_BALLOT_VALUE("lowest-ballot-value", "proposer adopts the lowest-ballot vote reported, not the highest"),
    /** Phase1b without its guard m.bal > maxBal. */
    PROMISE_WITHOUT_BALLOT_CHECK("promise-without-ballot-check", "acceptor promises any 1a, even one not above its promise"),
    /** Learn decides on a single 2b. */
    LEARN_ON_MINORITY("learn-on-minority", "learner decides on one 2b instead of a quorum"),
    /** Phase2a after the first promise. */
    PHASE2A_WITHOUT_QUORUM("phase2a-without-quorum", "proposer sends its 2a after one promise, not a quorum"),
    /** Restart brings back the promise but not the last vote. */
    RESTART_FORGETS_VOTE("restart-forgets-vote", "a restarted acceptor reloads its promise but forgets its last vote");

    private final String label;
    private final String description;

    PaxosMutant(String label, String description) {
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
    public static PaxosMutant of(String label) {
        return Mutant.of(values(), label);
    }
}
