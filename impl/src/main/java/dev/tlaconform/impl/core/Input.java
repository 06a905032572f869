package dev.tlaconform.impl.core;

/**
 * What a driver hands a node's {@link ProtocolNode#step}: exactly one of these per step.
 * Time reaches a node only as {@link TimerFired}; there is no clock.
 */
public sealed interface Input permits Input.Start, Input.Receive, Input.TimerFired, Input.ClientRequest, Input.Restart {
    /** The node's first step: it may set timers; it takes no spec action. */
    record Start() implements Input {}

    /** A message delivered from the network. */
    record Receive(Message msg) implements Input {}

    /** A timer the node set with {@link Effects#setTimer} expired (a cancelled one never fires). */
    record TimerFired(int timer) implements Input {}

    /** A client hands the node a value (Paxos) or command (Multi-Paxos, Zab, PBFT). */
    record ClientRequest(String value) implements Input {}

    /**
     * The node crashed and is starting again in a fresh object: {@code durable} is exactly the last
     * snapshot it passed to {@link Effects#persist} before the crash (null if it never persisted).
     */
    record Restart(Object durable) implements Input {}

    Start START = new Start();
}
