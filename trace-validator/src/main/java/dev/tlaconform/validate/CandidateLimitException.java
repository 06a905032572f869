package dev.tlaconform.validate;

/**
 * The set of candidate spec states grew beyond {@code --max-candidates}: the trace logs too little
 * for the silent actions the mapping allows. Neither verdict is given (never a false "accepted").
 */
public final class CandidateLimitException extends Exception {
    private static final long serialVersionUID = 1L;

    public CandidateLimitException(String message) {
        super(message);
    }
}
