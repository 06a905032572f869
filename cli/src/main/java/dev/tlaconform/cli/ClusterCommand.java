package dev.tlaconform.cli;

import dev.tlaconform.impl.cluster.ClusterConfig;
import dev.tlaconform.impl.cluster.ClusterRun;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.CausalTraces;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform cluster --protocol P [--nodes N] [--duration 30s] [--clients C]
 * [--nemesis kill,pause,partition|none] [--seed S] [--validate] --out DIR}: the reference implementation as
 * separate processes on loopback TCP with durable logs, under a seeded nemesis (docs/cluster.md).
 * Exit 0: progress after the heal and no acknowledged write lost; 1: not; 2 bad usage; 3 internal.
 */
public final class ClusterCommand implements Command {
    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public String summary() {
        return "run a protocol as N processes over TCP with write-ahead logs and a nemesis; per-node traces";
    }

    /** The protocols the cluster driver runs: every simulated one but Nakamoto (no client requests). */
    static java.util.List<String> clusterProtocols() {
        return Protocols.NAMES.stream().filter(x -> !x.equals("nakamoto")).toList();
    }

    private static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("protocol").hasArg().argName("P").desc(String.join("|", clusterProtocols())).build());
        o.addOption(Option.builder().longOpt("nodes").hasArg().argName("N").desc("node processes (default 3; pbft 4)").build());
        o.addOption(Option.builder().longOpt("duration").hasArg().argName("30s").desc("how long the workload and the nemesis run (default 30s)").build());
        o.addOption(Option.builder().longOpt("clients").hasArg().argName("C").desc("concurrent closed-loop clients (default 2)").build());
        o.addOption(Option.builder().longOpt("nemesis").hasArg().argName("LIST").desc("kill,pause,partition or none (default kill,pause,partition)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seeds the workload and the fault schedule (default 1)").build());
        o.addOption(Option.builder().longOpt("values").hasArg().argName("K").desc("client requests / commands (default: the simulator's for paxos and pbft, 12 otherwise)").build());
        o.addOption(Option.builder().longOpt("timeout-ms").hasArg().argName("MS").desc("the cores' retry timeout, one tick = 1 ms (default 150)").build());
        o.addOption(Option.builder().longOpt("mutant").hasArg().argName("NAME").desc("a cluster-only seeded bug: " + String.join(", ", ClusterConfig.MUTANTS)).build());
        o.addOption(Option.builder().longOpt("validate").desc("then validate the per-node traces together by causal order (as tlaconform validate DIR)").build());
        o.addOption(Option.builder().longOpt("no-fsync").desc("append to the WAL without fsync (for measuring; unsafe on power loss, not on kill -9)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("run directory: per-node traces, history.ndjson (key-value history: tlaconform linearizable), requests.ndjson, data/, logs/ (required, new or empty)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cl = Args.parse(name(), options(), args, false);
        if (cl.hasOption("help")) {
            new HelpFormatter().printHelp(new java.io.PrintWriter(out, true), 100, "tlaconform cluster --protocol P --out DIR [options]", "",
                    options(), 2, 2, "");
            return ExitCode.OK;
        }
        String p = cl.getOptionValue("protocol");
        if (p == null) throw new UsageException("--protocol is required (" + String.join(", ", Protocols.NAMES) + ")");
        if (!Protocols.NAMES.contains(p)) throw new UsageException("unknown protocol '" + p + "' (" + String.join(", ", Protocols.NAMES) + ")");
        if (p.equals("nakamoto")) {
            // its nodes mine by the simulator's rounds and serve no client requests: the cluster
            // driver's clients (writes acknowledged by a replicated log) have nothing to ask of them
            throw new UsageException("nakamoto does not run as a cluster (its nodes mine in the simulator's rounds and answer no client"
                    + " requests): use simulate or conform --protocol nakamoto; cluster runs " + String.join(", ", clusterProtocols()));
        }
        if (!cl.hasOption("out")) throw new UsageException("--out DIR is required");
        int nodes = Args.intOption(cl, "nodes", p.equals("pbft") ? 4 : 3, 1, 9);
        long duration = duration(cl.getOptionValue("duration", "30s"));
        int clients = Args.intOption(cl, "clients", 2, 1, 64);
        int values = Args.intOption(cl, "values", p.equals("multipaxos") || p.equals("zab") ? 12 : -1, -1, 1000);
        long timeout = Args.intOption(cl, "timeout-ms", 150, 10, 60_000);
        long seed;
        try {
            seed = Long.parseLong(cl.getOptionValue("seed", "1"));
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be an integer, not " + cl.getOptionValue("seed"));
        }
        List<String> nemesis = new ArrayList<>();
        for (String f : cl.getOptionValue("nemesis", "kill,pause,partition").split(",")) {
            f = f.trim();
            if (f.isEmpty() || f.equals("none")) continue;
            if (!ClusterConfig.FAULTS.contains(f)) throw new UsageException("--nemesis: unknown fault '" + f + "' (kill, pause, partition, none)");
            if (!nemesis.contains(f)) nemesis.add(f);
        }
        String mutant = cl.getOptionValue("mutant");
        if (mutant != null && !ClusterConfig.MUTANTS.contains(mutant)) {
            throw new UsageException("--mutant: unknown '" + mutant + "' (" + String.join(", ", ClusterConfig.MUTANTS) + ")");
        }
        ClusterConfig cfg = new ClusterConfig(p, nodes, values, 200 * nodes, -1, seed, timeout, !cl.hasOption("no-fsync"), 1 << 20, mutant,
                List.copyOf(nemesis), duration, clients, Path.of(cl.getOptionValue("out")).toAbsolutePath(), true, ClusterConfig.DEFAULT_BATCH);
        try {
            cfg.simConfig();
            ClusterRun.prepare(cfg.out());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ClusterRun.Result r = new ClusterRun(cfg, out).run();
        out.println(r.summary());
        for (String s : r.problems()) out.println("  " + s);
        int exit = r.ok() ? ExitCode.OK : ExitCode.VIOLATION;
        if (!cl.hasOption("validate")) {
            out.println("per-node traces in " + cfg.out() + " (validate them together: tlaconform validate " + cfg.out() + ")");
            return exit;
        }
        try (Validator v = new Validator()) {
            ValidationResult vr = CausalTraces.validate(v, cfg.out(), null, Validator.DEFAULT_MAX_CANDIDATES, true);
            out.println(vr.render());
            return Math.max(exit, vr.accepted() ? ExitCode.OK : ExitCode.VIOLATION);
        } catch (BadTraceException | CandidateLimitException e) {
            err.println("tlaconform cluster: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }

    static long duration(String s) {
        try {
            if (s.endsWith("ms")) return Long.parseLong(s.substring(0, s.length() - 2));
            if (s.endsWith("s")) return Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000);
            if (s.endsWith("m")) return Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 60_000);
            return Math.round(Double.parseDouble(s) * 1000);
        } catch (NumberFormatException e) {
            throw new UsageException("--duration must look like 30s, 2m or 500ms, not " + s);
        }
    }
}
