package dev.tlaconform.impl.epaxos;

import dev.tlaconform.impl.core.Mutant;

/**
 * Seeded bugs of {@link EPaxosNode} ({@code tlaconform mutants}): each is one named switch at the
 * line the bug lives on, off unless {@code SimConfig.mutant()} names it. The first is the original
 * EPaxos recovery (Sutra, arXiv 1906.10917): specs/epaxos/EPaxos.tla with Recovery = "original".
 */
public enum EPaxosMutant implements Mutant {
    /** A Prepare reply reports the record's promise (one ballot variable) as the ballot of its attributes. */
    ORIGINAL_RECOVERY("original-recovery", "Prepare replies report the promised ballot as the vote's ballot (one ballot variable, Sutra 2019)"),
    /** The fast path counts replies that changed the attributes. */
    FAST_PATH_CHANGED_ATTRS("fast-path-changed-attrs", "leader commits on the fast path although a reply changed the attributes"),
    /** A replica pre-accepts without adding the interfering instances it knows. */
    PREACCEPT_IGNORES_CONFLICTS("preaccept-ignores-conflicts", "replica pre-accepts without adding the interfering commands it knows as dependencies"),
    /** The slow path proposes the leader's own attributes, not the union of the replies. */
    SLOW_PATH_OWN_ATTRS("slow-path-own-attrs", "leader's Accept carries its own attributes, not the union of the PreAccept replies"),
    /** CommitSlow without waiting for a quorum of AcceptOK. */
    COMMIT_SLOW_WITHOUT_QUORUM("commit-slow-without-quorum", "coordinator commits right after its Accept, without a quorum of AcceptOK"),
    /** Recovery ignores accepted replies and starts phase 1 again. */
    RECOVERY_IGNORES_ACCEPTED("recovery-ignores-accepted", "recovery starts phase 1 again although a reply was accepted"),
    /** A strongly connected component executes in instance order, not seq order. */
    EXECUTE_IGNORES_SEQ("execute-ignores-seq", "a strongly connected component executes in instance order instead of seq order"),
    /** Restart reloads the log but not what was executed (so it executes it again). */
    RESTART_FORGETS_EXECUTED("restart-forgets-executed", "a restarted replica reloads its log but forgets what it executed");

    private final String label;
    private final String description;

    EPaxosMutant(String label, String description) {
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
    public static EPaxosMutant of(String label) {
        return Mutant.of(values(), label);
    }
}
