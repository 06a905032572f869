package dev.tlaconform.impl.trace;

/** A trace that is not a well-formed NDJSON trace; the message reads {@code file:line: reason}. */
public final class TraceFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public TraceFormatException(String message) {
        super(message);
    }
}
