package dev.tlaconform.impl.multipaxos;

import dev.tlaconform.impl.core.Mutant;

/**
 * Seeded bugs of {@link MultiPaxosNode} ({@code tlaconform mutants}): each is one named switch at
 * the line the bug lives on, off unless {@code SimConfig.mutant()} names it. Paxos's bugs per slot,
 * plus the leader's own: phase 1 skipped on a take-over, holes filled with client commands, new
 * commands appended over slots that hold reported votes.
 */
public enum MultiPaxosMutant implements Mutant {
    /** Phase2b without its guard m.bal >= maxBal. */
    ACCEPT_BELOW_PROMISE("accept-below-promise", "acceptor votes in a slot for a 2a whose ballot is below its promise"),
    /** HandlePromise counts the promise but drops the reported votes. */
    IGNORE_PROMISE_VOTES("ignore-promise-votes", "leader ignores the per-slot votes reported in 1b messages"),
    /** Phase1b replies before its new promise is made durable. */
    PROMISE_NOT_DURABLE("promise-not-durable", "acceptor sends its 1b without making the promise durable first"),
    /** A node taking over from another leader goes straight to phase 2. */
    SKIP_PHASE1_ON_TAKEOVER("skip-phase1-on-takeover", "a node taking over from another leader skips phase 1 and proposes at once"),
    /** BecomeLeader fills a hole below pNext with a pending command instead of noop. */
    FILL_GAP_WITH_COMMAND("fill-gap-with-command", "a new leader fills a hole in the log with a client command instead of noop"),
    /** BecomeLeader starts appending at slot 1, ignoring HighSlot. */
    NEXT_SLOT_IGNORES_VOTES("next-slot-ignores-votes", "a new leader appends commands from slot 1, over slots with reported votes"),
    /** Learn decides a slot on a single 2b. */
    LEARN_ON_MINORITY("learn-on-minority", "learner decides a slot on one 2b instead of a quorum"),
    /** BecomeLeader after the first promise. */
    LEAD_WITHOUT_QUORUM("lead-without-quorum", "a node becomes leader after one promise, not a quorum"),
    /** Restart brings back the promise but not the votes. */
    RESTART_FORGETS_VOTES("restart-forgets-votes", "a restarted acceptor reloads its promise but forgets its votes");

    private final String label;
    private final String description;

    MultiPaxosMutant(String label, String description) {
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
    public static MultiPaxosMutant of(String label) {
        return Mutant.of(values(), label);
    }
}
