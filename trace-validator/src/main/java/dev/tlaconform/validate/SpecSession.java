package dev.tlaconform.validate;

import java.util.List;

/**
 * A spec loaded once (in its own class loader) and able to validate many traces, possibly from
 * several threads at once. Implemented by {@code dev.tlaconform.validate.engine.FastEngine}.
 */
public interface SpecSession {
    /**
     * Validates one trace whose header was already read by {@code reader}.
     *
     * @throws BadTraceException bad input (exit 2)
     * @param checkInvariants check the mapping's invariants on every candidate state
     * @throws CandidateLimitException more than {@code maxCandidates} candidate states at one event
     */
    ValidationResult validate(TraceReader reader, int maxCandidates, boolean checkInvariants)
            throws BadTraceException, CandidateLimitException;

    /** The distinct names of the spec's sub-actions of Next, sorted. */
    List<String> specActionNames();
}
