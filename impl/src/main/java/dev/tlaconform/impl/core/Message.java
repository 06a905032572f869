package dev.tlaconform.impl.core;

/**
 * A protocol message: an immutable record, shared between every copy the network delivers
 * (broadcast, duplication), so it must never be mutated after construction.
 */
public interface Message extends Traceable {
    /** The wire type as the spec names it, e.g. {@code "1a"}. */
    String type();

    /** The sending node (1..N). */
    int from();
}
