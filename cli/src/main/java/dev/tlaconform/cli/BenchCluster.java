package dev.tlaconform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.cluster.ClusterConfig;
import dev.tlaconform.impl.cluster.ClusterRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform bench cluster}: committed writes per second and p50/p99 latency of our
 * Multi-Paxos and Zab clusters (3 node processes on 127.0.0.1, WAL fsync on, tracing on and off)
 * and of Apache ZooKeeper 3.9 (a 3-server ensemble of separate JVMs on loopback, forceSync=yes),
 * with the same closed-loop client counts and the same payloads, side by side in one run; several
 * rounds, medians reported, with the ratio to ZooKeeper and what tracing costs. A benchmark,
 * never a test: it asserts nothing (docs/cluster.md, "bench cluster").
 */
final class BenchCluster {
    private BenchCluster() {}

    static final String ZOOKEEPER = "zookeeper";
    static final List<String> SYSTEMS = List.of(ZOOKEEPER, "multipaxos", "zab");

    /** What to measure. {@code zkTarget}: the bench-zookeeper module's target directory (null: ZooKeeper left out). */
    record Plan(List<String> systems, List<Integer> clients, List<Boolean> tracing, int rounds, long warmupMs, long measureMs, int values,
            int batch, Path dir, boolean keep, Path json, Path zkTarget, int validation) {}

    /**
     * Validation speed of one round: the per-node traces of a cluster run of K commands merged by
     * causal order, against one simulator trace of the same protocol and K in one file.
     */
    record ValidationSample(String protocol, int commands, int round, long mergedEvents, double mergedRate, long singleEvents, double singleRate,
            long mergedCandidatesMax) {}

    /** One measurement. {@code trace} is null for ZooKeeper (not ours to trace). */
    record Sample(String system, Boolean trace, int clients, int round, long writes, double seconds, double p50Ms, double p99Ms,
            boolean exhausted) {
        double writesPerSecond() {
            return writes / seconds;
        }
    }

    /** The medians of one configuration over the rounds. */
    record Row(String system, Boolean trace, int clients, double writesPerSecond, double p50Ms, double p99Ms, int rounds, boolean exhausted) {
        String label() {
            return system.equals(ZOOKEEPER) ? "zookeeper 3.9.5" : system + (trace ? " traced" : " untraced");
        }
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("systems").hasArg().argName("LIST").desc("of " + String.join(",", SYSTEMS) + " (default all three)").build());
        o.addOption(Option.builder().longOpt("clients").hasArg().argName("C,...").desc("closed-loop client counts (default 1,16)").build());
        o.addOption(Option.builder().longOpt("trace").hasArg().argName("on,off").desc("our nodes' tracing (default on,off)").build());
        o.addOption(Option.builder().longOpt("rounds").hasArg().argName("R").desc("measurements per configuration, median reported (default 3)").build());
        o.addOption(Option.builder().longOpt("warmup").hasArg().argName("2s").desc("unmeasured start of each measurement (default 2s)").build());
        o.addOption(Option.builder().longOpt("measure").hasArg().argName("5s").desc("measured window (default 5s)").build());
        o.addOption(Option.builder().longOpt("values").hasArg().argName("K").desc("writes our clusters are given per measurement (default 20000; a run that uses them all up is flagged)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("B").desc("our nodes' group commit: steps per WAL record and fsync at most (default "
                + ClusterConfig.DEFAULT_BATCH + "; 1 = one fsync per step)").build());
        o.addOption(Option.builder().longOpt("zookeeper").hasArg().argName("DIR").desc("bench-zookeeper/target (default: beside this jar's module)").build());
        o.addOption(Option.builder().longOpt("dir").hasArg().argName("DIR").desc("keep every run's directory (nodes' data, logs, traces) here (default: a temporary directory, deleted)").build());
        o.addOption(Option.builder().longOpt("json").hasArg().argName("FILE").desc("the JSON report (default bench-cluster.json)").build());
        o.addOption(Option.builder().longOpt("validation").hasArg().argName("K").desc("also time validation: a traced cluster run of K commands "
                + "validated by causal merge vs a simulator trace of K commands in one file, per protocol and round (default 0: not)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    static Plan parse(String[] args) throws IOException {
        CommandLine cl = Args.parse("bench cluster", options(), args, Args.OPTIONS_ONLY);
        if (cl.hasOption("help")) return null;
        List<String> systems = new ArrayList<>();
        for (String s : cl.getOptionValue("systems", String.join(",", SYSTEMS)).split(",")) {
            s = s.trim();
            if (!SYSTEMS.contains(s)) throw new UsageException("--systems: unknown '" + s + "' (" + String.join(", ", SYSTEMS) + ")");
            if (!systems.contains(s)) systems.add(s);
        }
        List<Integer> clients = new ArrayList<>();
        for (String s : cl.getOptionValue("clients", "1,16").split(",")) {
            try {
                int c = Integer.parseInt(s.trim());
                if (c < 1 || c > 256) throw new NumberFormatException();
                clients.add(c);
            } catch (NumberFormatException e) {
                throw new UsageException("--clients: '" + s + "' is not a client count 1..256");
            }
        }
        List<Boolean> tracing = new ArrayList<>();
        for (String s : cl.getOptionValue("trace", "on,off").split(",")) {
            switch (s.trim()) {
                case "on" -> tracing.add(true);
                case "off" -> tracing.add(false);
                default -> throw new UsageException("--trace: '" + s + "' is neither on nor off");
            }
        }
        int rounds = Args.intOption(cl, "rounds", 3, 1, 100);
        long warmup = ClusterCommand.duration(cl.getOptionValue("warmup", "2s"));
        long measure = ClusterCommand.duration(cl.getOptionValue("measure", "5s"));
        if (warmup > 600_000 || measure > 600_000) throw new UsageException("--warmup and --measure: at most 600s");
        int values = Args.intOption(cl, "values", 20_000, 10, 1_000_000);
        int batch = Args.intOption(cl, "batch", ClusterConfig.DEFAULT_BATCH, 1, 100_000);
        Path zk = null;
        if (systems.contains(ZOOKEEPER)) {
            zk = cl.hasOption("zookeeper") ? Path.of(cl.getOptionValue("zookeeper")) : defaultZkTarget();
            if (ZkEnsemble.classPath(zk) == null) {
                throw new UsageException("ZooKeeper is not built: no bench-zookeeper.jar and lib/ in " + zk
                        + " (build it: mvn -q -pl bench-zookeeper package; or leave it out: --systems multipaxos,zab)");
            }
        }
        boolean keep = cl.hasOption("dir");
        Path dir = keep ? Path.of(cl.getOptionValue("dir")).toAbsolutePath() : dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-bench-cluster");
        Path json = Path.of(cl.getOptionValue("json", "bench-cluster.json"));
        int validation = Args.intOption(cl, "validation", 0, 0, 100_000);
        return new Plan(List.copyOf(systems), List.copyOf(clients), List.copyOf(tracing), rounds, warmup, measure, values, batch, dir, keep,
                json, zk, validation);
    }

    /** bench-zookeeper/target beside the module this class was loaded from (cli/target/tlaconform.jar or cli/target/classes). */
    private static Path defaultZkTarget() {
        try {
            Path here = Path.of(BenchCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return here.getParent().getParent().getParent().resolve("bench-zookeeper").resolve("target");
        } catch (Exception e) {
            return Path.of("bench-zookeeper", "target");
        }
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Plan plan = parse(args);
        if (plan == null) {
            new HelpFormatter().printHelp(new java.io.PrintWriter(out, true), 100, "tlaconform bench cluster [options]", "", options(), 2, 2, "");
            return ExitCode.OK;
        }
        Files.createDirectories(plan.dir());
        double[] loadBefore = loadAverage();
        out.printf(Locale.ROOT, "bench cluster: %s, 3 nodes on 127.0.0.1, fsync on, clients %s, warm-up %.1f s, measured %.1f s, %d round(s)%s; load average %s%n",
                String.join(" ", plan.systems()), plan.clients(), plan.warmupMs() / 1000.0, plan.measureMs() / 1000.0, plan.rounds(),
                plan.batch() == 1 ? ", one fsync per step (--batch 1)" : "", fmtLoad(loadBefore));
        List<Sample> samples = new ArrayList<>();
        List<ValidationSample> vsamples = new ArrayList<>();
        try {
            for (int r = 1; r <= plan.rounds(); r++) {
                for (String system : plan.systems()) {
                    if (system.equals(ZOOKEEPER)) {
                        samples.addAll(zookeeper(plan, r, out));
                        continue;
                    }
                    for (boolean trace : plan.tracing()) {
                        for (int c : plan.clients()) {
                            Sample s = ours(plan, system, trace, c, r);
                            samples.add(s);
                            out.printf(Locale.ROOT, "  round %d  %-22s %3d clients  %9.1f writes/s  p50 %7.2f ms  p99 %7.2f ms%s%n", r,
                                    system + (trace ? " traced" : " untraced"), c, s.writesPerSecond(), s.p50Ms(), s.p99Ms(),
                                    s.exhausted() ? "  (values ran out: raise --values)" : "");
                        }
                    }
                }
            }
            if (plan.validation() > 0) {
                for (String p : plan.systems()) {
                    if (p.equals(ZOOKEEPER)) continue;
                    for (int r = 1; r <= plan.rounds(); r++) {
                        ValidationSample v = validation(plan, p, r);
                        vsamples.add(v);
                        out.printf(Locale.ROOT, "  round %d  validation %-10s %d commands: per-node traces merged %d events, %.0f events/s"
                                + " (at most %d candidate states at once); one simulator file %d events, %.0f events/s%n", r, p, v.commands(),
                                v.mergedEvents(), v.mergedRate(), v.mergedCandidatesMax(), v.singleEvents(), v.singleRate());
                    }
                }
            }
        } finally {
            if (!plan.keep()) dev.tlaconform.check.ExitCleanup.release(plan.dir());
        }
        double[] loadAfter = loadAverage();
        List<Row> rows = medians(samples);
        out.println();
        out.print(table(rows, plan.rounds()));
        String vt = validationTable(vsamples);
        if (!vt.isEmpty()) out.print(vt);
        out.printf("load average before %s, after %s%n", fmtLoad(loadBefore), fmtLoad(loadAfter));
        Files.writeString(plan.json(), json(plan, samples, rows, vsamples, loadBefore, loadAfter), StandardCharsets.UTF_8);
        out.println("report: " + plan.json());
        return ExitCode.OK;
    }

    private static Sample ours(Plan plan, String protocol, boolean trace, int clients, int round) throws Exception {
        Path dir = plan.dir().resolve(protocol + (trace ? "-traced" : "-untraced") + "-c" + clients + "-r" + round);
        ClusterConfig cfg = new ClusterConfig(protocol, 3, plan.values(), 600, -1, round, 150, true, 1 << 20, null, List.of(),
                plan.warmupMs() + plan.measureMs(), clients, dir, trace, plan.batch());
        ClusterRun.BenchResult r = new ClusterRun(cfg, new PrintStream(OutputStream.nullOutputStream())).bench(plan.warmupMs(), plan.measureMs());
        long[] lat = r.latencyNanos().clone();
        Arrays.sort(lat);
        return new Sample(protocol, trace, clients, round, r.writes(), r.seconds(), pct(lat, 0.50), pct(lat, 0.99), r.exhausted());
    }

    private static List<Sample> zookeeper(Plan plan, int round, PrintStream out) throws Exception {
        List<Sample> s = new ArrayList<>();
        Path dir = plan.dir().resolve("zookeeper-r" + round);
        try (ZkEnsemble zk = ZkEnsemble.start(dir, ZkEnsemble.classPath(plan.zkTarget()), 3)) {
            for (int c : plan.clients()) {
                JsonNode j = new ObjectMapper().readTree(zk.load(c, plan.warmupMs(), plan.measureMs(), "c"));
                Sample x = new Sample(ZOOKEEPER, null, c, round, j.path("writes").asLong(), j.path("seconds").asDouble(),
                        j.path("p50Ms").asDouble(), j.path("p99Ms").asDouble(), false);
                s.add(x);
                out.printf(Locale.ROOT, "  round %d  %-22s %3d clients  %9.1f writes/s  p50 %7.2f ms  p99 %7.2f ms%n", round, "zookeeper 3.9.5", c,
                        x.writesPerSecond(), x.p50Ms(), x.p99Ms());
            }
        }
        return s;
    }

    /**
     * One validation round for {@code protocol}: a traced cluster run of K commands (4 clients, until
     * every command is decided), its per-node traces validated by causal merge; then the simulator's
     * trace of K commands (seed = round, faults none) validated as one file. Invariants on in both; one
     * unmeasured warm-up validation of each first (the simulator file, then the merged traces), so that
     * neither pays the JIT or fills the engine's memos alone.
     */
    private static ValidationSample validation(Plan plan, String protocol, int round) throws Exception {
        int k = plan.validation();
        Path dir = plan.dir().resolve("validation-" + protocol + "-r" + round);
        ClusterConfig cfg = new ClusterConfig(protocol, 3, k, 600, -1, round, 150, true, 1 << 20, null, List.of(), 120_000, 4,
                dir.resolve("cluster"), true, plan.batch());
        ClusterRun.BenchResult br = new ClusterRun(cfg, new PrintStream(OutputStream.nullOutputStream())).bench(0, 120_000, true);
        if (br.totalAcked() < k) throw new IOException("validation run: only " + br.totalAcked() + " of " + k + " commands decided in 120 s");
        Path single = dir.resolve("simulated.ndjson");
        dev.tlaconform.impl.sim.SimConfig sc = dev.tlaconform.impl.sim.SimConfig.builder(protocol).values(k).seed(round)
                .faults(dev.tlaconform.impl.sim.FaultPlan.parse("none")).build();
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(single), 1 << 16)) {
            dev.tlaconform.impl.sim.SimResult r = dev.tlaconform.impl.sim.Simulation.run(sc, os);
            if (!r.ok()) throw new IllegalStateException("simulated run failed: " + r.failure());
        }
        try (dev.tlaconform.validate.Validator v = new dev.tlaconform.validate.Validator()) {
            int max = dev.tlaconform.validate.Validator.DEFAULT_MAX_CANDIDATES;
            // one unmeasured warm-up of each, on its own trace: at K = 20 a run is under a second, so a
            // cold JIT or cold memos would decide the ratio
            v.validate(single, null, max, true);
            dev.tlaconform.validate.CausalTraces.validate(v, dir.resolve("cluster"), null, max, true);
            dev.tlaconform.validate.ValidationResult one = v.validate(single, null, max, true);
            dev.tlaconform.validate.ValidationResult merged = dev.tlaconform.validate.CausalTraces.validate(v, dir.resolve("cluster"), null, max, true);
            if (!one.accepted() || !merged.accepted()) {
                throw new IOException("validation round " + round + " of " + protocol + ": " + (one.accepted() ? merged.render() : one.render()));
            }
            return new ValidationSample(protocol, k, round, merged.events(), merged.eventsPerSecond(), one.events(), one.eventsPerSecond(),
                    merged.candidatesMax());
        }
    }

    static String validationTable(List<ValidationSample> vs) {
        Map<String, List<ValidationSample>> by = new LinkedHashMap<>();
        for (ValidationSample v : vs) by.computeIfAbsent(v.protocol(), p -> new ArrayList<>()).add(v);
        StringBuilder b = new StringBuilder();
        for (List<ValidationSample> g : by.values()) {
            double merged = median(g.stream().mapToDouble(ValidationSample::mergedRate).toArray());
            double single = median(g.stream().mapToDouble(ValidationSample::singleRate).toArray());
            b.append(String.format(Locale.ROOT, "validation %-10s %d commands: merged per-node traces %.0f events/s, one file %.0f events/s,"
                    + " ratio %.2f (target >= 0.50; medians of %d)%n", g.get(0).protocol(), g.get(0).commands(), merged, single, merged / single, g.size()));
        }
        return b.toString();
    }

    /** The q-quantile (nearest rank) of sorted nanoseconds, in milliseconds; NaN when empty. */
    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** One row per (system, trace, clients), in the order first measured, each the median of its rounds. */
    static List<Row> medians(List<Sample> samples) {
        Map<String, List<Sample>> groups = new LinkedHashMap<>();
        for (Sample s : samples) groups.computeIfAbsent(s.system() + "/" + s.trace() + "/" + s.clients(), k -> new ArrayList<>()).add(s);
        List<Row> rows = new ArrayList<>();
        for (List<Sample> g : groups.values()) {
            Sample f = g.get(0);
            rows.add(new Row(f.system(), f.trace(), f.clients(), median(g.stream().mapToDouble(Sample::writesPerSecond).toArray()),
                    median(g.stream().mapToDouble(Sample::p50Ms).toArray()), median(g.stream().mapToDouble(Sample::p99Ms).toArray()), g.size(),
                    g.stream().anyMatch(Sample::exhausted)));
        }
        return rows;
    }

    /** ZooKeeper's row for a client count, or null. */
    static Row zk(List<Row> rows, int clients) {
        for (Row r : rows) if (r.system().equals(ZOOKEEPER) && r.clients() == clients) return r;
        return null;
    }

    /** What tracing costs a protocol at a client count: 1 - traced/untraced throughput; NaN without both. */
    static double tracingCost(List<Row> rows, String system, int clients) {
        Row on = null;
        Row off = null;
        for (Row r : rows) {
            if (!r.system().equals(system) || r.clients() != clients) continue;
            if (Boolean.TRUE.equals(r.trace())) on = r;
            if (Boolean.FALSE.equals(r.trace())) off = r;
        }
        return on == null || off == null ? Double.NaN : 1 - on.writesPerSecond() / off.writesPerSecond();
    }

    static String table(List<Row> rows, int rounds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-22s %7s %12s %9s %9s %14s %12s%n", "system", "clients", "writes/s", "p50 ms", "p99 ms",
                "vs ZooKeeper", "tracing cost"));
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((x, y) -> x.clients() != y.clients() ? Integer.compare(x.clients(), y.clients()) : Integer.compare(order(x), order(y)));
        for (Row r : sorted) {
            Row z = zk(rows, r.clients());
            String ratio = z == null || r.system().equals(ZOOKEEPER) ? "" : String.format(Locale.ROOT, "%.2fx", r.writesPerSecond() / z.writesPerSecond());
            double cost = Boolean.TRUE.equals(r.trace()) ? tracingCost(rows, r.system(), r.clients()) : Double.NaN;
            b.append(String.format(Locale.ROOT, "%-22s %7d %12.1f %9.2f %9.2f %14s %12s%s%n", r.label(), r.clients(), r.writesPerSecond(), r.p50Ms(),
                    r.p99Ms(), ratio, Double.isNaN(cost) ? "" : String.format(Locale.ROOT, "%.1f %%", 100 * cost),
                    r.exhausted() ? "  values ran out" : ""));
        }
        b.append(String.format(Locale.ROOT, "(medians of %d round(s); vs ZooKeeper: writes/s over ZooKeeper's at the same client count;"
                + " targets: >= 0.50x at 16 clients, tracing cost < 20 %%)%n", rounds));
        return b.toString();
    }

    private static int order(Row r) {
        return SYSTEMS.indexOf(r.system()) * 2 + (Boolean.FALSE.equals(r.trace()) ? 1 : 0);
    }

    static String json(Plan plan, List<Sample> samples, List<Row> rows, List<ValidationSample> vsamples, double[] loadBefore, double[] loadAfter)
            throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ObjectNode c = root.putObject("config");
        c.put("nodes", 3).put("host", "127.0.0.1").put("fsync", true).put("rounds", plan.rounds()).put("warmupMs", plan.warmupMs())
                .put("measureMs", plan.measureMs()).put("values", plan.values()).put("batch", plan.batch())
                .put("zookeeper", "org.apache.zookeeper:zookeeper:3.9.5, forceSync=yes, setData, one session per client");
        c.putPOJO("systems", plan.systems());
        c.putPOJO("clients", plan.clients());
        root.putPOJO("loadAverageBefore", loadBefore);
        root.putPOJO("loadAverageAfter", loadAfter);
        ArrayNode rs = root.putArray("results");
        for (Row r : rows) {
            ObjectNode o = rs.addObject();
            o.put("system", r.system());
            if (r.trace() != null) o.put("trace", r.trace());
            o.put("clients", r.clients()).put("writesPerSecond", r.writesPerSecond()).put("p50Ms", r.p50Ms()).put("p99Ms", r.p99Ms())
                    .put("rounds", r.rounds()).put("valuesRanOut", r.exhausted());
            Row z = zk(rows, r.clients());
            if (z != null && !r.system().equals(ZOOKEEPER)) o.put("vsZookeeper", r.writesPerSecond() / z.writesPerSecond());
            if (Boolean.TRUE.equals(r.trace())) {
                double cost = tracingCost(rows, r.system(), r.clients());
                if (!Double.isNaN(cost)) o.put("tracingCost", cost);
            }
        }
        ArrayNode ss = root.putArray("samples");
        for (Sample s : samples) {
            ObjectNode o = ss.addObject();
            o.put("system", s.system());
            if (s.trace() != null) o.put("trace", s.trace());
            o.put("clients", s.clients()).put("round", s.round()).put("writes", s.writes()).put("seconds", s.seconds())
                    .put("writesPerSecond", s.writesPerSecond()).put("p50Ms", s.p50Ms()).put("p99Ms", s.p99Ms()).put("valuesRanOut", s.exhausted());
        }
        ArrayNode vs = root.putArray("validation");
        for (ValidationSample v : vsamples) {
            vs.addObject().put("protocol", v.protocol()).put("commands", v.commands()).put("round", v.round()).put("mergedEvents", v.mergedEvents())
                    .put("mergedEventsPerSecond", v.mergedRate()).put("singleFileEvents", v.singleEvents())
                    .put("singleFileEventsPerSecond", v.singleRate()).put("ratio", v.mergedRate() / v.singleRate())
                    .put("mergedCandidatesMax", v.mergedCandidatesMax());
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }

    static String fmtLoad(double[] l) {
        return l.length < 3 ? "unknown" : String.format(Locale.ROOT, "%.2f %.2f %.2f", l[0], l[1], l[2]);
    }
}
