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
     * @throws CandidateLimitException more than {@code maxCandidates} candidate states at one event
     */
    ValidationResult validate(TraceReader reader, int maxCandidates)
            throws BadTraceException, CandidateLimitException;

    /** The distinct names of the spec's sub-actions of Next, sorted. */
    List<String> specActionNames();
}
