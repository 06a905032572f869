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
    default ValidationResult validate(TraceReader reader, int maxCandidates, boolean checkInvariants)
            throws BadTraceException, CandidateLimitException {
        return validate(reader, maxCandidates, checkInvariants, ValidationWatch.NONE);
    }

    /**
     * As above, reporting each event to watch and stopping at its deadline
     * ({@link ValidationTimeoutException}, unchecked). maxCandidates also bounds every enumeration
     * the engine makes to bind an action's parameters (a {@link CandidateLimitException} too).
     */
    ValidationResult validate(TraceReader reader, int maxCandidates, boolean checkInvariants, ValidationWatch watch)
            throws BadTraceException, CandidateLimitException;

    /** The distinct names of the spec's sub-actions of Next, sorted. */
    List<String> specActionNames();

    /** For each invariant, {@code "Name reads [vars]"}: the state variables its value depends on. */
    default List<String> invariantReads() {
        return List.of();
    }

    /**
     * For each definition the engine evaluates once per distinct value of the variables it reads:
     * {@code "Name reads [vars]: R reused, G grown, E evaluated"} (grown: a filter of a set variable
     * updated with the elements a step added; counts over all traces so far).
     */
    default List<String> definitionMemos() {
        return List.of();
    }

    /**
     * From now on, records which alternatives of each action (disjuncts, IF and CASE arms, through
     * its conjunctions and the definitions it applies) the accepted steps took; costs some
     * evaluation per event, so off unless asked.
     */
    default void recordActionBranches() {}

    /**
     * Per spec action, each alternative ({@code "Module.tla:line:col \/ 2 of 3: text"}) and how many
     * accepted steps took it since recording began (0: none), in source order; empty when not recording.
     */
    default java.util.Map<String, java.util.Map<String, Long>> actionBranches() {
        return java.util.Map.of();
    }

    /**
     * Invariant checks so far (all traces): {skipped because the variables the invariant reads equal
     * the predecessor's, answered by the fingerprint cache, evaluated by TLC}.
     */
    default long[] invariantWork() {
        return new long[3];
    }
}
