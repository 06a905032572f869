package dev.tlaconform.cli;

import dev.tlaconform.cli.report.Campaign;
import dev.tlaconform.cli.report.CampaignResult;
import dev.tlaconform.cli.report.Coverage;
import dev.tlaconform.cli.report.HtmlReport;
import dev.tlaconform.cli.report.JsonReport;
import dev.tlaconform.cli.report.JunitReport;
import dev.tlaconform.cli.report.Progress;
import dev.tlaconform.cli.report.ProtocolSummary;
import dev.tlaconform.cli.report.RunResult;
import dev.tlaconform.cli.report.SpecAlternatives;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform conform}: a conformance campaign. For every protocol x fault plan x system
 * model, {@code --runs} seeded simulator runs; every trace is validated by the fast engine; a live
 * progress line on stderr, then a table per protocol with the action coverage summed over all
 * traces, and report.json, junit.xml and index.html in {@code --out}. Exit 0 when every trace is
 * accepted and no invariant broke, 1 otherwise (each failure printed with its seed and replay
 * command), 2 on bad usage.
 */
public final class ConformCommand implements Command {
    static final int DEFAULT_RUNS = 5;
    static final String DEFAULT_OUT = "conform-out";
    static final long DEFAULT_SEED = 1;
    static final int DEFAULT_CHARTS = 3;
    /** Failures printed on stdout in full; the rest are in the reports. */
    static final int MAX_PRINTED_FAILURES = 10;
    /** Never-taken branches printed per protocol (all of them are in report.json and index.html). */
    static final int MAX_MISSED_BRANCHES_PRINTED = 12;

    /** Applied to each trace before validation; identity except in tests. */
    private final UnaryOperator<String> traceFilter;

    public ConformCommand() {
        this(UnaryOperator.identity());
    }

    ConformCommand(UnaryOperator<String> traceFilter) {
        this.traceFilter = traceFilter;
    }

    @Override
    public String name() {
        return "conform";
    }

    @Override
    public String summary() {
        return "conformance campaign: simulate many seeded runs, validate every trace, write JSON/JUnit/HTML reports";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("protocol").hasArg().argName("P")
                .desc("protocol(s), comma-separated: " + String.join(" | ", Protocols.NAMES) + " | all (default all)").build());
        o.addOption(Option.builder().longOpt("runs").hasArg().argName("N")
                .desc("seeds per protocol x fault plan x system model (default " + DEFAULT_RUNS + ")").build());
        o.addOption(Option.builder().longOpt("faults").hasArg().argName("MATRIX")
                .desc("fault plans: names separated by ',' or ';' ('none,drop,crash'); ';' when a plan carries"
                        + " overrides ('drop;all,drop=0.2'); 'all-plans' = the whole catalogue: " + String.join(", ", FaultPlan.NAMES) + " (default all-plans)").build());
        o.addOption(Option.builder().longOpt("swarm")
                .desc("swarm testing: each run draws its own fault plan from its seed (every fault kind on with"
                        + " probability 1/2, random rates; the replay command carries it) instead of --faults").build());
        o.addOption(Option.builder().longOpt("guided")
                .desc("coverage-guided: until --budget is spent, run swarm runs and mutations of the runs that reached"
                        + " new branches of a protocol core or new alternatives of a spec action, keeping those"
                        + " (guided-corpus.txt); needs scripts/tlaconform's"
                        + " JaCoCo agent; one run at a time").build());
        o.addOption(Option.builder().longOpt("budget").hasArg().argName("TIME")
                .desc("--guided: wall time, e.g. 90s, 10m (default 10m)").build());
        o.addOption(Option.builder().longOpt("models").hasArg().argName("M,...")
                .desc("system models: sync, async, partial (default partial)").build());
        o.addOption(Option.builder().longOpt("jobs").hasArg().argName("J")
                .desc("worker threads (default: available processors, " + Runtime.getRuntime().availableProcessors() + ")").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR")
                .desc("report directory: report.json, junit.xml, index.html, traces/ (default " + DEFAULT_OUT + ")").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S")
                .desc("campaign seed; every run's seed derives from it (default " + DEFAULT_SEED + ")").build());
        o.addOption(Option.builder().longOpt("specs").hasArg().argName("DIR")
                .desc("directory holding <protocol>/trace-mapping.json (default: the specs/ found above the working directory)").build());
        o.addOption(Option.builder().longOpt("charts").hasArg().argName("K")
                .desc("accepted traces per protocol charted in index.html (default " + DEFAULT_CHARTS + ")").build());
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
        List<String> protocols = protocols(cl.getOptionValue("protocol", "all"));
        if (cl.hasOption("swarm") && cl.hasOption("faults")) {
            throw new UsageException("--swarm draws each run's fault plan: give --swarm or --faults, not both");
        }
        List<FaultPlan> faults = cl.hasOption("swarm")
                ? List.of(new FaultPlan(FaultPlan.SWARM, 0, 0, 0, 0, 0, 0, 0))
                : faults(cl.getOptionValue("faults", "all-plans"));
        List<SystemModel> models = models(cl.getOptionValue("models", "partial"));
        int runs = (int) positive(cl, "runs", DEFAULT_RUNS);
        int jobs = (int) positive(cl, "jobs", Runtime.getRuntime().availableProcessors());
        long seed = cl.hasOption("seed") ? SimulateCommand.longOpt(cl, "seed") : DEFAULT_SEED;
        int charts = cl.hasOption("charts") ? (int) SimulateCommand.longOpt(cl, "charts") : DEFAULT_CHARTS;
        Path outDir = Path.of(cl.getOptionValue("out", DEFAULT_OUT));
        Map<String, Path> specDirs = specDirs(protocols, cl.hasOption("specs") ? Path.of(cl.getOptionValue("specs")) : null);
        try {
            Files.createDirectories(outDir);
            deleteOldTraces(outDir.resolve("traces"));
        } catch (IOException e) {
            throw new UsageException("cannot write to --out " + outDir + ": " + e.getMessage());
        }
        boolean guided = cl.hasOption("guided");
        long budgetMillis = guided ? duration(cl.getOptionValue("budget", "10m")) : 0;
        if (!guided && cl.hasOption("budget")) {
            throw new UsageException("--budget goes with --guided");
        }
        String command = "scripts/tlaconform conform --protocol " + String.join(",", protocols)
                + (guided ? " --guided --budget " + cl.getOptionValue("budget", "10m")
                        : " --runs " + runs + (cl.hasOption("swarm") ? " --swarm" : " --faults '" + faultsArg(faults) + "'"))
                + " --models " + String.join(",", models.stream().map(SystemModel::label).toList())
                + (guided ? "" : " --jobs " + jobs) + " --seed " + seed + " --out " + outDir;
        Campaign campaign = new Campaign(new Campaign.Settings(protocols, faults, models, runs, seed, jobs, specDirs,
                outDir, charts, command, traceFilter));
        if (guided) {
            err.println("conform --guided: " + protocols.size() + " protocols, budget " + cl.getOptionValue("budget", "10m")
                    + ", seed " + seed + " (runs that reach new branches of a protocol core or new alternatives of a spec action"
                    + " are kept and mutated)");
        } else {
            err.println("conform: " + campaign.total() + " runs (" + protocols.size() + " protocols x " + faults.size()
                    + " fault plans x " + models.size() + " models x " + runs + " seeds), " + jobs + " jobs, seed " + seed);
        }
        CampaignResult result;
        List<String> corpus = new ArrayList<>();
        Map<String, Map<String, Map<String, Long>>> alternatives = new java.util.TreeMap<>();
        try (Validator validator = new Validator().recordActionBranches();
             Progress progress = new Progress(err, guided ? 1 : campaign.total(), err == System.err && stderrIsTerminal(),
                     guided || cl.hasOption("quiet"))) {
            boolean measuring = Coverage.start();
            if (guided && !measuring) {
                throw new UsageException("--guided needs JaCoCo's agent to see branches: run it through scripts/tlaconform");
            }
            result = guided
                    ? campaign.runGuided(validator, progress, budgetMillis, (r, fresh) -> {
                        corpus.add(r.replay() + "    # " + r.label() + ", " + fresh);
                        if (!cl.hasOption("quiet")) {
                            err.println("guided: kept " + r.label() + " (" + fresh + ")");
                        }
                    })
                    : campaign.run(validator, progress);
            for (String p : protocols) {
                alternatives.put(p, validator.actionBranches(specDirs.get(p)));
            }
        } catch (Campaign.SpecProblem e) {
            throw new UsageException("cannot validate against the spec: " + e.getMessage());
        }
        Coverage coverage = Coverage.collect(protocols, outDir.resolve("coverage.exec"))
                .withSpec(new SpecAlternatives(alternatives));
        if (guided) {
            Files.write(outDir.resolve("guided-corpus.txt"), corpus);
            out.println("guided: " + result.runs().size() + " runs, " + corpus.size() + " kept for reaching new branches ("
                    + outDir.resolve("guided-corpus.txt") + ": one replay command each)");
        }
        printTables(result, out);
        coverage.spec().print(out);
        coverage.print(out, MAX_MISSED_BRANCHES_PRINTED);
        JsonReport.write(result, coverage, outDir.resolve("report.json"));
        JunitReport.write(result, outDir.resolve("junit.xml"));
        HtmlReport.write(result, coverage, outDir.resolve("index.html"));
        out.println("reports: " + outDir.resolve("index.html") + ", " + outDir.resolve("report.json") + ", "
                + outDir.resolve("junit.xml"));
        if (result.ok()) {
            out.println("CONFORMS: all " + result.runs().size() + " traces accepted, no invariant violated,"
                    + " every client history linearizable");
            return ExitCode.OK;
        }
        printFailures(result, out);
        return ExitCode.VIOLATION;
    }

    /**
     * Whether stderr is a terminal (the progress line is redrawn in place there). Java 17 cannot ask
     * isatty(2) directly: on Linux /proc/self/fd/2 names the device; elsewhere System.console()
     * (stdin and stdout a terminal) decides. TLACONFORM_PROGRESS=tty|plain overrides.
     */
    static boolean stderrIsTerminal() {
        String force = System.getenv("TLACONFORM_PROGRESS");
        if (force != null && !force.isEmpty()) {
            return force.equals("tty");
        }
        try {
            String dev = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return dev.startsWith("/dev/pts/") || dev.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    static void printTables(CampaignResult r, PrintStream out) {
        out.printf(Locale.ROOT, "%-12s %7s %9s %9s %9s %10s %9s %8s %8s %10s%n", "protocol", "runs", "events", "accepted",
                "rejected", "inv.viol.", "not lin.", "wall s", "runs/s", "events/s");
        for (ProtocolSummary s : r.summaries()) {
            out.printf(Locale.ROOT, "%-12s %7d %9d %9d %9d %10d %9d %8.1f %8.1f %10.0f%n", s.protocol(), s.runs(),
                    s.events(), s.accepted(), s.rejected(), s.invariantViolations(), s.notLinearizable(),
                    s.wallMillis() / 1000.0, s.runsPerSecond(), s.eventsPerSecond());
        }
        for (ProtocolSummary s : r.summaries()) {
            out.println();
            out.println(s.protocol() + " action coverage (events per spec action, summed over " + s.runs() + " traces):");
            int width = s.coverage().keySet().stream().mapToInt(String::length).max().orElse(16);
            s.coverage().forEach((a, n) -> out.printf(Locale.ROOT, "  %-" + width + "s %9d%n", a, n));
            out.println(s.coverage().isEmpty() ? "  no action coverage: no trace was validated"
                    : s.neverExercised().isEmpty() ? "  every spec action exercised"
                    : "  NEVER EXERCISED: " + String.join(", ", s.neverExercised()));
        }
        out.println();
    }

    static void printFailures(CampaignResult r, PrintStream out) {
        out.println("DOES NOT CONFORM: " + r.failures() + " of " + r.runs().size() + " runs failed");
        int shown = 0;
        for (RunResult f : r.runs()) {
            if (f.ok()) {
                continue;
            }
            if (shown++ == MAX_PRINTED_FAILURES) {
                out.println("... " + (r.failures() - MAX_PRINTED_FAILURES) + " more in the reports");
                break;
            }
            out.println("FAILED " + f.label() + ": " + (f.invariantViolated() ? "invariant violated: " + f.simFailure() + "; " : "")
                    + "trace " + f.verdict().label() + (f.failureSummary() != null && f.verdict() != RunResult.Verdict.ACCEPTED
                    ? (f.failureLine() > 0 ? " at line " + f.failureLine() : "") + ": " + f.failureSummary() : "")
                    + (f.linearizable() == null ? "" : f.linearizable() ? "; history linearizable" : "; history NOT linearizable"));
            if (f.notLinearizable()) {
                out.println("  " + f.linearizability().replace("\n", "\n  "));
            }
            out.println("  seed=" + f.seed() + " kept " + f.traceFile());
            out.println("  replay: " + f.replay());
        }
    }

    static List<String> protocols(String arg) {
        List<String> out = new ArrayList<>();
        for (String p : arg.split(",")) {
            p = p.trim();
            if (p.equals("all")) {
                Protocols.NAMES.stream().filter(n -> !out.contains(n)).forEach(out::add);
            } else if (Protocols.NAMES.contains(p)) {
                if (!out.contains(p)) {
                    out.add(p);
                }
            } else {
                throw new UsageException("--protocol: unknown protocol '" + p + "' (the simulator knows "
                        + String.join(", ", Protocols.NAMES) + "; or all)");
            }
        }
        return out;
    }

    /** {@code 90s}, {@code 10m}, {@code 1h}, or plain seconds, in milliseconds. */
    static long duration(String arg) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,7})([smh]?)").matcher(arg.trim());
        if (!m.matches()) {
            throw new UsageException("--budget: expected a time like 90s, 10m or 1h, not '" + arg + "'");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 1_000L;
        };
        if (n < 1) {
            throw new UsageException("--budget must be positive");
        }
        return n * unit;
    }

    static List<FaultPlan> faults(String arg) {
        List<FaultPlan> out = new ArrayList<>();
        // "none,drop,crash" (catalogue names only) is a list; "all,drop=0.2" is one plan with an override
        if (!arg.contains(";") && !arg.contains("=")) {
            arg = arg.replace(',', ';');
        }
        for (String p : arg.split(";")) {
            p = p.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                if (p.equals("all-plans")) {
                    out.addAll(FaultPlan.catalogue());
                } else {
                    out.add(FaultPlan.parse(p));
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--faults: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--faults: no fault plan given");
        }
        return out;
    }

    static List<SystemModel> models(String arg) {
        List<SystemModel> out = new ArrayList<>();
        for (String m : arg.split(",")) {
            try {
                SystemModel sm = SystemModel.parse(m.trim());
                if (!out.contains(sm)) {
                    out.add(sm);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--models: " + e.getMessage());
            }
        }
        return out;
    }

    /** The spec directory of each protocol, checked before any run starts. */
    static Map<String, Path> specDirs(List<String> protocols, Path specsRoot) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String p : protocols) {
            Path dir = null;
            if (specsRoot != null) {
                dir = specsRoot.resolve(p);
            } else {
                for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                    if (Files.isRegularFile(d.resolve("specs").resolve(p).resolve("trace-mapping.json"))) {
                        dir = d.resolve("specs").resolve(p);
                        break;
                    }
                }
            }
            if (dir == null && specsRoot == null) {
                dir = dev.tlaconform.validate.InstalledSpecs.find(p).orElse(null);
            }
            if (dir == null || !Files.isRegularFile(dir.resolve("trace-mapping.json"))) {
                throw new UsageException("no trace-validation spec for " + p + ": "
                        + (specsRoot != null ? dir.resolve("trace-mapping.json") + " does not exist"
                        : "no specs/" + p + "/trace-mapping.json above " + Path.of("").toAbsolutePath())
                        + " (run from the repository, or pass --specs DIR)");
            }
            out.put(p, dir);
        }
        return out;
    }

    private static String faultsArg(List<FaultPlan> faults) {
        if (faults.equals(FaultPlan.catalogue())) {
            return "all-plans";
        }
        List<String> names = new ArrayList<>();
        for (FaultPlan f : faults) {
            names.add(FaultPlan.NAMES.contains(f.name()) && f.equals(FaultPlan.named(f.name())) ? f.name() : customArg(f));
        }
        return String.join(";", names);
    }

    private static String customArg(FaultPlan f) {
        return "drop=" + f.drop() + ",dup=" + f.dup() + ",delay=" + f.delay() + ",partition=" + f.partitions()
                + ",oneway=" + f.oneWay() + (f.crashStop() >= 0 ? ",crash=" + f.crashStop() : "")
                + (f.restart() >= 0 ? ",restart=" + f.restart() : "");
    }

    private static long positive(CommandLine cl, String name, long dflt) {
        if (!cl.hasOption(name)) {
            return dflt;
        }
        long v = SimulateCommand.longOpt(cl, name);
        if (v < 1 || v > 1_000_000) {
            throw new UsageException("--" + name + " must be between 1 and 1000000, got '" + cl.getOptionValue(name) + "'");
        }
        return v;
    }

    /** Traces kept by an earlier campaign in the same --out would be mistaken for this one's. */
    private static void deleteOldTraces(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(".ndjson")) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void help(PrintStream out, Options opts) {
        PrintWriter pw = new PrintWriter(out);
        new HelpFormatter().printHelp(pw, 100,
                "tlaconform conform [--protocol P|all] [--runs N] [--faults MATRIX] [--models sync,async,partial]"
                        + " [--jobs J] [--seed S] [--out DIR]",
                "\nFor every protocol x fault plan x system model, N seeded simulator runs; every trace validated against"
                        + " its spec by the fast engine. The same options give the same runs.\n\n", opts, 2, 4,
                "\nExit codes: 0 every trace accepted and no invariant violated, 1 a trace rejected or an invariant"
                        + " violated (seed and replay command printed), 2 bad usage.", false);
        pw.flush();
    }
}
