package dev.tlaconform.impl.core;

/**
 * Receives the trace events of a step, at the moment the node takes each spec action, so the
 * {@code state} written is the node's state after that one action (not after the whole step).
 * Implementations write immediately; nothing is buffered per event. A node only calls this when
 * {@link Effects#tracing()} is true, so tracing off builds no event objects at all.
 */
public interface EventSink {
    /**
     * @param node   the node taking the action (1..N)
     * @param action the spec action's name, e.g. {@code "Phase1b"}
     * @param msg    the message received or the one message sent, or null (e.g. Restart)
     * @param state  the node's state, written now
     */
    void event(int node, String action, Traceable msg, Traceable state);

    /**
     * As {@link #event(int, String, Traceable, Traceable)}, but the trace names the acting node
     * {@code traceNode}: for a protocol whose spec numbers its nodes otherwise than the driver's
     * 1..N (PBFT: replicas 0..N-1, and clients, which run inside a replica's process). {@code node}
     * still says whose step it is (its vector clock ticks).
     */
    default void event(int node, int traceNode, String action, Traceable msg, Traceable state) {
        event(node, action, msg, state);
    }
}
