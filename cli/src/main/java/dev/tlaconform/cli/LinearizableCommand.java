package dev.tlaconform.cli;

import dev.tlaconform.cli.history.History;
import dev.tlaconform.cli.history.Linearizability;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform linearizable HISTORY.ndjson...}: decides whether client histories of registers
 * (one per key; write, read, cas) are linearizable (docs/linearizable.md). Exit 0 all linearizable,
 * 1 one is not (a minimal window of operations printed), 2 bad input (file:line).
 */
public final class LinearizableCommand implements Command {
    @Override
    public String name() {
        return "linearizable";
    }

    @Override
    public String summary() {
        return "decide whether client histories (invoke/ok/fail/info NDJSON) are linearizable";
    }

    private static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("quiet").desc("only the verdict line per history").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cl = Args.parse(name(), options(), args, Args.POSITIONAL);
        if (cl.hasOption("help")) {
            new HelpFormatter().printHelp(new java.io.PrintWriter(out, true), 100,
                    "tlaconform linearizable HISTORY.ndjson... [options]",
                    "\nOne register per key; write, read and cas operations; Jepsen's invoke/ok/fail/info events.\n\n",
                    options(), 2, 2, "\nExit codes: 0 every history linearizable, 1 one is not, 2 bad input.");
            return ExitCode.OK;
        }
        List<Path> files = new ArrayList<>();
        for (String a : cl.getArgs()) files.add(Path.of(a));
        if (files.isEmpty()) throw new UsageException("no history given (tlaconform linearizable HISTORY.ndjson...)");
        List<History> histories = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new UsageException(f + ": no such file");
            try {
                histories.add(History.read(f));
            } catch (History.BadHistoryException e) {
                err.println("tlaconform linearizable: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }
        boolean all = true;
        for (History h : histories) {
            Linearizability.Result r = Linearizability.check(h);
            all &= r.linearizable();
            out.println(render(r, cl.hasOption("quiet")));
        }
        return all ? ExitCode.OK : ExitCode.VIOLATION;
    }

    /** The verdict of one history, with the minimal window of each key that is not linearizable. */
    public static String render(Linearizability.Result r, boolean quiet) {
        StringBuilder b = new StringBuilder();
        History h = r.history();
        b.append(h.file).append(": ").append(r.linearizable() ? "linearizable" : "NOT linearizable")
                .append(" (").append(h.ops.size()).append(" operations, ").append(r.keys().size()).append(" keys, ")
                .append(h.failed).append(" failed dropped, ").append(r.states()).append(" search states)");
        if (quiet) return b.toString();
        for (Linearizability.KeyResult k : r.keys()) {
            if (k.linearizable()) continue;
            b.append("\n  key ").append(k.key()).append(": no order of its ").append(k.ops())
                    .append(" operations is a register's; a minimal window that is already not linearizable (")
                    .append(k.window().size()).append(" operations):");
            for (History.Op op : k.window()) {
                b.append("\n    ").append(op.describe(h.file));
            }
        }
        return b.toString();
    }
}
