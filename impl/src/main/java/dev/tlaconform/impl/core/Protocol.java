package dev.tlaconform.impl.core;

import java.util.List;

/**
 * A protocol as a driver sees it: how to build its nodes, what its trace header's constants are,
 * what clients ask of it, and its protocol-specific safety checks. One instance per run,
 * configured with the run's constants. Zab and PBFT plug into the simulator through this.
 */
public interface Protocol {
    /** The trace header's {@code protocol}, e.g. {@code "paxos"}. */
    String name();

    /** Number of nodes N (ids 1..N). */
    int nodes();

    /** A fresh node (first start or after a crash), using only {@code random} for its choices. */
    ProtocolNode newNode(int id, RandomSource random, long timeoutTicks);

    /** Writes the header's {@code constants} object, e.g. {"N":3,"Values":[..],"MaxBallot":8}. */
    void writeConstants(JsonOut out);

    /**
     * The clients' requests for one run: who is handed what, and when. Times are ticks from 0 and
     * at most {@code spreadTicks}. Drawn from {@code random} only.
     */
    List<ClientOp> workload(RandomSource random, long spreadTicks);

    /** Values a learner may decide that no client requested (e.g. Multi-Paxos's "noop"). */
    default boolean isFiller(String value) {
        return false;
    }

    /**
     * Whether the client that asked for {@code value} has its answer, given what has been decided
     * so far (slot to value): a client retries its request until then. Default: the value is in
     * the log. Single-decree Paxos answers every client once anything is decided.
     */
    default boolean answered(String value, java.util.SortedMap<Integer, String> decided) {
        return decided.containsValue(value);
    }

    /**
     * Whether the replicated state machine applies each client request at most once (the client id
     * and sequence number check: a protocol may decide a retried request twice). True but for a
     * mutant that drops the check; the simulator's client history shows what it costs.
     */
    default boolean appliesOnce() {
        return true;
    }

    /**
     * False for a node this run makes Byzantine (PBFT): its decisions are not held to agreement
     * or validity and the liveness duty does not wait for it. Crash faults are the simulator's
     * business, not this. Default: every node is correct.
     */
    default boolean isCorrect(int node) {
        return true;
    }

    /** A fresh protocol-specific safety monitor for one run (e.g. "at most one value chosen"). */
    SafetyMonitor newMonitor();

    /** One client request: at {@code time}, node {@code node} is handed {@code value}. */
    record ClientOp(long time, int node, String value) {}
}
