package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.Mutant;

/**
 * Seeded bugs of the PBFT replica (off unless {@code --mutant} names one). Each breaks one rule of
 * Castro and Liskov (OSDI 1999) at the line the rule lives on; trace validation should reject a
 * run that exercises it. The quorum mutants show only without Byzantine replicas: the spec counts
 * every message a Byzantine replica could send, so one missing honest vote is made up for by it.
 */
public enum PbftMutant implements Mutant {
    COMMIT_WITH_2F("commit-with-2f", "committed-local after 2f matching COMMITs instead of 2f+1 (4.2)"),
    PREPARED_WITH_2F_MINUS_1("prepared-with-2f-1", "prepared with 2f-1 matching PREPAREs instead of 2f (4.2)"),
    VIEW_CHANGE_DROPS_PREPARED("view-change-drops-prepared", "VIEW-CHANGE carries no prepared certificates (4.4)"),
    ACCEPT_UNVERIFIED_SIGNATURE("accept-unverified-signature", "a replica accepts messages without checking their signature (4.1)"),
    NEW_PRIMARY_FRESH_REQUEST("new-primary-fresh-request", "the new primary re-proposes a pending request instead of the certificate's (4.4)"),
    GC_BEFORE_STABLE("gc-before-stable", "a replica garbage-collects its log at its own checkpoint, before 2f+1 agree (4.3)"),
    EXECUTE_OUT_OF_ORDER("execute-out-of-order", "a replica executes a committed request before the ones below it (4.2)");

    private final String label;
    private final String description;

    PbftMutant(String label, String description) {
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
    public static PbftMutant of(String label) {
        return Mutant.of(values(), label);
    }
}
