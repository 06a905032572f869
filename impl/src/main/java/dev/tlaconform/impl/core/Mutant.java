package dev.tlaconform.impl.core;

/**
 * A seeded bug: a named switch in a protocol implementation, off by default, that
 * {@code tlaconform mutants} turns on to measure whether trace validation and the simulator's
 * invariant checks catch it. Each protocol lists its mutants (usually an enum implementing this)
 * and its nodes consult the run's one active mutant, if any, at the line the bug lives on.
 */
public interface Mutant {
    /** The command-line name, kebab-case, e.g. {@code accept-below-promise}. */
    String label();

    /** One line in the paper's terms: what the buggy implementation does differently. */
    String description();

    /**
     * False for a bug the spec allows, which only the clients can see (their history, {@code
     * tlaconform linearizable}): {@code tlaconform mutants} measures trace validation and leaves it
     * out unless it is named. Default true.
     */
    default boolean traceVisible() {
        return true;
    }

    /**
     * The one of {@code catalogue} labelled {@code label}, or null for null (no mutant): the
     * lookup every protocol's mutant enum shares ({@code XMutant.of(label)}).
     *
     * @throws IllegalArgumentException for a label not in the catalogue
     */
    static <M extends Mutant> M of(M[] catalogue, String label) {
        if (label == null) {
            return null;
        }
        for (M m : catalogue) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mutant '" + label + "'");
    }
}
