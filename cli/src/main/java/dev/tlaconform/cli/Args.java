package dev.tlaconform.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** Commons CLI parsing shared by the subcommands: every bad option or argument is a UsageException (exit 2). */
final class Args {
    /** For {@link #parse}: the command takes any number of positional arguments. */
    static final boolean POSITIONAL = true;
    /** For {@link #parse}: the command takes options only. */
    static final boolean OPTIONS_ONLY = false;

    private Args() {}

    /**
     * Parses {@code args} for {@code tlaconform <command>}. An unknown or malformed option, or a
     * positional argument where the command takes none, is one line ending with the help hint.
     */
    static CommandLine parse(String command, Options opts, String[] args, boolean positional) {
        String hint = " (tlaconform " + command + " --help)";
        CommandLine cl;
        try {
            cl = new DefaultParser().parse(opts, args);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage() + hint);
        }
        if (!positional && !cl.getArgList().isEmpty() && !cl.hasOption("help")) {
            throw new UsageException("unexpected argument '" + cl.getArgList().get(0) + "'" + hint);
        }
        return cl;
    }

    /** An integer option in [min, max], or {@code dflt} when absent; anything else is a usage error (exit 2). */
    static int intOption(CommandLine cl, String name, int dflt, int min, int max) {
        if (!cl.hasOption(name)) return dflt;
        try {
            int v = Integer.parseInt(cl.getOptionValue(name));
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer in " + min + ".." + max + ", not " + cl.getOptionValue(name));
        }
    }
}
