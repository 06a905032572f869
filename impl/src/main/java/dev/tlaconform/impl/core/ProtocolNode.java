package dev.tlaconform.impl.core;

/**
 * A protocol node as a pure deterministic state machine (etcd-io/raft's {@code Step}, dslabs'
 * handlers): no threads, no I/O, no clock, no randomness but the {@link RandomSource} it was built
 * with, and deterministic collections only.
 *
 * <p><b>The driver's contract</b> (the one place it is written down). For every step, in order:
 * <ol>
 *   <li>call {@link #step} with one {@link Input};</li>
 *   <li>if {@link Effects#durable()} is non-null, make it durable (it replaces the previous
 *       snapshot) <b>before</b> any message of the step leaves;</li>
 *   <li>then send {@link Effects#sends()}, apply the timer changes, record the decisions.</li>
 * </ol>
 * After a crash, a new node object is built and stepped with {@link Input.Restart} carrying the last
 * durable snapshot: whatever the node did not persist is gone. The returned {@link Effects} belongs
 * to the node and is reused by its next step.
 */
public interface ProtocolNode extends Traceable {
    /** This node's id, 1..N. */
    int id();

    /** Handles one input; the effects are valid until the next call. */
    Effects step(Input input);

    /**
     * Liveness probe for drivers and tests: true when nothing this node was asked for (its
     * client values or commands) is still undecided at this node.
     */
    boolean done();

    /** Writes the node's state for a trace event: the spec variables it owns, in EVENTS.md order. */
    @Override
    void writeJson(JsonOut out);
}
