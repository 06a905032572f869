package dev.tlaconform.validate;

/**
 * The causal search over per-node traces ({@link CausalTraces}), implemented in the engine's class
 * loader by {@code dev.tlaconform.validate.engine.CausalSearch} on a loaded fast engine.
 */
public interface CausalSession {
    /**
     * Accepts iff some linearization of the events consistent with their vector clocks is a
     * behaviour of the spec (docs/validate.md, "Per-node traces").
     */
    default ValidationResult search(CausalTraces traces, int maxCandidates, boolean checkInvariants)
            throws BadTraceException, CandidateLimitException {
        return search(traces, maxCandidates, checkInvariants, ValidationWatch.NONE);
    }

    /**
     * As above, reporting to {@code watch} how deep the search got (events placed on the deepest
     * path, that event's line, the generated pairs waiting) and stopping at its deadline.
     */
    ValidationResult search(CausalTraces traces, int maxCandidates, boolean checkInvariants, ValidationWatch watch)
            throws BadTraceException, CandidateLimitException;

    /** The search for {@code session} (a fast engine loaded by {@link Validator#load}). */
    static CausalSession of(SpecSession session) {
        try {
            Class<?> c = Class.forName("dev.tlaconform.validate.engine.CausalSearch", true, session.getClass().getClassLoader());
            return (CausalSession) c.getConstructor(Object.class).newInstance(session);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the causal search is missing from the classpath", e);
        }
    }
}
