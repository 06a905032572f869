package dev.tlaconform.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of the {@code tlaconform} command: dispatches to a {@link Command}. */
public final class Main {
    private Main() {}

    /** The subcommands, in the order {@code --help} lists them. */
    static List<Command> commands() {
        return List.of(
                new CheckCommand(),
                new SimulateCommand(),
                new ValidateCommand(),
                new LinearizableCommand(),
                new ConformCommand(),
                new MutantsCommand(),
                new WalkthroughCommand(),
                new ClusterCommand(),
                new BenchCommand(),
                new ExperimentCommand());
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code tlaconform args...} and returns its exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
        }
        if (args[0].equals("--version")) {
            out.println("tlaconform " + version());
            return ExitCode.OK;
        }
        for (Command c : commands()) {
            if (c.name().equals(args[0])) {
                String[] rest = Arrays.copyOfRange(args, 1, args.length);
                try {
                    return c.run(rest, out, err);
                } catch (UsageException e) {
                    err.println("tlaconform " + c.name() + ": " + e.getMessage());
                    return ExitCode.BAD_INPUT;
                } catch (Exception | Error e) {
                    if (outOfMemory(e)) {   // a limit of the machine or the JVM's options, not a bug: one line
                        err.println("tlaconform " + c.name() + ": out of memory (the JVM's maximum heap is "
                                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB): give it more, e.g."
                                + " TLACONFORM_JAVA_OPTS=-Xmx4g scripts/tlaconform ... or java -Xmx4g -jar tlaconform.jar ...");
                        return ExitCode.INTERNAL;
                    }
                    err.println("tlaconform " + c.name() + ": internal error: " + e);
                    e.printStackTrace(err);
                    return ExitCode.INTERNAL;
                }
            }
        }
        err.println("tlaconform: unknown command '" + args[0] + "' (try tlaconform --help)");
        return ExitCode.BAD_INPUT;
    }

    /** True when {@code e} or one of its causes is an {@link OutOfMemoryError}. */
    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) return true;
        }
        return false;
    }

    private static void usage(PrintStream s) {
        s.println("usage: tlaconform <command> [options]   (tlaconform <command> --help for its options)");
        s.println();
        for (Command c : commands()) {
            s.printf("  %-12s %s%n", c.name(), c.summary());
        }
        s.println();
        s.println("Exit codes: 0 holds/conforms, 1 violation/non-conformance, 2 bad input or usage, 3 internal error or --timeout.");
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
