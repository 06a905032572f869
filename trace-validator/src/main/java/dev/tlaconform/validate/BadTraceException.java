package dev.tlaconform.validate;

import java.nio.file.Path;

/**
 * Bad input: a trace, mapping or spec that cannot be validated at all (malformed JSON, truncated
 * file, unknown action, missing or mistyped field, node outside the header's constants, ...).
 * Its message is one line naming {@code file:line}; callers exit with code 2 and print no stack trace.
 */
public final class BadTraceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final String reason;

    public BadTraceException(Path file, long line, String reason) {
        this(file == null ? "?" : file.toString(), line, reason);
    }

    public BadTraceException(String file, long line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() { return file; }

    /** 1-based line number, or 0 when the problem is not tied to a line. */
    public long line() { return line; }

    public String reason() { return reason; }
}
