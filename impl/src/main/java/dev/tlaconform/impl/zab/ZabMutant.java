package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.Mutant;

/** Seeded bugs of the Zab implementation, off by default ({@code tlaconform simulate --mutant}). */
public enum ZabMutant implements Mutant {
    ACK_BEFORE_LOG("ack-before-log",
            "a follower acknowledges a PROPOSE before appending it to its log (logs it on its next step)"),
    COMMIT_WITHOUT_QUORUM("commit-without-quorum",
            "the leader commits (delivers) its own proposal at once, without waiting for a quorum of ACKs"),
    LEADER_NO_SELF_ACK("leader-no-self-ack",
            "the leader does not count its own log as an acknowledgement: it commits only on a quorum of follower ACKs"),
    SKIP_SYNC("skip-sync",
            "a new leader goes from discovery straight to broadcast, skipping NEWLEADER/ACKLD synchronisation"),
    EARLY_CURRENT_EPOCH("early-current-epoch",
            "a follower takes the new epoch as its currentEpoch at NEWEPOCH, before it has the leader's history (NEWLEADER)"),
    ZXID_COUNTER_FROM_ZERO("zxid-counter-from-zero",
            "the leader numbers an epoch's first proposal <<e, 0>>, the zxid that stands for the epoch itself"),
    ZXID_COUNTER_NOT_RESET("zxid-counter-not-reset",
            "a leader of a new epoch continues the zxid counter of the previous epoch instead of restarting at 1"
                    + " (shows only when a leader change follows writes)"),
    DELIVER_BEFORE_COMMIT("deliver-before-commit",
            "a follower delivers a proposal when it logs it, before the leader's COMMIT"),
    EPOCH_NOT_DURABLE("current-epoch-not-durable",
            "a server does not make currentEpoch durable: after a crash it comes back with its old value"
                    + " (shows only in runs with restarts)"),
    RETRY_APPLIED_TWICE("retry-applied-twice",
            "a new leader proposes again the writes it inherited from earlier epochs, as if their clients' retries"
                    + " after the leader change were new requests (a new zxid: Zab allows it), and the state machine"
                    + " applies every delivered txn, without the client id and sequence number check that applies a"
                    + " request once (shows only in the client history)");

    private final String label;
    private final String description;

    ZabMutant(String label, String description) {
        this.label = label;
        this.description = description;
    }

    @Override
    public boolean traceVisible() {
        return this != RETRY_APPLIED_TWICE;
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
    public static ZabMutant of(String label) {
        return Mutant.of(values(), label);
    }
}
