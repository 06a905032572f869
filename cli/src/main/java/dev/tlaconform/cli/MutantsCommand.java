package dev.tlaconform.cli;

import dev.tlaconform.cli.mutants.MutantBench;
import dev.tlaconform.cli.mutants.MutantOutcome;
import dev.tlaconform.cli.mutants.MutantReport;
import dev.tlaconform.impl.core.Mutant;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.Validator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform mutants}: the mutant benchmark. Every seeded bug of every protocol
 * ({@code Protocols.mutants}) is switched on in turn; runs of the mutated implementation are
 * validated against the spec and checked by the simulator's invariants, and the report puts side
 * by side when each first noticed the bug. Exit 0 when trace validation detected every mutant, 1
 * otherwise, 2 on bad usage.
 */
public final class MutantsCommand implements Command {
    static final int DEFAULT_RUNS = 15;
    static final String DEFAULT_OUT = "mutants-out";
    static final int DEFAULT_BYZANTINE = 1;

    @Override
    public String name() {
        return "mutants";
    }

    @Override
    public String summary() {
        return "mutant benchmark: does trace validation (and do the invariants) catch each seeded bug?";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("protocol").hasArg().argName("P")
                .desc("protocol(s), comma-separated: " + String.join(" | ", Protocols.NAMES) + " | all (default all)").build());
        o.addOption(Option.builder().longOpt("mutant").hasArg().argName("M,...")
                .desc("only these mutants (labels, comma-separated; default every one)").build());
        o.addOption(Option.builder().longOpt("runs").hasArg().argName("N")
                .desc("seeds per fault plan x model, at most (default " + DEFAULT_RUNS + "); a mutant stops once both detected it").build());
        o.addOption(Option.builder().longOpt("faults").hasArg().argName("MATRIX")
                .desc("fault plans as for conform (default all-plans: " + String.join(", ", FaultPlan.NAMES) + ")").build());
        o.addOption(Option.builder().longOpt("models").hasArg().argName("M,...")
                .desc("system models: sync, async, partial (default partial)").build());
        o.addOption(Option.builder().longOpt("jobs").hasArg().argName("J")
                .desc("worker threads (default: available processors, " + Runtime.getRuntime().availableProcessors() + ")").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S")
                .desc("campaign seed: the runs are conform's with the same seed (default 1)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR")
                .desc("report directory: report.json, mutants.md, traces/ (default " + DEFAULT_OUT + ")").build());
        o.addOption(Option.builder().longOpt("specs").hasArg().argName("DIR")
                .desc("directory holding <protocol>/trace-mapping.json (default: the specs/ above the working directory)").build());
        o.addOption(Option.builder().longOpt("byzantine").hasArg().argName("K")
                .desc("protocols that tolerate Byzantine nodes also run every cell with K of them, on the smallest"
                        + " cluster the simulator accepts (default " + DEFAULT_BYZANTINE + "; 0 = never)").build());
        o.addOption(Option.builder().longOpt("driver").hasArg().argName("sim|cluster")
                .desc("sim (default): the catalogue in the simulator; cluster: the cluster-only mutants in real processes (docs/cluster.md)").build());
        o.addOption(Option.builder().longOpt("list").desc("list the mutant catalogue and exit").build());
        o.addOption(Option.builder().longOpt("quiet").desc("no progress line").build());
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
        List<String> protocols = ConformCommand.protocols(cl.getOptionValue("protocol", "all"));
        String driver = cl.getOptionValue("driver", "sim");
        if (driver.equals("cluster")) {
            List<String> clustered = protocols.stream().filter(ClusterCommand.clusterProtocols()::contains).toList();
            if (clustered.isEmpty()) {
                throw new UsageException("--driver cluster runs " + String.join(", ", ClusterCommand.clusterProtocols()) + " (not " + String.join(", ", protocols) + ")");
            }
            return ClusterMutants.run(clustered, cl.hasOption("seed") ? SimulateCommand.longOpt(cl, "seed") : 1,
                    Path.of(cl.getOptionValue("out", DEFAULT_OUT)).resolve("cluster"), cl.hasOption("list"), out);
        }
        if (!driver.equals("sim")) throw new UsageException("--driver must be sim or cluster, not " + driver);
        List<MutantBench.Target> targets = targets(protocols, cl.getOptionValue("mutant"));
        if (cl.hasOption("list")) {
            for (String p : protocols) {
                for (Mutant m : Protocols.mutants(p)) {
                    out.printf(Locale.ROOT, "%-11s %-30s %s%s%n", p, m.label(), m.description(),
                            m.traceVisible() ? "" : " [client history only: run when named]");
                }
            }
            return ExitCode.OK;
        }
        List<FaultPlan> faults = ConformCommand.faults(cl.getOptionValue("faults", "all-plans"));
        List<SystemModel> models = ConformCommand.models(cl.getOptionValue("models", "partial"));
        int runs = (int) bounded(cl, "runs", DEFAULT_RUNS);
        int jobs = (int) bounded(cl, "jobs", Runtime.getRuntime().availableProcessors());
        long seed = cl.hasOption("seed") ? SimulateCommand.longOpt(cl, "seed") : 1;
        int byzantine = cl.hasOption("byzantine") ? (int) SimulateCommand.longOpt(cl, "byzantine") : DEFAULT_BYZANTINE;
        if (byzantine < 0 || byzantine > 20) {
            throw new UsageException("--byzantine must be between 0 and 20, got '" + cl.getOptionValue("byzantine") + "'");
        }
        Path outDir = Path.of(cl.getOptionValue("out", DEFAULT_OUT));
        List<String> used = targets.stream().map(MutantBench.Target::protocol).distinct().toList();
        Map<String, Path> specDirs = ConformCommand.specDirs(used,
                cl.hasOption("specs") ? Path.of(cl.getOptionValue("specs")) : null);
        try {
            Files.createDirectories(outDir.resolve("traces"));
            try (var s = Files.list(outDir.resolve("traces"))) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (p.getFileName().toString().endsWith(".ndjson")) {
                        Files.delete(p); // an earlier benchmark's traces would be mistaken for this one's
                    }
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot write to --out " + outDir + ": " + e.getMessage());
        }
        String command = "scripts/tlaconform mutants --protocol " + String.join(",", used) + " --runs " + runs
                + " --faults '" + cl.getOptionValue("faults", "all-plans") + "' --models "
                + String.join(",", models.stream().map(SystemModel::label).toList()) + " --jobs " + jobs + " --seed " + seed + " --byzantine " + byzantine
                + (cl.hasOption("mutant") ? " --mutant " + cl.getOptionValue("mutant") : "");
        MutantBench bench = new MutantBench(new MutantBench.Settings(targets, faults, models, runs, seed, jobs, specDirs, outDir, byzantine));
        err.println("mutants: " + targets.size() + " mutants, up to " + runs + " seeds x " + faults.size() + " fault plans x "
                + models.size() + " models each, " + jobs + " jobs, seed " + seed);
        for (String p : used) {
            List<MutantBench.Cell> cells = bench.cells(p);
            if (cells.isEmpty()) {
                throw new UsageException(p + ": the simulator accepts none of the fault plans x models given");
            }
            List<MutantBench.Cell> byz = cells.stream().filter(c -> c.byzantine() > 0).toList();
            err.println("mutants: " + p + ": up to " + bench.budget(p) + " runs per mutant (" + cells.size() + " cells"
                    + (byz.isEmpty() ? "" : ", " + byz.size() + " of them with " + byzantine + " Byzantine of "
                    + byz.get(0).nodes() + " nodes") + ")");
        }
        boolean tty = err == System.err && ConformCommand.stderrIsTerminal();
        boolean quiet = cl.hasOption("quiet");
        long t0 = System.nanoTime();
        int[] finished = {0};
        String[] last = {""};
        List<MutantOutcome> result;
        try (Validator validator = new Validator()) {
            dev.tlaconform.cli.report.Coverage.start();
            result = bench.run(validator, line -> {
                String name = line.substring(0, line.indexOf(" run "));
                if (!name.equals(last[0])) {
                    finished[0]++;
                    last[0] = name;
                }
                if (!quiet && tty) {
                    err.print(String.format(Locale.ROOT, "\rmutant %d/%d %s | %.1f s\u001b[K", finished[0], targets.size(),
                            line, (System.nanoTime() - t0) / 1e9));
                    err.flush();
                }
            }, o -> {
                if (!quiet) {
                    err.println((tty ? "\r\u001b[K" : "") + "mutants: " + o.protocol() + "/" + o.label() + ": validation "
                            + MutantReport.cell(o.validation(), "events", o.runsTried()) + "; invariants "
                            + MutantReport.cell(o.invariants(), "steps", o.runsTried()));
                }
            });
        } catch (MutantBench.SpecProblem e) {
            throw new UsageException("cannot validate against the spec: " + e.getMessage());
        }
        long wall = (System.nanoTime() - t0) / 1_000_000;
        MutantReport.printTable(result, out);
        // the cores' code coverage over every mutated run (what a seeded bug there could have shown in)
        dev.tlaconform.cli.report.Coverage coverage = dev.tlaconform.cli.report.Coverage.collect(protocols);
        coverage.print(out, ConformCommand.MAX_MISSED_BRANCHES_PRINTED);
        Files.createDirectories(outDir);
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(outDir.resolve("coverage.json").toFile(), coverage.toJson(new com.fasterxml.jackson.databind.ObjectMapper()));
        MutantReport.writeJson(result, command, seed, runs, faults.stream().map(FaultPlan::name).toList(),
                models.stream().map(SystemModel::label).toList(), wall, outDir.resolve("report.json"));
        MutantReport.writeMarkdown(result, command, outDir.resolve("mutants.md"));
        long detected = MutantReport.detectedByValidation(result);
        out.println("reports: " + outDir.resolve("report.json") + ", " + outDir.resolve("mutants.md"));
        out.printf(Locale.ROOT, "%d of %d mutants detected by trace validation, %d by the simulator's invariants;"
                        + " trace validation first for %d (%.1f s)%n", detected, result.size(),
                MutantReport.detectedByInvariants(result), MutantReport.validationFirst(result), wall / 1000.0);
        if (detected == result.size()) {
            out.println("EVERY MUTANT DETECTED by trace validation");
            return ExitCode.OK;
        }
        out.println("MISSED: " + String.join(", ", result.stream().filter(o -> o.validation() == null)
                .map(o -> o.protocol() + "/" + o.label()).toList()) + " (more --runs or other --faults may find them)");
        return ExitCode.VIOLATION;
    }

    /** The (protocol, mutant) pairs to run, in catalogue order; unknown labels are bad usage. */
    static List<MutantBench.Target> targets(List<String> protocols, String only) {
        List<MutantBench.Target> out = new ArrayList<>();
        List<String> wanted = only == null ? null : List.of(only.split(","));
        for (String p : protocols) {
            for (Mutant m : Protocols.mutants(p)) {
                if (wanted == null ? m.traceVisible() : wanted.contains(m.label())) { // client-side bugs only when named
                    out.add(new MutantBench.Target(p, m));
                }
            }
        }
        if (wanted != null) {
            for (String w : wanted) {
                if (out.stream().noneMatch(t -> t.mutant().label().equals(w))) {
                    throw new UsageException("--mutant: no mutant '" + w + "' in " + String.join(", ", protocols)
                            + " (tlaconform mutants --list)");
                }
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("no mutants to run: " + String.join(", ", protocols) + " list none");
        }
        return out;
    }

    private static long bounded(CommandLine cl, String name, long dflt) {
        if (!cl.hasOption(name)) {
            return dflt;
        }
        long v = SimulateCommand.longOpt(cl, name);
        if (v < 1 || v > 100_000) {
            throw new UsageException("--" + name + " must be between 1 and 100000, got '" + cl.getOptionValue(name) + "'");
        }
        return v;
    }

    private static void help(PrintStream out, Options opts) {
        PrintWriter pw = new PrintWriter(out);
        new HelpFormatter().printHelp(pw, 100,
                "tlaconform mutants [--protocol P|all] [--runs N] [--faults MATRIX] [--models M] [--jobs J] [--list] [--out DIR]",
                "\nSwitches on each seeded bug of the implementation in turn and runs it: is it detected by trace validation"
                        + " (its traces rejected by the spec), by the simulator's invariant checks, and which comes first?\n\n",
                opts, 2, 4, "\nExit codes: 0 every mutant detected by trace validation, 1 some mutant not, 2 bad usage.", false);
        pw.flush();
    }
}
