package dev.tlaconform.cli;

/**
 * Bad input or usage. Its message is the one line the user sees (naming file:line where there is
 * one); the command exits with {@link ExitCode#BAD_INPUT} and never prints a stack trace for it.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
