package dev.tlaconform.cli;

import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform simulate}: one seeded run of the reference implementation in the deterministic
 * simulator, its NDJSON trace written to {@code --out}. Exit 0 when the run holds its invariants
 * (decided, or undecided without a liveness duty), 1 on a safety or liveness violation (the seed
 * and the replay command are printed), 2 on bad usage.
 */
public final class SimulateCommand implements Command {
    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "run Paxos or Multi-Paxos in the seeded fault-injecting simulator, write an NDJSON trace";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("protocol").hasArg().argName("P")
                .desc("protocol: " + String.join(" | ", Protocols.NAMES) + " (default paxos)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S")
                .desc("the one seed of the run (default: a random one, printed)").build());
        o.addOption(Option.builder().longOpt("seeds").hasArg().argName("A..B")
                .desc("a sweep: run every seed from A to B (no trace; with --out, the first failing seed's trace"
                        + " is written there), print one summary line, exit 1 if any seed fails").build());
        o.addOption(Option.builder().longOpt("nodes").hasArg().argName("N").desc("number of nodes (default 3; pbft, fastpaxos and nakamoto 4)").build());
        o.addOption(Option.builder().longOpt("f").hasArg().argName("F")
                .desc("nodes the fault plan may crash (default (N-1)/2); N < 2F+1 is refused without --unsafe-config").build());
        o.addOption(Option.builder().longOpt("faults").hasArg().argName("PLAN")
                .desc("fault plan: " + String.join(" | ", FaultPlan.NAMES)
                        + " (default none), optionally with overrides, e.g. 'all,drop=0.2' or 'drop=0.1,restart=1'."
                        + " none: no faults; drop: 10% of messages lost; dup: 10% delivered twice;"
                        + " reorder: 30% delayed up to 10 deltas; partition: 2 symmetric partitions that heal;"
                        + " oneway: 2 one-way partitions that heal; crash: f nodes crash for good;"
                        + " restart: f nodes crash and restart 1-3 times keeping only their durable state;"
                        + " all: 5% drop, 5% dup, 20% reorder, one partition of each kind, f nodes crash or restart").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("M")
                .desc("system model: sync (every message within delta) | async (finite unbounded delays, no liveness"
                        + " duty) | partial (async until GST, within delta after; default)").build());
        o.addOption(Option.builder().longOpt("steps").hasArg().argName("K").desc("run K node steps (no early stop)").build());
        o.addOption(Option.builder().longOpt("until-decided")
                .desc("stop when every live node has decided and the faults are over (default)").build());
        o.addOption(Option.builder().longOpt("max-steps").hasArg().argName("K")
                .desc("step bound of --until-decided (default " + SimConfig.DEFAULT_MAX_STEPS + ")").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("TRACE.ndjson")
                .desc("write the NDJSON trace there (no trace without it)").build());
        o.addOption(Option.builder().longOpt("history").hasArg().argName("HISTORY.ndjson")
                .desc("write the clients' history there (invoke/ok/fail/info per operation; tlaconform linearizable)").build());
        o.addOption(Option.builder().longOpt("spread").hasArg().argName("D")
                .desc("clients hand their requests out over the first D deltas (default 20)").build());
        o.addOption(Option.builder().longOpt("values").hasArg().argName("K")
                .desc("client values v1..vK (paxos, default 2), commands c1..cK (multipaxos, default 3) or writes 1..K (zab, default 3)").build());
        o.addOption(Option.builder().longOpt("max-ballot").hasArg().argName("B")
                .desc("highest ballot a proposer may use (default 20N-1); the trace header's MaxBallot (zab: MaxEpoch)").build());
        o.addOption(Option.builder().longOpt("max-slot").hasArg().argName("S")
                .desc("multipaxos log slots (default 2 x commands); the trace header's MaxSlot").build());
        o.addOption(Option.builder().longOpt("delta").hasArg().argName("TICKS").desc("delta, the delay bound, in ticks (default 10)").build());
        o.addOption(Option.builder().longOpt("min-delay").hasArg().argName("TICKS")
                .desc("least delay of every message, at most --delta: delays up to delta are mapped linearly into"
                        + " [min, delta] (default 0: the model's own)").build());
        o.addOption(Option.builder().longOpt("gst").hasArg().argName("TICKS")
                .desc("GST of the partial model (default: drawn from the seed in [20, 100) deltas)").build());
        o.addOption(Option.builder().longOpt("unsafe-config")
                .desc("run configurations outside the fault bound (N < 2f+1): safety is checked, liveness is not").build());
        o.addOption(Option.builder().longOpt("mutant").hasArg().argName("NAME")
                .desc("switch on one seeded bug of the protocol (see tlaconform mutants --list)").build());
        o.addOption(Option.builder().longOpt("byzantine").hasArg().argName("K")
                .desc("pbft: K Byzantine replicas, chosen from the seed (they count against f; N < 3f+1 is refused);"
                        + " nakamoto: 1, node N mines for the adversary").build());
        o.addOption(Option.builder().longOpt("byz").hasArg().argName("B[,B..]")
                .desc("pbft: what Byzantine replicas do: equivocate, forge, replay, wrong-digest, silent"
                        + " (default equivocate,forge,replay,wrong-digest); nakamoto: private[=share] (Nakamoto's"
                        + " double-spend attacker, default share 0.25) or invalid (the default: mines blocks honest validation must refuse)").build());
        o.addOption(Option.builder().longOpt("quiet").desc("print nothing but failures").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options opts = options();
        CommandLine cl = Args.parse(name(), opts, args, Args.OPTIONS_ONLY);
        if (cl.hasOption("help")) {
            help(out, opts);
            return ExitCode.OK;
        }
        SimConfig cfg = config(cl);
        if (cl.hasOption("seeds")) {
            return sweep(cl, cfg, out, err);
        }
        Path outPath = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")) : null;
        Path historyPath = cl.hasOption("history") ? Path.of(cl.getOptionValue("history")) : null;
        SimResult r = outPath != null || historyPath != null
                ? Simulation.run(cfg, dev.tlaconform.impl.sim.Protocols.factory(cfg), outPath == null ? null : open(outPath),
                        historyPath == null ? null : open(historyPath))
                : Simulation.run(cfg);
        if (!cl.hasOption("quiet") || !r.ok()) {
            out.println(r.summary() + (outPath != null ? " | trace " + outPath : "")
                    + (historyPath != null ? " | history " + historyPath : ""));
        }
        if (!r.ok()) {
            err.println("FAILED: " + r.failure());
            err.println("seed=" + cfg.seed());
            err.println("replay: " + cfg.replayCommand());
            return ExitCode.VIOLATION;
        }
        return ExitCode.OK;
    }

    private static OutputStream open(Path outPath) {
        try {
            Path parent = outPath.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new BufferedOutputStream(Files.newOutputStream(outPath), 1 << 16);
        } catch (IOException e) {
            throw new UsageException("cannot write " + outPath + ": " + e.getMessage());
        }
    }

    /** {@code --seeds A..B}: every seed of the range with the same options; failures listed with their replay command. */
    private static int sweep(CommandLine cl, SimConfig base, PrintStream out, PrintStream err) {
        String range = cl.getOptionValue("seeds");
        String[] ab = range.split("\\.\\.", 2);
        long from;
        long to;
        try {
            from = Long.parseLong(ab[0].trim());
            to = ab.length == 2 ? Long.parseLong(ab[1].trim()) : from;
        } catch (NumberFormatException e) {
            throw new UsageException("--seeds must be A..B (e.g. 1..1000), got '" + range + "'");
        }
        if (from < 0 || to < from || to - from >= 10_000_000) {
            throw new UsageException("--seeds A..B needs 0 <= A <= B and at most 10,000,000 seeds, got '" + range + "'");
        }
        if (cl.hasOption("seed")) {
            throw new UsageException("--seed and --seeds exclude each other");
        }
        long t0 = System.nanoTime();
        long decided = 0;
        long undecided = 0;
        long failed = 0;
        long steps = 0;
        long events = 0;
        for (long seed = from; seed <= to; seed++) {
            SimConfig c = base.toBuilder().seed(seed).build();
            SimResult r = Simulation.run(c);
            steps += r.steps();
            events += r.events();
            if (r.outcome() == SimResult.Outcome.DECIDED) {
                decided++;
            } else if (r.ok()) {
                undecided++;
            } else {
                failed++;
                err.println("FAILED seed=" + seed + ": " + r.failure());
                err.println("replay: " + c.replayCommand());
                if (failed == 1 && cl.hasOption("out")) {
                    Simulation.run(c, open(Path.of(cl.getOptionValue("out"))));
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.printf(java.util.Locale.ROOT, "%s seeds %d..%d model=%s faults=%s nodes=%d: %d runs, %d decided, %d undecided,"
                        + " %d failed | %d steps, %d events | %d ms%n", base.protocol(), from, to, base.model().label(),
                base.faults().name(), base.nodes(), to - from + 1, decided, undecided, failed, steps, events, ms);
        return failed == 0 ? ExitCode.OK : ExitCode.VIOLATION;
    }

    /** Builds the run's configuration from the options; bad values are one-line usage errors. */
    static SimConfig config(CommandLine cl) {
        String protocol = cl.getOptionValue("protocol", "paxos");
        if (!Protocols.NAMES.contains(protocol)) {
            throw new UsageException("--protocol must be one of " + String.join(", ", Protocols.NAMES) + ", got '" + protocol + "'");
        }
        SimConfig.Builder b = SimConfig.builder(protocol);
        b.seed(cl.hasOption("seed") ? longOpt(cl, "seed") : new SplittableRandom().nextLong(1, 1L << 40)); // a fresh seed is printed
        if (cl.hasOption("nodes")) {
            b.nodes((int) longOpt(cl, "nodes"));
        }
        if (cl.hasOption("f")) {
            b.faulty((int) longOpt(cl, "f"));
        }
        try {
            if (cl.hasOption("faults")) {
                b.faults(FaultPlan.parse(cl.getOptionValue("faults")));
            }
            if (cl.hasOption("model")) {
                b.model(SystemModel.parse(cl.getOptionValue("model")));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (cl.hasOption("steps") && (cl.hasOption("until-decided") || cl.hasOption("max-steps"))) {
            throw new UsageException("--steps and --until-decided/--max-steps exclude each other");
        }
        if (cl.hasOption("steps")) {
            b.steps(longOpt(cl, "steps"));
        } else {
            // the default bound grows with a long workload (a command takes about 15 steps in a stable run)
            long dflt = Math.max(SimConfig.DEFAULT_MAX_STEPS, 50L * (cl.hasOption("values") ? longOpt(cl, "values") : 0));
            b.untilDecided(cl.hasOption("max-steps") ? longOpt(cl, "max-steps") : dflt);
        }
        if (cl.hasOption("spread")) {
            b.spreadDeltas(longOpt(cl, "spread"));
        }
        if (cl.hasOption("values")) {
            b.values((int) longOpt(cl, "values"));
        }
        if (cl.hasOption("max-ballot")) {
            b.maxBallot((int) longOpt(cl, "max-ballot"));
        }
        if (cl.hasOption("max-slot")) {
            b.maxSlot((int) longOpt(cl, "max-slot"));
        }
        if (cl.hasOption("delta")) {
            b.deltaTicks(longOpt(cl, "delta"));
        }
        if (cl.hasOption("min-delay")) {
            b.minDelayTicks(longOpt(cl, "min-delay"));
        }
        if (cl.hasOption("gst")) {
            b.gstTicks(longOpt(cl, "gst"));
        }
        b.unsafeConfig(cl.hasOption("unsafe-config"));
        b.mutant(cl.getOptionValue("mutant"));
        if (cl.hasOption("byzantine")) {
            b.byzantine((int) longOpt(cl, "byzantine"));
        }
        if (cl.hasOption("byz")) {
            b.byz(java.util.List.of(cl.getOptionValue("byz").split(",")));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static long longOpt(CommandLine cl, String name) {
        String v = cl.getOptionValue(name);
        try {
            long x = Long.parseLong(v.trim());
            if (x < 0 || (x > Integer.MAX_VALUE && !name.equals("seed") && !name.equals("steps") && !name.equals("max-steps"))) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a non-negative integer, got '" + v + "'");
        }
    }

    private static void help(PrintStream out, Options opts) {
        PrintWriter pw = new PrintWriter(out);
        new HelpFormatter().printHelp(pw, 100,
                "tlaconform simulate --protocol " + String.join("|", Protocols.NAMES) + " [--seed S] [--nodes N] [--faults PLAN]"
                        + " [--model sync|async|partial] [--steps K | --until-decided] [--out TRACE.ndjson]",
                "\nOne deterministic run: the same options and seed give a byte-identical trace.\n\n", opts, 2, 4,
                "\nExit codes: 0 invariants held, 1 safety or liveness violation (seed and replay command printed),"
                        + " 2 bad usage.", false);
        pw.flush();
    }
}
