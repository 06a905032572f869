package dev.tlaconform.validate.engine;

/**
 * Thrown inside the engine when a search would enumerate more than {@code --max-candidates}
 * elements (an action's quantifier set, the product of its bindings, a partially logged message's
 * possible values); {@link FastEngine} turns it into a {@code CandidateLimitException} naming the
 * trace line. The message says what would have been enumerated and how to avoid it.
 */
final class SearchLimit extends RuntimeException {
    SearchLimit(String message) {
        super(message, null, false, false);
    }
}
