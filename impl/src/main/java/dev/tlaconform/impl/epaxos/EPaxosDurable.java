package dev.tlaconform.impl.epaxos;

/**
 * Everything an EPaxos replica makes durable (specs/epaxos/EVENTS.md, "Durability contract"): its
 * log records, the ballot it last coordinated per instance, and what it executed. Immutable
 * snapshots: the node copies a chunk of its arrays before writing it again after a snapshot
 * ({@link EPaxosNode}), so persisting costs one reference per 64 instances, not a copy of the log.
 */
public record EPaxosDurable(EPaxosRec[][] log, int[][] cbal, int[] executed, int executedLen) {}
