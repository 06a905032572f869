package dev.tlaconform.cli;

import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
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
 * {@code tlaconform bench simulate}: simulated protocol steps per second on one thread, tracing
 * off ({@code off}), tracing to one new NDJSON file per run as a conformance campaign writes them
 * ({@code file}; the files are deleted after each measurement, outside the timed loop), and
 * tracing every run back to back into one open file ({@code stream}: the cost of tracing itself,
 * without the file system's per-file cost).
 * Each measurement runs consecutive seeds until a step budget is spent; several measurements,
 * median reported. A benchmark, never a test: it asserts nothing.
 */
public final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmarks: 'bench simulate' simulator steps/s (tracing off, to files); 'bench validate' validator events/s; 'bench linearizable' history checker; 'bench foreign' fast engine vs TLC on EWD998's own logs; 'bench cluster' our clusters vs ZooKeeper";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("protocol").hasArg().argName("P")
                .desc(String.join(" | ", Protocols.NAMES) + " | all (default all)").build());
        o.addOption(Option.builder().longOpt("faults").hasArg().argName("PLAN").desc("fault plan of every run (default all)").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("M").desc("system model (default partial)").build());
        o.addOption(Option.builder().longOpt("nodes").hasArg().argName("N").desc("nodes (default 3)").build());
        o.addOption(Option.builder().longOpt("runs").hasArg().argName("R").desc("measurements per case, median reported (default 5)").build());
        o.addOption(Option.builder().longOpt("steps").hasArg().argName("K")
                .desc("step budget of one measurement (default 1000000)").build());
        o.addOption(Option.builder().longOpt("values").hasArg().argName("K")
                .desc("one long run per measurement instead: K commands/writes until decided, faults none (default), "
                        + "tracing off and to a file; wall time, steps/s, bytes/event, heap").build());
        o.addOption(Option.builder().longOpt("dir").hasArg().argName("DIR")
                .desc("where traced runs write their files (default: a temporary directory, deleted after)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options opts = options();
        if (args.length > 0 && args[0].equals("validate")) {
            return BenchValidate.run(Arrays.copyOfRange(args, 1, args.length), out);
        }
        if (args.length > 0 && args[0].equals("cluster")) {
            return BenchCluster.run(Arrays.copyOfRange(args, 1, args.length), out);
        }
        if (args.length > 0 && args[0].equals("foreign")) {
            return BenchForeign.run(Arrays.copyOfRange(args, 1, args.length), out);
        }
        if (args.length > 0 && args[0].equals("linearizable")) {
            return BenchLinearizable.run(Arrays.copyOfRange(args, 1, args.length), out);
        }
        if (args.length == 0 || !args[0].equals("simulate")) {
            if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
                help(out, opts);
                out.println("\n       tlaconform bench validate [TRACE...] [--protocol P] [--rounds R]   (--help: fast-engine events/s)");
                out.println("       tlaconform bench foreign --examples DIR [--events 5000,20000] [--runs R] [LOG...]   (--help: fast engine vs TLC, EWD998's logs)");
                out.println("       tlaconform bench linearizable [--ops 10000,100000] [--clients C] [--keys K]   (--help: history checker)");
                out.println("       tlaconform bench cluster [--systems zookeeper,multipaxos,zab] [--clients 1,16] [--rounds R]   (--help: ours vs ZooKeeper)");
                return ExitCode.OK;
            }
            throw new UsageException("usage: tlaconform bench simulate|validate|foreign|linearizable|cluster [options] (--help)");
        }
        CommandLine cl = Args.parse(name() + " " + args[0], opts, Arrays.copyOfRange(args, 1, args.length), Args.OPTIONS_ONLY);
        if (cl.hasOption("help")) {
            help(out, opts);
            return ExitCode.OK;
        }
        String which = cl.getOptionValue("protocol", "all");
        List<String> protocols = which.equals("all") ? Protocols.NAMES : List.of(which);
        if (!which.equals("all") && !Protocols.NAMES.contains(which)) {
            throw new UsageException("--protocol must be " + String.join(", ", Protocols.NAMES) + " or all, got '" + which + "'");
        }
        FaultPlan plan;
        SystemModel model;
        try {
            plan = FaultPlan.parse(cl.getOptionValue("faults", "all"));
            model = SystemModel.parse(cl.getOptionValue("model", "partial"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int nodes = cl.hasOption("nodes") ? (int) SimulateCommand.longOpt(cl, "nodes") : 3;
        int runs = cl.hasOption("runs") ? (int) SimulateCommand.longOpt(cl, "runs") : 5;
        long budget = cl.hasOption("steps") ? SimulateCommand.longOpt(cl, "steps") : 1_000_000;
        if (runs < 1 || runs > 100 || budget < 1000) {
            throw new UsageException("--runs must be 1..100 and --steps >= 1000");
        }
        boolean tempDir = !cl.hasOption("dir");
        Path dir = tempDir ? dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-bench") : Path.of(cl.getOptionValue("dir"));
        Files.createDirectories(dir);
        if (cl.hasOption("values")) {
            try {
                return benchLong(out, which.equals("all") ? List.of("multipaxos", "zab") : protocols,
                        (int) SimulateCommand.longOpt(cl, "values"), FaultPlan.parse(cl.getOptionValue("faults", "none")), model,
                        nodes, runs, dir);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            } finally {
                if (tempDir) {
                    deleteTree(dir);
                }
            }
        }
        out.printf(Locale.ROOT, "bench simulate: faults=%s model=%s nodes=%d, %d measurements of %d steps each, one thread%n",
                plan.name(), model.label(), nodes, runs, budget);
        out.printf(Locale.ROOT, "%-11s %-8s %14s %14s %12s %14s%n", "protocol", "tracing", "median steps/s", "min..max k/s",
                "steps/run", "ms per 1000 runs");
        try {
            for (String protocol : protocols) {
                if (protocol.equals("pbft")) {
                    benchPbft(out, Math.max(nodes, 4), plan, model, runs, Math.max(1000, budget / 100));
                    continue;
                }
                SimConfig base;
                try {
                    base = SimConfig.builder(protocol).nodes(nodes).faults(plan).model(model).build();
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                for (String mode : List.of("off", "file", "stream")) {
                    measure(base, mode, dir, budget); // warm-up (JIT), not reported
                    double[] rates = new double[runs];
                    double stepsPerRun = 0;
                    for (int i = 0; i < runs; i++) {
                        double[] m = measure(base, mode, dir, budget);
                        rates[i] = m[0];
                        stepsPerRun = m[1];
                    }
                    double[] sorted = rates.clone();
                    Arrays.sort(sorted);
                    double median = sorted[runs / 2];
                    out.printf(Locale.ROOT, "%-11s %-8s %14.0f %6.0f..%-7.0f %12.0f %14.0f%n", protocol,
                            mode, median, sorted[0] / 1000, sorted[runs - 1] / 1000, stepsPerRun,
                            1000 * stepsPerRun / median * 1000);
                }
            }
        } finally {
            if (tempDir) {
                dev.tlaconform.check.ExitCleanup.release(dir);
            }
        }
        return ExitCode.OK;
    }

    /**
     * {@code bench simulate --values K}: one run of K commands (writes) until decided per
     * measurement, seed 3, untraced and traced to a file; median of {@code runs} wall times, steps/s,
     * trace bytes per event, the heap's peak occupancy during a run (garbage included: an upper
     * bound of the live data; run with -Xmx to see what it needs).
     */
    private static int benchLong(PrintStream out, List<String> protocols, int values, FaultPlan plan, SystemModel model,
            int nodes, int runs, Path dir) throws IOException {
        out.printf(Locale.ROOT, "bench simulate --values %d: faults=%s model=%s nodes=%d, seed 3, median of %d runs, one thread%n",
                values, plan.name(), model.label(), nodes, runs);
        out.printf(Locale.ROOT, "%-11s %-7s %10s %12s %10s %10s %12s %10s%n", "protocol", "tracing", "wall s", "steps/s",
                "steps", "events", "bytes/event", "peak heap MB");
        for (String protocol : protocols) {
            SimConfig c = SimConfig.builder(protocol).seed(3).values(values).nodes(nodes).faults(plan).model(model)
                    .untilDecided(Math.max(SimConfig.DEFAULT_MAX_STEPS, 50L * values)).build();
            for (String mode : List.of("off", "file")) {
                double[] walls = new double[runs];
                SimResult r = null;
                long bytes = 0;
                long heap = 0;
                for (int i = 0; i < runs; i++) {
                    Path f = dir.resolve(protocol + "-" + values + ".ndjson");
                    System.gc();
                    for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                        p.resetPeakUsage();
                    }
                    long t0 = System.nanoTime();
                    if (mode.equals("file")) {
                        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
                            r = Simulation.run(c, os);
                        }
                    } else {
                        r = Simulation.run(c);
                    }
                    walls[i] = (System.nanoTime() - t0) / 1e9;
                    if (!r.ok()) {
                        throw new IllegalStateException("benchmark run failed: " + r.failure() + " (" + c.replayCommand() + ")");
                    }
                    if (mode.equals("file")) {
                        bytes = Files.size(f);
                        Files.delete(f);
                    }
                    long peak = 0; // the heap's peak occupancy during the run, garbage included
                    for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                        if (p.getType() == java.lang.management.MemoryType.HEAP) {
                            peak += p.getPeakUsage().getUsed();
                        }
                    }
                    heap = Math.max(heap, peak);
                }
                Arrays.sort(walls);
                double wall = walls[runs / 2];
                out.printf(Locale.ROOT, "%-11s %-7s %10.2f %12.0f %10d %10d %12s %10d%n", protocol, mode, wall, r.steps() / wall,
                        r.steps(), r.events(), mode.equals("file") ? String.format(Locale.ROOT, "%.0f", (double) bytes / r.events()) : "-",
                        heap >> 20);
            }
        }
        return ExitCode.OK;
    }

    /** Runs consecutive seeds until {@code budget} steps; returns {steps per second, steps per run}. */
    private static double[] measure(SimConfig base, String mode, Path parent, long budget) throws IOException {
        Path dir = mode.equals("off") ? null : Files.createTempDirectory(parent, "m");
        try {
            if (mode.equals("stream")) {
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(dir.resolve("all.ndjson")), 1 << 16)) {
                    return measureInto(base, null, new FilterOutputStream(os) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            flush(); // one run's end: the file stays open for the next
                        }
                    }, budget);
                }
            }
            return measureInto(base, dir, null, budget);
        } finally {
            if (dir != null) {
                deleteTree(dir); // outside the timed loop
            }
        }
    }

    /**
     * One new file per run (trace-SEED.ndjson) when {@code dir} is set, as a campaign writes them;
     * every run's trace appended to {@code stream} when that is set; else no trace.
     */
    private static double[] measureInto(SimConfig base, Path dir, OutputStream stream, long budget) throws IOException {
        boolean traced = dir != null;
        long steps = 0;
        long runs = 0;
        long seed = 1;
        long t0 = System.nanoTime();
        while (steps < budget) {
            SimConfig c = base.toBuilder().seed(seed++).build();
            SimResult r;
            if (traced) {
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(dir.resolve("trace-" + c.seed() + ".ndjson")), 1 << 16)) {
                    r = Simulation.run(c, os);
                }
            } else if (stream != null) {
                r = Simulation.run(c, stream);
            } else {
                r = Simulation.run(c);
            }
            if (!r.ok()) {
                throw new IllegalStateException("benchmark run failed: " + r.failure() + " (" + c.replayCommand() + ")");
            }
            steps += r.steps();
            runs++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new double[] {steps / seconds, (double) steps / runs};
    }

    /**
     * PBFT, tracing off, with Ed25519 signing and verification on: signed messages sent per second
     * and client requests committed (by the first honest replica) per second; 1/100 of the step
     * budget, as a PBFT step verifies signatures (~0.1 ms each).
     */
    private static void benchPbft(PrintStream out, int nodes, FaultPlan plan, SystemModel model, int runs, long budget) {
        SimConfig base;
        try {
            base = SimConfig.builder("pbft").nodes(nodes).faults(plan).model(model).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        double[][] m = new double[runs][];
        measurePbft(base, budget); // warm-up
        for (int i = 0; i < runs; i++) {
            m[i] = measurePbft(base, budget);
        }
        String[] names = {"steps/s", "signed msgs/s", "requests committed/s"};
        for (int k = 0; k < 3; k++) {
            double[] xs = new double[runs];
            for (int i = 0; i < runs; i++) {
                xs[i] = m[i][k];
            }
            Arrays.sort(xs);
            out.printf(Locale.ROOT, "%-11s %-8s %14.0f %6.1f..%-7.1f  %s (nodes=%d, %d steps per measurement, median of %d)%n",
                    "pbft", "off", xs[runs / 2], xs[0] / 1000, xs[runs - 1] / 1000, names[k], nodes, budget, runs);
        }
    }

    private static double[] measurePbft(SimConfig base, long budget) {
        long steps = 0;
        long signed = 0;
        long committed = 0;
        long seed = 1;
        long t0 = System.nanoTime();
        while (steps < budget) {
            SimConfig c = base.toBuilder().seed(seed++).build();
            dev.tlaconform.impl.pbft.PbftProtocol[] p = new dev.tlaconform.impl.pbft.PbftProtocol[1];
            SimResult r = Simulation.run(c, sink -> p[0] = (dev.tlaconform.impl.pbft.PbftProtocol) Protocols.create(c, sink), null);
            if (!r.ok()) {
                throw new IllegalStateException("benchmark run failed: " + r.failure() + " (" + c.replayCommand() + ")");
            }
            steps += r.steps();
            signed += p[0].signedMessages();
            committed += r.decided().values().stream().filter(v -> !v.equals("null")).count(); // not the null requests
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new double[] {steps / seconds, signed / seconds, committed / seconds};
    }

    private static void deleteTree(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static void help(PrintStream out, Options opts) {
        PrintWriter pw = new PrintWriter(out);
        new HelpFormatter().printHelp(pw, 100, "tlaconform bench simulate [--protocol P] [--faults PLAN] [--runs R] [--steps K]",
                "\nSimulator throughput on one thread: tracing off, and tracing to a file (one file per run).\n\n",
                opts, 2, 4, "", false);
        pw.flush();
    }
}
