package dev.tlaconform.cli;

import java.io.PrintStream;

/**
 * One subcommand of {@code tlaconform}: parse, validate, run, return an {@link ExitCode}.
 * Output goes only to the given streams so tests can capture it; {@code System.exit} is called
 * only by {@link Main#main}. Throw {@link UsageException} for bad input (exit 2).
 */
public interface Command {
    /** The word after {@code tlaconform}, e.g. {@code check}. */
    String name();

    /** One line for {@code tlaconform --help}. */
    String summary();

    /** Runs the command with the arguments after its name. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
