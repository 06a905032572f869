package dev.tlaconform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.TraceReader;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * {@code tlaconform bench validate}: the fast engine's events per second on one thread. The traces
 * (given, or simulated here, fully logged) are validated one after the other in one JVM with the
 * spec loaded once; a round passes over them as many times as it takes to reach
 * {@value #ROUND_EVENTS} events; warm-up passes (at least {@value #WARMUP_EVENTS} events, and on until
 * the JIT compiler has been idle for a second) let the
 * JIT compile the engine and are not reported;
 * each reported round gives events/s over wall time and over the validating thread's CPU time (the
 * steadier figure on a shared machine; pin the JVM to one core with {@code taskset -c 1} to measure
 * "one core"). Medians of the rounds. A benchmark, never a test: it asserts only that the traces
 * were decided as they were the first time.
 */
final class BenchValidate {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final long ROUND_EVENTS = 20_000;
    static final long WARMUP_EVENTS = 100_000;

    private BenchValidate() {}

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("protocol").hasArg().argName("P")
                .desc("with no TRACE: simulate traces of " + String.join(" | ", Protocols.NAMES) + " (default pbft)").build());
        o.addOption(Option.builder().longOpt("seeds").hasArg().argName("A..B").desc("with no TRACE: the seeds simulated (default 1..8)").build());
        o.addOption(Option.builder().longOpt("values").hasArg().argName("V")
                .desc("with no TRACE: client values per run (default: the simulator's; pbft 12)").build());
        o.addOption(Option.builder().longOpt("faults").hasArg().argName("PLAN").desc("with no TRACE: fault plan (default none)").build());
        o.addOption(Option.builder().longOpt("nodes").hasArg().argName("N")
                .desc("with no TRACE: nodes per run, as simulate --nodes (default the simulator's: 3, pbft 4)").build());
        o.addOption(Option.builder().longOpt("byzantine").hasArg().argName("K")
                .desc("with no TRACE, pbft: K Byzantine replicas (every behaviour), as simulate --byzantine (default 0)").build());
        o.addOption(Option.builder().longOpt("spec").hasArg().argName("DIR").desc("spec directory (default: from the trace's protocol)").build());
        o.addOption(Option.builder().longOpt("rounds").hasArg().argName("R").desc("reported rounds, after one warm-up round (default 5)").build());
        o.addOption(Option.builder().longOpt("warmup").hasArg().argName("EVENTS")
                .desc("events validated before the first reported round, for the JIT (default " + WARMUP_EVENTS
                        + "; warm-up goes on while the JIT compiler is busy)").build());
        o.addOption(Option.builder().longOpt("round-events").hasArg().argName("EVENTS")
                .desc("a round passes over the traces until it has validated this many events (default " + ROUND_EVENTS + ")").build());
        o.addOption(Option.builder().longOpt("no-invariants").desc("do not check the mapping's invariants").build());
        o.addOption(Option.builder().longOpt("tlc").hasArg().argName("DURATION")
                .desc("after the rounds, validate each trace once with --engine tlc (TLC on the trace spec, its own JVM), "
                        + "each given at most DURATION (90s, 5m); wall time, or how far it got").build());
        o.addOption(Option.builder().longOpt("report").hasArg().argName("FILE.json").desc("also write the figures as JSON").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Options opts = options();
        CommandLine cl = Args.parse("bench validate", opts, args, true);
        if (cl.hasOption("help")) {
            PrintWriter pw = new PrintWriter(out);
            new HelpFormatter().printHelp(pw, 100, "tlaconform bench validate [TRACE...] [--protocol P --seeds A..B] [--rounds R]",
                    "\nFast-engine events/s on one thread, median of rounds over the same traces (spec loaded once).\n\n",
                    opts, 2, 4, "\nExample (one core): taskset -c 1 scripts/tlaconform bench validate --protocol pbft", false);
            pw.flush();
            return ExitCode.OK;
        }
        int rounds = cl.hasOption("rounds") ? (int) SimulateCommand.longOpt(cl, "rounds") : 5;
        if (rounds < 1 || rounds > 1000) throw new UsageException("--rounds must be 1..1000");
        boolean invs = !cl.hasOption("no-invariants");
        Path spec = cl.hasOption("spec") ? Path.of(cl.getOptionValue("spec")) : null;
        List<Path> traces = new ArrayList<>();
        for (String a : cl.getArgList()) traces.add(Path.of(a));
        Path temp = null;
        try {
            if (traces.isEmpty()) {
                temp = dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-bench-validate");
                traces = simulate(cl, temp, out);
            }
            long warmup = cl.hasOption("warmup") ? SimulateCommand.longOpt(cl, "warmup") : WARMUP_EVENTS;
            long roundEvents = cl.hasOption("round-events") ? SimulateCommand.longOpt(cl, "round-events") : ROUND_EVENTS;
            int rc = measure(traces, spec, invs, rounds, warmup, roundEvents, cl.getOptionValue("report"), out);
            if (cl.hasOption("tlc")) tlc(traces, spec, ValidateCommand.duration("tlc", cl.getOptionValue("tlc")), out);
            return rc;
        } finally {
            dev.tlaconform.check.ExitCleanup.release(temp);
        }
    }

    private static List<Path> simulate(CommandLine cl, Path dir, PrintStream out) throws IOException {
        String protocol = cl.getOptionValue("protocol", "pbft");
        if (!Protocols.NAMES.contains(protocol)) {
            throw new UsageException("--protocol must be one of " + Protocols.NAMES + ", got '" + protocol + "'");
        }
        String range = cl.getOptionValue("seeds", "1..8");
        String[] ab = range.split("\\.\\.");
        long from;
        long to;
        try {
            from = Long.parseLong(ab[0]);
            to = ab.length == 2 ? Long.parseLong(ab[1]) : from;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UsageException("--seeds must be A..B (e.g. 1..8), got '" + range + "'");
        }
        if (to < from || to - from >= 10_000) throw new UsageException("--seeds: A..B with A <= B and at most 10,000 seeds");
        SimConfig.Builder b;
        try {
            b = SimConfig.builder(protocol).faults(FaultPlan.parse(cl.getOptionValue("faults", "none")));
            if (cl.hasOption("nodes")) b.nodes((int) SimulateCommand.longOpt(cl, "nodes"));
            if (cl.hasOption("values")) b.values((int) SimulateCommand.longOpt(cl, "values"));
            else if (protocol.equals("pbft")) b.values(12);
            if (cl.hasOption("byzantine")) {
                if (!protocol.equals("pbft")) throw new UsageException("--byzantine: only pbft has Byzantine replicas");
                b.byzantine((int) SimulateCommand.longOpt(cl, "byzantine"));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<Path> out1 = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            SimConfig c;
            try {
                c = b.seed(s).build();
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            Path f = dir.resolve(protocol + "-" + s + ".ndjson");
            SimResult r;
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
                r = Simulation.run(c, os);
            }
            if (!r.ok()) throw new IllegalStateException("simulated run failed: " + r.failure() + " (" + c.replayCommand() + ")");
            out1.add(f);
        }
        out.printf(Locale.ROOT, "bench validate: %d %s traces simulated (%d nodes, seeds %s, faults %s%s, fully logged)%n",
                out1.size(), protocol, b.seed(from).build().nodes(), range, cl.getOptionValue("faults", "none"),
                cl.hasOption("byzantine") ? ", " + cl.getOptionValue("byzantine") + " Byzantine" : "");
        return out1;
    }

    private static int measure(List<Path> traces, Path spec, boolean invs, int rounds, long warmup, long roundEvents,
                               String report, PrintStream out)
            throws IOException {
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        long events = 0;
        List<String> verdicts = new ArrayList<>();
        ObjectNode json = new ObjectMapper().createObjectNode();
        ArrayNode rs = json.putArray("rounds");
        int passes = 1;
        long heapMb;
        List<String> memos;
        JitWatch jit = new JitWatch();
        try (Validator v = new Validator()) {
            for (int round = 0; round <= rounds; round++) {
                long ev = 0;
                long t0 = System.nanoTime();
                long c0 = CPU.getCurrentThreadCpuTime();
                int pass = 0;
                do {
                    for (int i = 0; i < traces.size(); i++) {
                        ValidationResult r;
                        try {
                            r = v.validate(traces.get(i), spec, Validator.DEFAULT_MAX_CANDIDATES, invs);
                        } catch (BadTraceException | CandidateLimitException e) {
                            throw new UsageException(e.getMessage());
                        }
                        ev += r.events();
                        if (verdicts.size() < traces.size()) verdicts.add(r.verdict().toString());
                        else if (!verdicts.get(i).equals(r.verdict().toString())) {
                            throw new IllegalStateException(traces.get(i) + ": verdict changed between passes");
                        }
                    }
                    pass++;
                    if (round == 0 && pass == 1) {
                        events = ev;
                        passes = (int) Math.max(1, (roundEvents + ev - 1) / Math.max(1, ev));
                    }
                } while (round == 0 ? ev < warmup || jit.compiling() : pass < passes);
                double w = (System.nanoTime() - t0) / 1e9;
                double c = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                if (round == 0) {
                    out.printf(Locale.ROOT, "warm-up: %d passes over %d traces (%d events each pass), %.2f s (JIT compiling %.2f s), "
                            + "not reported; verdicts %s; each round: %d passes%n", pass, traces.size(), events, w,
                            jit.total() / 1e3, summary(verdicts), passes);
                    continue;
                }
                wall[round - 1] = ev / w;
                cpu[round - 1] = ev / c;
                out.printf(Locale.ROOT, "round %d: %.0f events/s wall, %.0f events per thread-CPU-second%n", round, wall[round - 1], cpu[round - 1]);
                ObjectNode o = rs.addObject();
                o.put("wallSeconds", w);
                o.put("threadCpuSeconds", c);
                o.put("eventsPerSecondWall", Math.round(wall[round - 1]));
                o.put("eventsPerThreadCpuSecond", Math.round(cpu[round - 1]));
            }
            memos = memos(v, traces.get(0), spec);
            System.gc(); // heap in use with the spec loaded: live data, not garbage
            heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        }
        double[] sw = wall.clone();
        double[] sc = cpu.clone();
        Arrays.sort(sw);
        Arrays.sort(sc);
        out.printf(Locale.ROOT, "bench validate: %d traces, %d events a pass, invariants %s: median of %d rounds %.0f events/s wall "
                        + "(%.0f..%.0f), %.0f events per thread-CPU-second (%.0f..%.0f), heap in use %d MB%n",
                traces.size(), events, invs ? "on" : "off", rounds, sw[rounds / 2], sw[0], sw[rounds - 1],
                sc[rounds / 2], sc[0], sc[rounds - 1], heapMb);
        for (String m : memos) if (!m.endsWith(": 0 reused, 0 grown, 0 evaluated")) out.println("  evaluated once per value: " + m);
        if (report != null) {
            ArrayNode ms = json.putArray("definitionMemos");
            memos.forEach(ms::add);
            json.put("traces", traces.size());
            json.put("eventsPerPass", events);
            json.put("passesPerRound", passes);
            json.put("invariants", invs);
            json.put("medianEventsPerSecondWall", Math.round(sw[rounds / 2]));
            json.put("medianEventsPerThreadCpuSecond", Math.round(sc[rounds / 2]));
            json.put("availableProcessors", Runtime.getRuntime().availableProcessors());
            json.put("heapInUseMB", heapMb);
            ArrayNode vs = json.putArray("verdicts");
            verdicts.forEach(vs::add);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(report).toFile(), json);
        }
        return ExitCode.OK;
    }

    /**
     * --tlc: each trace once by the reference engine (TLC checking the trace spec in a child JVM), beside
     * the fast engine's figures; a trace TLC has not decided within the limit is reported as such and
     * its TLC process stopped.
     */
    private static void tlc(List<Path> traces, Path spec, java.time.Duration limit, PrintStream out) throws InterruptedException {
        for (Path t : traces) {
            long t0 = System.nanoTime();
            java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread th = new Thread(r, "bench-tlc");
                th.setDaemon(true);
                return th;
            });
            java.util.Set<ProcessHandle> before = new java.util.HashSet<>();
            ProcessHandle.current().children().forEach(before::add);
            java.util.concurrent.Future<ValidationResult> f = ex.submit(() ->
                    new dev.tlaconform.validate.TlcReferenceEngine("2g").validate(t, spec, Path.of("")));
            String line;
            try {
                ValidationResult r = f.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                double s = (System.nanoTime() - t0) / 1e9;
                line = String.format(Locale.ROOT, "%s, %.1f s wall, %.0f events/s (spec loading included)",
                        r.verdict(), s, r.events() / s);
            } catch (java.util.concurrent.TimeoutException e) {
                // stop the TLC JVM this call started (the reader then sees its output end)
                ProcessHandle.current().children().filter(h -> !before.contains(h)).forEach(ProcessHandle::destroyForcibly);
                f.cancel(true);
                line = "not decided within " + limit.toSeconds() + " s (stopped)";
            } catch (java.util.concurrent.ExecutionException e) {
                line = "no verdict: " + e.getCause().getMessage();
            } finally {
                ex.shutdownNow();
            }
            out.printf(Locale.ROOT, "tlc engine: %s: %s%n", t.getFileName(), line);
        }
    }

    /** The spec session's memoized definitions with their counts (the session is the one the rounds used). */
    private static List<String> memos(Validator v, Path trace, Path spec) throws IOException {
        try (TraceReader r = TraceReader.open(trace)) {
            return v.load(r, spec).session().definitionMemos();
        } catch (BadTraceException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Whether the JIT compiler is still busy: compilation time grew by more than 20 ms in the last
     * second of warm-up (checked at most once a second; gives up after 120 s). On one core the
     * compiler threads share the core with the validating thread, so rounds measured while C2 is
     * still compiling TLC's evaluator report wall figures far below the thread's CPU figures.
     */
    private static final class JitWatch {
        private final java.lang.management.CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        private final long start = System.nanoTime();
        private long lastCheck = start;
        private long lastTime = total();
        private boolean busy = true;

        long total() {
            return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean.getTotalCompilationTime() : 0;
        }

        boolean compiling() {
            long now = System.nanoTime();
            if (bean == null || !bean.isCompilationTimeMonitoringSupported() || now - start > 120_000_000_000L) return false;
            if (now - lastCheck < 1_000_000_000L) return busy;
            long t = total();
            busy = t - lastTime > 20;
            lastCheck = now;
            lastTime = t;
            return busy;
        }
    }

    private static String summary(List<String> verdicts) {
        java.util.Map<String, Integer> n = new java.util.TreeMap<>();
        for (String v : verdicts) n.merge(v, 1, Integer::sum);
        return n.toString();
    }
}
