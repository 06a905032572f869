package dev.tlaconform.cli;

import dev.tlaconform.cli.history.History;
import dev.tlaconform.cli.history.Linearizability;
import dev.tlaconform.cli.history.RegisterHistories;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform bench linearizable}: the history checker's time on generated register histories
 * ({@link RegisterHistories}: concurrent clients of an atomic register, so linearizable; and the same
 * history with one read corrupted, which also pays for narrowing the minimal window). Each size is
 * written to a file once; each round reads and checks it; the median of the rounds is reported.
 * A benchmark, never a test. The published figures of Porcupine and Knossos are printed beside,
 * cited, not measured here.
 */
final class BenchLinearizable {
    private BenchLinearizable() {}

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("ops").hasArg().argName("N,...").desc("history sizes in operations (default 10000,100000)").build());
        o.addOption(Option.builder().longOpt("clients").hasArg().argName("C").desc("concurrent clients (default 10)").build());
        o.addOption(Option.builder().longOpt("keys").hasArg().argName("K").desc("keys (default 1: one register, the hardest case)").build());
        o.addOption(Option.builder().longOpt("info").hasArg().argName("I")
                .desc("about one write/cas in I times out (info; default 0: none)").build());
        o.addOption(Option.builder().longOpt("rounds").hasArg().argName("R").desc("measurements per history, median reported (default 5)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    static int run(String[] args, PrintStream out) throws Exception {
        CommandLine cl = Args.parse("bench linearizable", options(), args, Args.OPTIONS_ONLY);
        if (cl.hasOption("help")) {
            new HelpFormatter().printHelp(new java.io.PrintWriter(out, true), 100, "tlaconform bench linearizable [options]",
                    "", options(), 2, 2, "");
            return ExitCode.OK;
        }
        int clients = Args.intOption(cl, "clients", 10, 1, 1000);
        int keys = Args.intOption(cl, "keys", 1, 1, 1000);
        int info = Args.intOption(cl, "info", 0, 0, 1_000_000);
        int rounds = Args.intOption(cl, "rounds", 5, 1, 1000);
        List<Integer> sizes = new ArrayList<>();
        for (String s : cl.getOptionValue("ops", "10000,100000").split(",")) {
            try {
                sizes.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--ops: not a number: " + s);
            }
        }
        Path dir = Files.createTempDirectory("tlaconform-bench-lin");
        try {
            out.printf(Locale.ROOT, "%-10s %-13s %9s %10s %12s %12s %s%n", "ops", "history", "clients", "verdict",
                    "median ms", "ops/s", "(min..max ms, search states)");
            for (int n : sizes) {
                for (boolean corrupt : new boolean[] {false, true}) {
                    Path f = dir.resolve("h-" + n + (corrupt ? "-bad" : "") + ".ndjson");
                    Files.write(f, RegisterHistories.generate(n, clients, n, keys, info, corrupt));
                    long[] ms = new long[rounds];
                    Linearizability.Result r = null;
                    for (int i = 0; i < rounds; i++) {
                        long t0 = System.nanoTime();
                        r = Linearizability.check(History.read(f));
                        ms[i] = (System.nanoTime() - t0) / 1_000_000;
                    }
                    long[] sorted = ms.clone();
                    Arrays.sort(sorted);
                    long median = sorted[rounds / 2];
                    out.printf(Locale.ROOT, "%-10d %-13s %9d %10s %12d %12.0f (%d..%d, %d)%n", n,
                            corrupt ? "1 bad read" : "linearizable", clients, r.linearizable() ? "ok" : "NOT lin.", median,
                            n * 1000.0 / Math.max(1, median), sorted[0], sorted[rounds - 1], r.states());
                    Files.delete(f);
                }
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        out.println();
        out.println("Published, not measured here: Porcupine's README: on Jepsen's etcd test histories"
                + " (test_data/jepsen) \"generally 1,000x-10,000x faster\" than Knossos, \"millions of times\""
                + " where P-compositionality applies (github.com/anishathalye/porcupine). Those histories are one"
                + " register, a few hundred to a few thousand operations, many timeouts (info); compare with --keys 1"
                + " --info 5 and the sizes here.");
        return ExitCode.OK;
    }
}
