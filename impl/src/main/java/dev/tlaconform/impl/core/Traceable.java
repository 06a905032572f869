package dev.tlaconform.impl.core;

/** Something a trace event can carry: a message or a node's state, written as one JSON object. */
public interface Traceable {
    /** Writes this as one JSON object, keys in the order the protocol's EVENTS.md fixes. */
    void writeJson(JsonOut out);
}
