package dev.tlaconform.cli;

/** Exit codes shared by every subcommand (DESIGN.md, "Trace validation"). */
public final class ExitCode {
    /** The spec holds, the trace conforms, the run succeeded. */
    public static final int OK = 0;
    /** A violation or a non-conformance was found. */
    public static final int VIOLATION = 1;
    /** Bad input or usage: a one-line reason naming file:line was printed. */
    public static final int BAD_INPUT = 2;
    /** An internal error of tlaconform or TLC. */
    public static final int INTERNAL = 3;

    private ExitCode() {}
}
