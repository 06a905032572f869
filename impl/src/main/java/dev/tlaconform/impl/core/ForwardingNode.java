package dev.tlaconform.impl.core;

/**
 * A node that forwards every method to another: the base for experiments that watch a protocol's
 * nodes step by step (message-delay counts, reorgs), overriding {@link #step} (and what else they
 * change) only.
 */
public abstract class ForwardingNode implements ProtocolNode {
    protected final ProtocolNode inner;

    protected ForwardingNode(ProtocolNode inner) {
        this.inner = inner;
    }

    @Override
    public int id() {
        return inner.id();
    }

    @Override
    public Effects step(Input input) {
        return inner.step(input);
    }

    @Override
    public boolean done() {
        return inner.done();
    }

    @Override
    public void writeJson(JsonOut out) {
        inner.writeJson(out);
    }
}
