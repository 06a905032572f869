package dev.tlaconform.validate;

/**
 * A validation stopped at its deadline ({@code validate --timeout}): not a verdict. Unchecked, as
 * only a caller that set a deadline on its {@link ValidationWatch} can see it.
 */
public final class ValidationTimeoutException extends RuntimeException {
    public ValidationTimeoutException(String message) {
        super(message, null, false, false);
    }
}
