package dev.tlaconform.cli.mutants;

import dev.tlaconform.cli.report.Campaign;
import dev.tlaconform.impl.core.Mutant;
import dev.tlaconform.impl.sim.FaultPlan;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The mutant benchmark: for every seeded bug of every protocol, runs of the mutated implementation
 * in a fixed order (seed-major: run 0 of every fault plan and model, then run 1, ...; the seeds are
 * those of {@code conform} with the same campaign seed), each trace validated in-process by the
 * fast engine and each run's simulator invariant checks noted. A mutant stops as soon as both have
 * detected it (or its budget is spent). Runs go to the {@code jobs} workers in batches, in order,
 * so the first detections are the same for any number of jobs.
 */
public final class MutantBench {
    /**
     * What to run.
     *
     * @param mutants  (protocol, mutant) pairs, in report order
     * @param faults   fault plans
     * @param models   system models
     * @param runs     seeds per fault plan x model
     * @param seed     campaign seed (run seeds derive from it as in {@code conform})
     * @param jobs     worker threads
     * @param specDirs spec directory per protocol
     * @param outDir   report directory: detecting traces are kept in its {@code traces/}
     * @param byzantine for protocols whose simulator configuration accepts Byzantine nodes, every
     *                  cell is also run with this many Byzantine nodes (on the smallest cluster that
     *                  tolerates them); 0 = never
     */
    public record Settings(List<Target> mutants, List<FaultPlan> faults, List<SystemModel> models, int runs, long seed,
            int jobs, Map<String, Path> specDirs, Path outDir, int byzantine) {}

    /**
     * One cell of a protocol's run matrix: a fault plan, a system model, and the cluster.
     *
     * @param nodes     cluster size, or -1 for the simulator's default
     * @param byzantine Byzantine nodes (0: none)
     */
    public record Cell(FaultPlan plan, SystemModel model, int nodes, int byzantine) {
        /** The plan, and the Byzantine cluster if any: e.g. {@code drop} or {@code drop+4n1byz}. */
        public String label() {
            return byzantine == 0 ? plan.name() : plan.name() + "+" + nodes + "n" + byzantine + "byz";
        }
    }

    /** One mutant of one protocol. */
    public record Target(String protocol, Mutant mutant) {}

    /** The spec or its mapping cannot be loaded: the benchmark stops (exit 2). */
    public static final class SpecProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpecProblem(String message) {
            super(message);
        }
    }

    /** What one run found. */
    private record Run(int index, long seed, Cell cell, SimResult sim, String simThrew,
            ValidationResult vr, String error, String replay, String name, String trace) {
        /** Events the run took: the simulator's count, or for a run cut short by a throw, its trace's. */
        long events() throws IOException {
            if (sim != null) {
                return sim.events();
            }
            try (var lines = Files.lines(Path.of(trace))) {
                return lines.filter(l -> l.startsWith("{\"kind\":\"event\"")).count();
            }
        }
    }

    /** How the invariant column's summary starts when the mutated implementation threw (its steps are unknown). */
    public static final String THREW = "the implementation threw ";

    private final Settings s;
    private final Map<String, List<Cell>> cells = new java.util.TreeMap<>();

    public MutantBench(Settings settings) {
        this.s = settings;
    }

    /** Runs per mutant of {@code protocol} at most. */
    public int budget(String protocol) {
        return s.runs() * cells(protocol).size();
    }

    /**
     * The cells {@code protocol} runs: every fault plan x model on the default cluster and, when
     * the simulator accepts Byzantine nodes for it, again with {@code byzantine} of them on the
     * smallest cluster it accepts; a cell the simulator's configuration refuses (say, more crashes
     * plus Byzantine nodes than the cluster tolerates) is left out.
     */
    public synchronized List<Cell> cells(String protocol) {
        return cells.computeIfAbsent(protocol, p -> {
            List<Cell> out = new ArrayList<>();
            for (FaultPlan plan : s.faults()) {
                for (SystemModel model : s.models()) {
                    Cell c = new Cell(plan, model, -1, 0);
                    if (accepts(p, c)) {
                        out.add(c);
                    }
                }
            }
            if (s.byzantine() > 0) {
                int n0 = SimConfig.builder(p).build().nodes();
                for (int n = n0; n <= Math.min(63, n0 + 3 * s.byzantine() + 1); n++) {
                    if (accepts(p, new Cell(FaultPlan.named("none"), s.models().get(0), n, s.byzantine()))) {
                        for (FaultPlan plan : s.faults()) {
                            for (SystemModel model : s.models()) {
                                Cell c = new Cell(plan, model, n, s.byzantine());
                                if (accepts(p, c)) {
                                    out.add(c);
                                }
                            }
                        }
                        break;
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    private static boolean accepts(String protocol, Cell c) {
        try {
            config(protocol, c, 1, null);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SimConfig config(String protocol, Cell c, long seed, String mutant) {
        SimConfig.Builder b = SimConfig.builder(protocol).seed(seed).faults(c.plan()).model(c.model())
                .untilDecided(SimConfig.DEFAULT_MAX_STEPS).mutant(mutant);
        if (c.nodes() > 0) {
            b.nodes(c.nodes());
        }
        if (c.byzantine() > 0) {
            b.byzantine(c.byzantine());
        }
        return b.build();
    }

    /**
     * Runs every mutant; {@code progress} hears of each finished run ("protocol/mutant run k/budget"),
     * {@code done} of each finished mutant.
     */
    public List<MutantOutcome> run(Validator validator, Consumer<String> progress, Consumer<MutantOutcome> done)
            throws IOException, InterruptedException {
        Path work = dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-mutants");   // also gone when interrupted
        ExecutorService pool = Executors.newFixedThreadPool(s.jobs(), r -> {
            Thread t = new Thread(r, "mutants-worker");
            t.setDaemon(true);
            return t;
        });
        List<MutantOutcome> out = new ArrayList<>();
        try {
            for (Target t : s.mutants()) {
                MutantOutcome o = runMutant(t, validator, pool, work, progress);
                done.accept(o);
                out.add(o);
            }
        } finally {
            pool.shutdownNow();
            dev.tlaconform.check.ExitCleanup.release(work);
        }
        return out;
    }

    private MutantOutcome runMutant(Target t, Validator validator, ExecutorService pool, Path work,
            Consumer<String> progress) throws IOException, InterruptedException {
        int budget = budget(t.protocol());
        int batch = Math.max(2, 2 * s.jobs());
        MutantOutcome.Detection validation = null;
        MutantOutcome.Detection invariants = null;
        long events = 0;
        long steps = 0;
        int errors = 0;
        String firstError = null;
        int tried = 0;
        for (int from = 0; from < budget && (validation == null || invariants == null); from += batch) {
            boolean validate = validation == null;
            List<Future<Run>> futures = new ArrayList<>();
            for (int i = from; i < Math.min(budget, from + batch); i++) {
                int index = i;
                futures.add(pool.submit(() -> runOne(t, index, validate, validator, work)));
            }
            for (Future<Run> f : futures) {
                Run r = get(f);
                tried++;
                progress.accept(t.protocol() + "/" + t.mutant().label() + " run " + tried + "/" + budget);
                long runEvents = r.events();
                long runSteps = r.sim() == null ? 0 : r.sim().steps();
                if (validation == null && r.vr() != null && r.vr().verdict() != ValidationResult.Verdict.ACCEPTED) {
                    ValidationResult.Failure fl = r.vr().failure();
                    long at = fl == null ? r.vr().events() : Math.max(0, fl.line() - 1);
                    validation = new MutantOutcome.Detection(r.index() + 1, events + at, at, r.seed(), r.cell().label(),
                            r.cell().model().label(), fl == null ? 0 : fl.line(), fl == null ? null : fl.action(),
                            fl == null ? r.vr().verdict().name() : fl.summary(), r.replay(), keep(r));
                }
                String violation = r.simThrew() != null ? r.simThrew() : r.sim().ok() ? null : r.sim().failure();
                if (invariants == null && violation != null) {
                    invariants = new MutantOutcome.Detection(r.index() + 1, steps + runSteps, runEvents, r.seed(),
                            r.cell().label(), r.cell().model().label(), 0, null, violation, r.replay(), keep(r));
                }
                if (r.error() != null && validation == null) {
                    errors++;
                    firstError = firstError == null ? r.error() : firstError;
                }
                events += runEvents;
                steps += runSteps;
                Files.deleteIfExists(work.resolve(r.name()));
            }
        }
        return new MutantOutcome(t.protocol(), t.mutant().label(), t.mutant().description(), budget, tried, validation,
                invariants, errors, firstError);
    }

    private static Run get(Future<Run> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof SpecProblem sp) {
                throw sp;
            }
            throw new IllegalStateException("a mutant run failed: " + c, c);
        }
    }

    /** Copies the run's trace to {@code <out>/traces/} (once) and returns its relative path. */
    private String keep(Run r) throws IOException {
        Path src = Path.of(r.trace());
        if (!Files.exists(src)) {
            return null;
        }
        Path dir = s.outDir().resolve("traces");
        Files.createDirectories(dir);
        Files.copy(src, dir.resolve(r.name()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return "traces/" + r.name();
    }

    private Run runOne(Target t, int index, boolean validate, Validator validator, Path work) throws IOException {
        List<Cell> cs = cells(t.protocol());
        Cell cell = cs.get(index % cs.size());
        int run = index / cs.size();
        // the default cluster's seeds are conform's for the same campaign seed
        long seed = Campaign.seedOf(s.seed(), t.protocol(), cell.label(), cell.model().label(), run);
        SimConfig cfg = config(t.protocol(), cell, seed, t.mutant().label());
        String name = t.protocol() + "-" + t.mutant().label() + "-" + cell.label().replaceAll("[^A-Za-z0-9_.+-]", "_") + "-"
                + cell.model().label() + "-" + seed + ".ndjson";
        String replay = "scripts/" + cfg.replayCommand().replace("replay.ndjson", name)
                + " && scripts/tlaconform validate " + name;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
        SimResult sim = null;
        String threw = null;
        try {
            sim = Simulation.run(cfg, bytes);
        } catch (RuntimeException e) {
            threw = THREW + e; // a node's own assertion: the bug tripped it
        }
        Path tmp = work.resolve(name);
        Files.write(tmp, threw == null ? bytes.toByteArray() : prefix(bytes.toString(StandardCharsets.UTF_8)));
        if (!validate) {
            return new Run(index, seed, cell, sim, threw, null, null, replay, name, tmp.toString());
        }
        try {
            ValidationResult vr = validator.validate(tmp, s.specDirs().get(t.protocol()), Validator.DEFAULT_MAX_CANDIDATES);
            return new Run(index, seed, cell, sim, threw, vr, null, replay, name, tmp.toString());
        } catch (BadTraceException e) {
            if (!e.file().equals(tmp.toString())) {
                throw new SpecProblem(e.getMessage());
            }
            return new Run(index, seed, cell, sim, threw, null, e.getMessage(), replay, name, tmp.toString());
        } catch (CandidateLimitException e) {
            return new Run(index, seed, cell, sim, threw, null, e.getMessage(), replay, name, tmp.toString());
        }
    }

    /**
     * The trace of a run the implementation cut short by throwing: its complete lines (the header
     * and the events logged before the throw) and an end line, so the steps it did take are
     * validated like any trace.
     */
    static byte[] prefix(String partial) {
        int cut = partial.lastIndexOf('\n');
        String lines = cut < 0 ? "" : partial.substring(0, cut + 1);
        long events = lines.lines().filter(l -> l.startsWith("{\"kind\":\"event\"")).count();
        return (lines + "{\"kind\":\"end\",\"events\":" + events + "}\n").getBytes(StandardCharsets.UTF_8);
    }
}
