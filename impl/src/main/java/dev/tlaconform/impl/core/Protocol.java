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

    /** A fresh protocol-specific safety monitor for one run (e.g. "at most one value chosen"). */
    SafetyMonitor newMonitor();

    /** One client request: at {@code time}, node {@code node} is handed {@code value}. */
    record ClientOp(long time, int node, String value) {}
}
