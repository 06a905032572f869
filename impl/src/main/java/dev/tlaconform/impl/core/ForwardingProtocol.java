package dev.tlaconform.impl.core;

import java.util.List;
import java.util.SortedMap;

/**
 * A protocol that forwards every method to another: the base for experiments that wrap a
 * protocol's nodes (to count message delays) or replace its workload, overriding only those. Every
 * other answer (fillers, answered, applies-once, correct nodes, the monitor) stays the base's.
 */
public abstract class ForwardingProtocol implements Protocol {
    protected final Protocol base;

    protected ForwardingProtocol(Protocol base) {
        this.base = base;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public int nodes() {
        return base.nodes();
    }

    @Override
    public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
        return base.newNode(id, random, timeoutTicks);
    }

    @Override
    public void writeConstants(JsonOut out) {
        base.writeConstants(out);
    }

    @Override
    public List<ClientOp> workload(RandomSource random, long spreadTicks) {
        return base.workload(random, spreadTicks);
    }

    @Override
    public boolean isFiller(String value) {
        return base.isFiller(value);
    }

    @Override
    public boolean answered(String value, SortedMap<Integer, String> decided) {
        return base.answered(value, decided);
    }

    @Override
    public boolean appliesOnce() {
        return base.appliesOnce();
    }

    @Override
    public boolean isCorrect(int node) {
        return base.isCorrect(node);
    }

    @Override
    public SafetyMonitor newMonitor() {
        return base.newMonitor();
    }
}
