package dev.tlaconform.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlaconform.cli.LinearizableCommand;
import dev.tlaconform.cli.history.History;
import dev.tlaconform.cli.history.Linearizability;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * A conformance campaign: for every protocol x fault plan x system model, {@code runs} seeded
 * simulator runs, each trace validated by the fast engine (one loaded spec per protocol and
 * constants, shared by the {@code jobs} worker threads). Protocols run one after the other so each
 * gets its own wall time; the runs of one protocol run in parallel. Failing traces are kept under
 * {@code <out>/traces/} so they can be replayed; every other trace lives only in a temp file.
 */
public final class Campaign {
    /**
     * What to run.
     *
     * @param protocols    simulator protocol names
     * @param faults       fault plans
     * @param models       system models
     * @param runs         seeds per (protocol, fault plan, system model)
     * @param seed         campaign seed: run seeds derive from it ({@link #seedOf})
     * @param jobs         worker threads
     * @param specDirs     spec directory per protocol
     * @param outDir       report directory (failing traces go to its {@code traces/})
     * @param chartsEach   accepted traces per protocol that get a sequence chart
     * @param command      the command line, recorded in the reports
     * @param traceFilter  applied to each trace between simulator and validator: identity in
     *                     {@code conform}; tests use it to tamper with a trace
     */
    public record Settings(List<String> protocols, List<FaultPlan> faults, List<SystemModel> models, int runs,
            long seed, int jobs, Map<String, Path> specDirs, Path outDir, int chartsEach, String command,
            UnaryOperator<String> traceFilter) {}

    /** The spec or its mapping cannot be loaded: no trace can be validated, the campaign stops (exit 2). */
    public static final class SpecProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpecProblem(String message) {
            super(message);
        }
    }

    /** One run to do; {@code nodes} 0 = the protocol's default cluster size. */
    private record Job(int index, String protocol, FaultPlan faults, SystemModel model, int run, long seed,
            boolean sampled, int nodes) {
        Job(int index, String protocol, FaultPlan faults, SystemModel model, int run, long seed, boolean sampled) {
            this(index, protocol, faults, model, run, seed, sampled, 0);
        }
    }

    /**
     * The cluster size a guided campaign also tries besides the default, per protocol (none: the
     * default only): five nodes make quorums of three out of five, where a quorum's replies can
     * disagree, a fast quorum differs from a classic one (Fast Paxos: 4 of 5 against 3), and an
     * EPaxos pre-accept phase collects several replies. PBFT (n = 3f + 1 = 7 would double its
     * signatures) and Nakamoto (its adversary's share is set by the node count) keep theirs.
     */
    static final Map<String, Integer> OTHER_SIZE = Map.of("paxos", 5, "multipaxos", 5, "zab", 5, "fastpaxos", 5, "epaxos", 5);

    private final Settings s;

    public Campaign(Settings settings) {
        this.s = settings;
    }

    /** Total runs of the campaign. */
    public int total() {
        return s.protocols().size() * s.faults().size() * s.models().size() * s.runs();
    }

    /**
     * The seed of one run: a SplitMix64 mix of the campaign seed, the cell and the run number,
     * kept below 2^40 so it reads well in a replay command. The same campaign seed gives the same
     * runs in any order and with any number of jobs.
     */
    public static long seedOf(long campaignSeed, String protocol, String faults, String model, int run) {
        long z = campaignSeed;
        for (String part : new String[] {protocol, faults, model}) {
            z = mix(z ^ part.hashCode());
        }
        z = mix(z + 0x9E3779B97F4A7C15L * (run + 1));
        return z & ((1L << 40) - 1);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Runs the campaign; {@code progress} hears of every finished run. */
    public CampaignResult run(Validator validator, Progress progress) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path work = dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-conform");   // also gone when interrupted
        List<RunResult> all = new ArrayList<>();
        List<ProtocolSummary> summaries = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(s.jobs(), r -> {
            Thread t = new Thread(r, "conform-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            int index = 0;
            for (String protocol : s.protocols()) {
                long p0 = System.nanoTime();
                Set<Integer> sampledPlans = sampledPlans(s.faults().size(), s.chartsEach());
                List<Future<RunResult>> futures = new ArrayList<>();
                for (int fi = 0; fi < s.faults().size(); fi++) {
                    FaultPlan plan = s.faults().get(fi);
                    for (int mi = 0; mi < s.models().size(); mi++) {
                        SystemModel model = s.models().get(mi);
                        for (int run = 0; run < s.runs(); run++) {
                            Job job = new Job(index++, protocol, plan, model, run,
                                    seedOf(s.seed(), protocol, plan.name(), model.label(), run),
                                    run == 0 && mi == 0 && sampledPlans.contains(fi));
                            futures.add(pool.submit(() -> {
                                RunResult r = runOne(job, validator, work);
                                progress.done(r);
                                return r;
                            }));
                        }
                    }
                }
                List<RunResult> mine = new ArrayList<>();
                for (Future<RunResult> f : futures) {
                    try {
                        mine.add(f.get());
                    } catch (ExecutionException e) {
                        Throwable c = e.getCause();
                        if (c instanceof IOException) {
                            throw (IOException) c;
                        }
                        if (c instanceof SpecProblem) {
                            throw (SpecProblem) c;
                        }
                        throw new IllegalStateException("a campaign run failed: " + c, c);
                    }
                }
                summaries.add(ProtocolSummary.of(protocol, mine, (System.nanoTime() - p0) / 1_000_000));
                all.addAll(mine);
            }
        } finally {
            pool.shutdownNow();
            dev.tlaconform.check.ExitCleanup.release(work);
        }
        return new CampaignResult(s.seed(), s.command(), s.faults().stream().map(FaultPlan::name).toList(),
                s.models().stream().map(SystemModel::label).toList(), s.runs(), s.jobs(),
                List.copyOf(summaries), Collections.unmodifiableList(all), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * A coverage-guided campaign (the fuzzing loop of AFL, with the simulator's seed and fault plan
     * as the input): until {@code budgetMillis} is spent, each protocol in turn runs either a fresh
     * swarm run or a mutation of a run kept before (a new seed: other timings, elections and message
     * fates; and one fault kind changed: a crash more or less, a partition there, other rates); a run
     * that reaches a branch of the protocol core no earlier run reached is kept, and so is one whose
     * trace took an alternative of a spec action (a disjunct, an IF or CASE arm) no earlier trace
     * took, when the validator records them ({@link Validator#recordActionBranches}). One run at a
     * time (what is new is credited to the run that took it). Needs JaCoCo's agent ({@link Coverage}).
     *
     * @param kept receives each kept run and what it reached first ("+12 probes, +1 spec alternatives")
     */
    public CampaignResult runGuided(Validator validator, Progress progress, long budgetMillis,
            java.util.function.BiConsumer<RunResult, String> kept) throws IOException {
        long t0 = System.nanoTime();
        long deadline = t0 + budgetMillis * 1_000_000;
        Path work = dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-guided");   // also gone when interrupted
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(s.seed());
        Map<String, List<Job>> corpus = new TreeMap<>();
        Map<String, List<RunResult>> results = new TreeMap<>();
        Map<String, Long> wall = new TreeMap<>();
        java.util.Set<Long> reached = new java.util.HashSet<>();
        java.util.Set<String> alternatives = new java.util.HashSet<>();   // protocol, action, alternative taken
        List<RunResult> all = new ArrayList<>();
        int index = 0;
        try {
            Coverage.Probes.reached(reached); // what the campaign's start (spec loads, first steps) already took
            while (System.nanoTime() < deadline) {
                for (String protocol : s.protocols()) {
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                    long p0 = System.nanoTime();
                    List<Job> mine = corpus.computeIfAbsent(protocol, k -> new ArrayList<>());
                    SystemModel model = s.models().get(rnd.nextInt(s.models().size()));
                    long seed = rnd.nextLong() & ((1L << 40) - 1);
                    Integer other = OTHER_SIZE.get(protocol);
                    FaultPlan plan;
                    int nodes;
                    if (!mine.isEmpty() && rnd.nextInt(4) != 0) {
                        Job parent = mine.get(rnd.nextInt(mine.size()));
                        plan = mutate(parent.faults(), rnd);
                        // the parent's cluster size, now and then the other one
                        nodes = other != null && rnd.nextInt(6) == 0 ? (parent.nodes() == 0 ? other : 0) : parent.nodes();
                    } else {
                        plan = FaultPlan.swarm(seed);
                        nodes = other != null && rnd.nextInt(4) == 0 ? other : 0;
                    }
                    Job job = new Job(index++, protocol, plan, model, index, seed, false, nodes);
                    RunResult r = runOne(job, validator, work);
                    int fresh = Coverage.Probes.reached(reached);
                    int freshAlternatives = 0;
                    for (Map.Entry<String, Map<String, Long>> a : validator.actionBranches(s.specDirs().get(protocol)).entrySet()) {
                        for (Map.Entry<String, Long> e : a.getValue().entrySet()) {
                            if (e.getValue() > 0 && alternatives.add(protocol + "\n" + a.getKey() + "\n" + e.getKey())) {
                                freshAlternatives++;
                            }
                        }
                    }
                    if (fresh > 0 || freshAlternatives > 0) {
                        mine.add(job);
                        kept.accept(r, "+" + fresh + " probes" + (freshAlternatives > 0 ? ", +" + freshAlternatives
                                + " spec alternatives" : ""));
                    }
                    progress.done(r);
                    results.computeIfAbsent(protocol, k -> new ArrayList<>()).add(r);
                    wall.merge(protocol, (System.nanoTime() - p0) / 1_000_000, Long::sum);
                    all.add(r);
                }
            }
        } finally {
            dev.tlaconform.check.ExitCleanup.release(work);
        }
        List<ProtocolSummary> summaries = new ArrayList<>();
        for (String p : s.protocols()) {
            summaries.add(ProtocolSummary.of(p, results.getOrDefault(p, List.of()), wall.getOrDefault(p, 0L)));
        }
        return new CampaignResult(s.seed(), s.command(), List.of("guided"), s.models().stream().map(SystemModel::label).toList(),
                0, 1, List.copyOf(summaries), Collections.unmodifiableList(all), (System.nanoTime() - t0) / 1_000_000);
    }

    /** One fault kind of {@code p} changed at random (the rest kept): the guided campaign's mutation. */
    static FaultPlan mutate(FaultPlan p, java.util.SplittableRandom r) {
        double drop = p.drop();
        double dup = p.dup();
        double delay = p.delay();
        int part = p.partitions();
        int one = p.oneWay();
        int crash = Math.max(0, p.crashStop());
        int restart = Math.max(0, p.restart());
        switch (r.nextInt(6)) {
            case 0 -> drop = drop > 0 ? 0 : 0.01 + r.nextInt(10) / 100.0;
            case 1 -> dup = dup > 0 ? 0 : 0.01 + r.nextInt(10) / 100.0;
            case 2 -> delay = delay > 0 ? 0 : 0.05 + r.nextInt(6) * 0.05;
            case 3 -> part = (part + 1 + r.nextInt(2)) % 3;
            case 4 -> one = (one + 1 + r.nextInt(2)) % 3;
            default -> {
                int k = (crash > 0 ? 1 : restart > 0 ? 2 : 0) + 1 + r.nextInt(2);
                crash = k % 3 == 1 ? 1 : 0;
                restart = k % 3 == 2 ? 1 : 0;
            }
        }
        return FaultPlan.parse("drop=" + FaultPlan.fmt(drop) + ",dup=" + FaultPlan.fmt(dup) + ",delay=" + FaultPlan.fmt(delay)
                + ",partition=" + part + ",oneway=" + one + ",crash=" + crash + ",restart=" + restart);
    }

    /** Which fault plans (by index) get a charted accepted run: evenly spaced, the last plan first. */
    static Set<Integer> sampledPlans(int plans, int charts) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < Math.min(charts, plans); i++) {
            out.add(plans - 1 - (int) ((long) i * plans / Math.min(charts, plans)));
        }
        return out;
    }

    private RunResult runOne(Job job, Validator validator, Path work) throws IOException {
        List<String> adversaries = Protocols.adversaries(job.protocol());
        String adversary = adversaries.get(job.index() % adversaries.size());
        FaultPlan plan = job.faults().name().equals(FaultPlan.SWARM) ? FaultPlan.swarm(job.seed()) : job.faults();
        SimConfig cfg;
        try {
            cfg = Protocols.withAdversary(sized(SimConfig.builder(job.protocol()), job.nodes()).seed(job.seed()).faults(plan)
                    .model(job.model()).untilDecided(SimConfig.DEFAULT_MAX_STEPS), job.protocol(), adversary).build();
        } catch (IllegalArgumentException tooMany) {
            if (job.faults().crashStop() == -1 || job.faults().restart() == -1 || job.faults().crashStop() == -2) {
                throw tooMany; // a catalogue plan: the configuration itself is wrong
            }
            // a drawn plan (swarm, guided) crashing a node beside a Byzantine one exceeds f: drop the crash
            plan = new FaultPlan(plan.name(), plan.drop(), plan.dup(), plan.delay(), plan.partitions(), plan.oneWay(), 0, 0);
            cfg = Protocols.withAdversary(sized(SimConfig.builder(job.protocol()), job.nodes()).seed(job.seed()).faults(plan)
                    .model(job.model()).untilDecided(SimConfig.DEFAULT_MAX_STEPS), job.protocol(), adversary).build();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
        ByteArrayOutputStream historyBytes = new ByteArrayOutputStream(1 << 12);
        String name = job.protocol() + "-" + fileSafe(job.faults().name()) + "-" + job.model().label() + "-"
                + (adversary.equals("none") ? "" : "byz-" + adversary + "-") + job.seed() + ".ndjson";
        String replay = "scripts/" + cfg.replayCommand().replace("replay.ndjson", name)
                + " && scripts/tlaconform validate " + name;
        SimResult sim;
        try {
            sim = Simulation.run(cfg, Protocols.factory(cfg), bytes, historyBytes);
        } catch (RuntimeException e) {
            // a bug in the implementation or the simulator: a failing run with its seed, not the end of the campaign
            String why = "the simulator threw " + e;
            return new RunResult(job.index(), job.protocol(), job.faults().name(), job.model().label(), job.run(),
                    job.seed(), replay, "crashed", why, 0, RunResult.Verdict.ERROR, 0, 0, 0, Map.of(), List.of(), 0,
                    why, why, null, null, null, null, null);
        }
        String trace = s.traceFilter().apply(bytes.toString(StandardCharsets.UTF_8));
        Path tmp = work.resolve("run-" + job.index() + ".ndjson");
        Files.writeString(tmp, trace, StandardCharsets.UTF_8);
        long v0 = System.nanoTime();
        RunResult.Verdict verdict;
        long validated = 0;
        Map<String, Long> counts = new TreeMap<>();
        List<String> never = List.of();
        long line = 0;
        String summary = null;
        String diagnosis = null;
        JsonNode variables = null;
        try {
            ValidationResult vr = validator.validate(tmp, s.specDirs().get(job.protocol()), Validator.DEFAULT_MAX_CANDIDATES);
            verdict = vr.verdict() == ValidationResult.Verdict.ACCEPTED ? RunResult.Verdict.ACCEPTED
                    : vr.verdict() == ValidationResult.Verdict.REJECTED ? RunResult.Verdict.REJECTED
                    : RunResult.Verdict.INVARIANT_VIOLATED;
            validated = vr.events();
            counts.putAll(vr.actionCounts());
            never = List.copyOf(new TreeSet<>(vr.actionsNeverSeen()));
            if (vr.failure() != null) {
                line = vr.failure().line();
                summary = vr.failure().summary();
                diagnosis = vr.render();
                variables = vr.failure().details() == null ? null : vr.failure().details().get("variables");
            }
        } catch (BadTraceException e) {
            if (!e.file().equals(tmp.toString())) {
                throw new SpecProblem(e.getMessage()); // the spec or mapping, not this trace: stop the campaign
            }
            verdict = RunResult.Verdict.ERROR;
            line = e.line();
            summary = e.getMessage();
            diagnosis = e.getMessage();
        } catch (CandidateLimitException e) {
            verdict = RunResult.Verdict.ERROR;
            summary = e.getMessage();
            diagnosis = e.getMessage();
        }
        long validateMillis = (System.nanoTime() - v0) / 1_000_000;
        String simFailure = sim.ok() ? null : sim.failure();
        // the black-box verdict beside it: the clients' history
        String historyName = name.replace(".ndjson", ".history.ndjson");
        Path historyTmp = work.resolve("run-" + job.index() + ".history.ndjson");
        Files.write(historyTmp, historyBytes.toByteArray());
        Boolean linearizable;
        String linearizability;
        try {
            Linearizability.Result lr = Linearizability.check(History.read(historyTmp));
            linearizable = lr.linearizable();
            linearizability = LinearizableCommand.render(lr, lr.linearizable()).replace(historyTmp.toString(),
                    "traces/" + historyName);
        } catch (History.BadHistoryException e) {
            throw new IllegalStateException("the simulator wrote a bad history: " + e.getMessage(), e);
        }
        boolean ok = verdict == RunResult.Verdict.ACCEPTED && simFailure == null && linearizable;
        String kept = null;
        if (!ok) {
            Path dir = s.outDir().resolve("traces");
            Files.createDirectories(dir);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            kept = "traces/" + name;
            if (diagnosis != null) {
                diagnosis = diagnosis.replace(tmp.toString(), kept);
            }
            if (summary != null) {
                summary = summary.replace(tmp.toString(), kept);
            }
            Files.move(historyTmp, dir.resolve(historyName), StandardCopyOption.REPLACE_EXISTING);
            if (summary == null && simFailure != null) {
                summary = simFailure;
                diagnosis = "simulator invariant violated: " + simFailure;
            }
            if (summary == null) {
                summary = "the clients' history is not linearizable (traces/" + historyName + ")";
                diagnosis = linearizability;
            }
        } else {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(historyTmp);
        }
        // failing traces are charted from their kept file when the page is written (memory stays bounded)
        List<TraceEvent> chart = ok && job.sampled() ? TraceEvent.parse(trace) : null;
        return new RunResult(job.index(), job.protocol(), job.faults().name(), job.model().label(), job.run(),
                job.seed(), replay, sim.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), simFailure,
                sim.events(), verdict, validated, sim.wallNanos() / 1_000_000, validateMillis,
                Collections.unmodifiableMap(counts), never, line, summary, diagnosis, variables, kept, chart,
                linearizable, linearizability);
    }

    private static SimConfig.Builder sized(SimConfig.Builder b, int nodes) {
        return nodes > 0 ? b.nodes(nodes) : b;
    }

    static String fileSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
