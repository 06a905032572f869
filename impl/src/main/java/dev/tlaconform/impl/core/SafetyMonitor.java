package dev.tlaconform.impl.core;

/**
 * Protocol-specific safety invariants, checked by the driver on every message a node sends (the
 * messages are the ground truth of what was voted and chosen). Returns a one-line description of
 * the violation, or null when the invariant holds.
 */
public interface SafetyMonitor {
    /** Called for every message as it leaves its sender (once per send, not per copy). */
    String onSend(Message msg);
}
