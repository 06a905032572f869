package dev.tlaconform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform bench foreign}: the three ways of deciding a system's own log, side by side on
 * the same logs, as a user runs them (whole commands, each its own JVM): the fast engine reading
 * EWD998's log through docs/foreign/ewd998/trace-mapping.json ({@code validate}), TLC on the trace
 * spec generated from that mapping ({@code validate --engine tlc}), and the drop-in TLC run of
 * tlaplus/Examples' own {@code EWD998ChanTrace.tla} ({@code check}, {@code JSON=log}). The logs: the
 * shipped one, logs of the lengths asked for in the implementation's format ({@link Ewd998Logs},
 * seeded), and any given. Runs alternate between the three (the order rotates), medians of
 * several; per command the wall time, the CPU time of the process and its children (from
 * {@code /usr/bin/time}), and the time after loading: the fast engine's events (its report's
 * millis, the rest being JVM start, spec load and log reading), TLC's run (the "wall time" check
 * prints), --engine tlc's run (TLC's JVM included). Then the fast engine with the spec loaded once
 * and the JIT warm: the same log validated several times in one call. Prints the load average
 * before and after. A benchmark, never a test: it asserts only that the three agree.
 */
final class BenchForeign {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ENGINES = {"fast", "tlc", "dropin"};
    private static final Pattern TLC_WALL = Pattern.compile("wall time: ([0-9.]+) s");

    private BenchForeign() {}

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("examples").hasArg().argName("DIR")
                .desc("a checkout of github.com/tlaplus/Examples (or its specifications/ewd998)").build());
        o.addOption(Option.builder().longOpt("mapping").hasArg().argName("FILE")
                .desc("the mapping (default docs/foreign/ewd998/trace-mapping.json of this installation)").build());
        o.addOption(Option.builder().longOpt("events").hasArg().argName("K,K")
                .desc("lengths of the generated logs, in events (default 5000,20000; 0: none)").build());
        o.addOption(Option.builder().longOpt("nodes").hasArg().argName("N").desc("nodes of the generated logs (default 5, as the shipped log)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of the generated logs (default 1)").build());
        o.addOption(Option.builder().longOpt("runs").hasArg().argName("R").desc("runs of each command, median reported (default 3)").build());
        o.addOption(Option.builder().longOpt("warm").hasArg().argName("K")
                .desc("the fast engine with the spec loaded once: the log K times in one call, median of all but the first (default 5; 0: skip)").build());
        o.addOption(Option.builder().longOpt("c2").desc("run validate with the JVM's default JIT (C1 and C2), not C1 alone as scripts/tlaconform runs it").build());
        o.addOption(Option.builder().longOpt("no-cds").desc("run every command without class-data sharing (scripts/tlaconform and check's TLC JVM"
                + " use an archive of the classes made on their first run; dev.tlaconform.check.ClassArchive)").build());
        o.addOption(Option.builder().longOpt("no-shipped").desc("leave out the shipped EWD998ChanTrace.ndjson").build());
        o.addOption(Option.builder().longOpt("dir").hasArg().argName("DIR").desc("keep the logs, spec copy and outputs here").build());
        o.addOption(Option.builder().longOpt("report").hasArg().argName("FILE.json").desc("also write the figures as JSON").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    /** One log to decide. */
    private record Log(String name, Path file) {}

    /** One command's run: exit code, wall and CPU seconds (CPU NaN when unknown), seconds after loading, events. */
    private record Run(int exit, double wall, double cpu, double afterLoad, long events) {}

    static int run(String[] args, PrintStream out) throws Exception {
        Options opts = options();
        CommandLine cl = Args.parse("bench foreign", opts, args, true);
        if (cl.hasOption("help")) {
            PrintWriter pw = new PrintWriter(out);
            new HelpFormatter().printHelp(pw, 100, "tlaconform bench foreign --examples DIR [--events 5000,20000] [--runs R] [LOG...]",
                    "\nThe fast engine + mapping, --engine tlc and the drop-in TLC run of EWD998ChanTrace.tla on the same logs.\n\n",
                    opts, 2, 4, "", false);
            pw.flush();
            return ExitCode.OK;
        }
        if (!cl.hasOption("examples")) throw new UsageException("--examples DIR is required (a checkout of github.com/tlaplus/Examples)");
        Path ewd = ewdDir(Path.of(cl.getOptionValue("examples")));
        Path mapping = cl.hasOption("mapping") ? Path.of(cl.getOptionValue("mapping")) : defaultMapping();
        if (!Files.isRegularFile(mapping)) throw new UsageException("no mapping " + mapping + " (give --mapping FILE)");
        int nodes = Args.intOption(cl, "nodes", 5, 1, 64);
        long seed = cl.hasOption("seed") ? SimulateCommand.longOpt(cl, "seed") : 1;
        int runs = Args.intOption(cl, "runs", 3, 1, 100);
        int warm = Args.intOption(cl, "warm", 5, 0, 100);
        List<Integer> lengths = new ArrayList<>();
        for (String s : cl.getOptionValue("events", "5000,20000").split(",")) {
            try {
                int k = Integer.parseInt(s.strip());
                if (k < 0 || k > 10_000_000) throw new NumberFormatException();
                if (k > 0) lengths.add(k);
            } catch (NumberFormatException e) {
                throw new UsageException("--events must be a list of lengths like 5000,20000, not " + cl.getOptionValue("events"));
            }
        }
        validateJvm = cl.hasOption("c2") ? List.of() : List.of("-XX:TieredStopAtLevel=1");
        cds = !cl.hasOption("no-cds");
        boolean keep = cl.hasOption("dir");
        Path dir = keep ? Path.of(cl.getOptionValue("dir")).toAbsolutePath() : dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-bench-foreign");
        try {
            return measure(out, ewd, mapping, nodes, seed, runs, warm, lengths, !cl.hasOption("no-shipped"), cl.getArgList(), dir,
                    cl.getOptionValue("report"));
        } finally {
            if (!keep) dev.tlaconform.check.ExitCleanup.release(dir);
        }
    }

    private static int measure(PrintStream out, Path ewd, Path mapping, int nodes, long seed, int runs, int warm, List<Integer> lengths,
                               boolean shipped, List<String> given, Path dir, String report) throws Exception {
        Path spec = dir.resolve("spec");
        Path logs = dir.resolve("logs");
        Path outs = dir.resolve("out");
        Files.createDirectories(spec);
        Files.createDirectories(logs);
        Files.createDirectories(outs);
        try (Stream<Path> s = Files.list(ewd)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tla") || n.endsWith(".cfg")) Files.copy(p, spec.resolve(n), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(mapping, spec.resolve("trace-mapping.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<Log> all = new ArrayList<>();
        if (shipped && Files.isRegularFile(ewd.resolve("EWD998ChanTrace.ndjson"))) {
            all.add(new Log("shipped", ewd.resolve("EWD998ChanTrace.ndjson").toAbsolutePath()));
        }
        for (int k : lengths) {
            Path f = logs.resolve("ewd998-n" + nodes + "-s" + seed + "-" + k + ".ndjson");
            Ewd998Logs.write(f, Ewd998Logs.generate(seed, nodes, k));
            all.add(new Log("generated " + k, f));
        }
        for (String g : given) {
            Path f = Path.of(g).toAbsolutePath();
            if (!Files.isRegularFile(f)) throw new UsageException(g + ": no such file");
            all.add(new Log(f.getFileName().toString(), f));
        }
        if (all.isEmpty()) throw new UsageException("no logs: the shipped log is missing or left out, --events 0 and no LOG given");
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        double[] load0 = BenchCluster.loadAverage();
        out.printf(Locale.ROOT, "bench foreign: EWD998 (%s), mapping %s; %d run(s) of each command, alternating, medians; "
                        + "generated logs: %d nodes, seed %d; validate's JVM: %s (check's: the default); class-data sharing: %s; %d processors; load average %s%n",
                ewd, mapping, runs, nodes, seed, validateJvm.isEmpty() ? "the default JIT" : String.join(" ", validateJvm),
                cds ? "on (archives made by an untimed first run of each command)" : "off",
                Runtime.getRuntime().availableProcessors(), BenchCluster.fmtLoad(load0));
        if (!timed) out.println("  (no /usr/bin/time: CPU times not measured)");
        // the load alone: each command on a log of the first log's constants line and first event
        Path firstOnly = logs.resolve("first-event.ndjson");
        List<String> head = new ArrayList<>();
        for (String l : Files.readAllLines(all.get(0).file(), StandardCharsets.UTF_8)) {
            if (!l.isBlank() && head.size() < 2) head.add(l);
        }
        Files.write(firstOnly, head, StandardCharsets.UTF_8);
        // class archives (ClassArchive): made by a first, untimed run of each command, as a user's first run makes them
        if (cds) {
            for (String e : ENGINES) one(e, new Log("first event", firstOnly), spec, outs, false);
        }
        Map<String, double[]> loadOnly = new LinkedHashMap<>();
        List<List<Run>> lr = new ArrayList<>();
        for (String e : ENGINES) lr.add(new ArrayList<>());
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < ENGINES.length; k++) {
                int i = (k + r) % ENGINES.length;
                lr.get(i).add(one(ENGINES[i], new Log("first event", firstOnly), spec, outs, timed));
            }
        }
        for (int i = 0; i < ENGINES.length; i++) {
            loadOnly.put(ENGINES[i], new double[] {median(lr.get(i).stream().mapToDouble(Run::wall).toArray()),
                    median(lr.get(i).stream().mapToDouble(Run::cpu).toArray())});
            out.printf(Locale.ROOT, "  load (the command on the log's first event only): %-6s %6.2f s wall, %s s CPU%n", ENGINES[i],
                    loadOnly.get(ENGINES[i])[0], fmt(loadOnly.get(ENGINES[i])[1]));
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("examples", ewd.toString());
        json.put("mapping", mapping.toString());
        json.put("runs", runs);
        json.put("validateJvmOptions", String.join(" ", validateJvm));
        json.put("classDataSharing", cds);
        json.put("processors", Runtime.getRuntime().availableProcessors());
        json.set("loadBefore", loadJson(load0));
        ObjectNode lo = json.putObject("firstEventOnly");
        loadOnly.forEach((e, v) -> lo.putObject(e).put("medianWallSeconds", v[0]).put("medianCpuSeconds", v[1]));
        ArrayNode results = json.putArray("logs");
        int disagreements = 0;
        out.printf(Locale.ROOT, "%-18s %7s  %-8s %8s %8s %10s %12s %12s %12s%n", "log", "events", "engine", "wall s", "CPU s", "after load",
                "events/s", "CPU - load", "events/CPU s");
        out.println("  (after load, wall: fast = its events as it reports them; tlc = TLC's run as validate reports it, TLC's JVM included;"
                + " dropin = the \"wall time\" TLC reports. CPU - load: the command's CPU minus its CPU on the first event only)");
        for (Log log : all) {
            Map<String, List<Run>> byEngine = new LinkedHashMap<>();
            for (String e : ENGINES) byEngine.put(e, new ArrayList<>());
            for (int r = 0; r < runs; r++) {
                for (int k = 0; k < ENGINES.length; k++) {
                    String e = ENGINES[(k + r) % ENGINES.length];   // the order rotates from run to run
                    byEngine.get(e).add(one(e, log, spec, outs, timed));
                }
            }
            long events = byEngine.get("fast").get(0).events();
            ObjectNode lj = results.addObject();
            lj.put("log", log.name());
            lj.put("file", log.file().toString());
            lj.put("events", events);
            Map<String, double[]> med = new LinkedHashMap<>();
            List<Integer> exits = new ArrayList<>();
            for (Map.Entry<String, List<Run>> e : byEngine.entrySet()) {
                List<Run> rs = e.getValue();
                double wall = median(rs.stream().mapToDouble(Run::wall).toArray());
                double cpu = median(rs.stream().mapToDouble(Run::cpu).toArray());
                double after = median(rs.stream().mapToDouble(Run::afterLoad).toArray());
                for (Run x : rs) if (!exits.contains(x.exit())) exits.add(x.exit());
                ObjectNode ej = lj.putObject(e.getKey());
                ej.put("exit", rs.get(0).exit());
                ej.put("medianWallSeconds", wall);
                if (!Double.isNaN(cpu)) ej.put("medianCpuSeconds", cpu);
                if (!Double.isNaN(after)) ej.put("medianSecondsAfterLoad", after);
                if (!Double.isNaN(after) && after > 0) ej.put("eventsPerSecondAfterLoad", Math.round(events / after));
                ArrayNode each = ej.putArray("runs");
                for (Run x : rs) {
                    ObjectNode o = each.addObject().put("exit", x.exit()).put("wallSeconds", x.wall());
                    if (!Double.isNaN(x.cpu())) o.put("cpuSeconds", x.cpu());
                    if (!Double.isNaN(x.afterLoad())) o.put("secondsAfterLoad", x.afterLoad());
                }
                double cpuEvents = cpu - loadOnly.get(e.getKey())[1];
                if (!Double.isNaN(cpuEvents)) {
                    ej.put("medianCpuSecondsMinusLoad", cpuEvents);
                    if (cpuEvents > 0) ej.put("eventsPerCpuSecondMinusLoad", Math.round(events / cpuEvents));
                }
                med.put(e.getKey(), new double[] {wall, cpu, after, cpuEvents});
                out.printf(Locale.ROOT, "%-18s %7d  %-8s %8.2f %8s %10s %12s %12s %12s  exit %s%n", log.name(), events, e.getKey(), wall, fmt(cpu),
                        fmt(after), Double.isNaN(after) || after <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f", events / after),
                        fmt(cpuEvents), Double.isNaN(cpuEvents) || cpuEvents <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f", events / cpuEvents),
                        rs.stream().map(x -> Integer.toString(x.exit())).distinct().reduce((a, b) -> a + "," + b).orElse(""));
            }
            boolean agree = exits.size() == 1;
            if (!agree) disagreements++;
            lj.put("agree", agree);
            double[] f = med.get("fast");
            String ratios = String.format(Locale.ROOT, "fast vs tlc: %.1fx wall, %sx CPU, %sx after load (wall), %sx CPU - load;"
                            + " fast vs drop-in: %.1fx wall, %sx CPU, %sx after load (wall), %sx CPU - load",
                    med.get("tlc")[0] / f[0], ratio(med.get("tlc")[1], f[1]), ratio(med.get("tlc")[2], f[2]), ratio(med.get("tlc")[3], f[3]),
                    med.get("dropin")[0] / f[0], ratio(med.get("dropin")[1], f[1]), ratio(med.get("dropin")[2], f[2]),
                    ratio(med.get("dropin")[3], f[3]));
            lj.put("ratios", ratios);
            out.println("  " + ratios + (agree ? "" : "   VERDICTS DIFFER: exits " + exits));
            if (warm > 1) {
                double[] w = warm(log, spec, outs, warm);
                lj.put("warmMedianMillis", w[0]);
                lj.put("warmEventsPerSecond", Math.round(w[1]));
                out.printf(Locale.ROOT, "  fast engine, spec loaded once, JIT warm (the log %d times in one call): median %.0f ms per run, %,.0f events/s"
                        + " (first run %.0f ms)%n", warm, w[0], w[1], w[2]);
            }
        }
        double[] load1 = BenchCluster.loadAverage();
        json.set("loadAfter", loadJson(load1));
        out.printf(Locale.ROOT, "load average after: %s%s%n", BenchCluster.fmtLoad(load1),
                disagreements == 0 ? "; every log decided alike by the three" : "; " + disagreements + " log(s) decided differently");
        if (report != null) JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(report).toFile(), json);
        return disagreements == 0 ? ExitCode.OK : ExitCode.VIOLATION;
    }

    /** One whole command of one engine on one log. */
    private static Run one(String engine, Log log, Path spec, Path outs, boolean timed) throws IOException, InterruptedException {
        String tag = log.file().getFileName().toString().replace(".ndjson", "") + "." + engine;
        Path report = outs.resolve(tag + ".json");
        Path stdout = outs.resolve(tag + ".txt");
        Path time = outs.resolve(tag + ".time");
        Files.deleteIfExists(report);
        List<String> cmd = new ArrayList<>();
        if (timed) cmd.addAll(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", time.toString()));
        List<String> jvm = self(!engine.equals("dropin"), engine.equals("dropin") ? "check" : "validate");
        cmd.addAll(jvm);
        Path cwd = spec;
        Map<String, String> env = new LinkedHashMap<>();
        if (!cds) env.put("TLACONFORM_CDS", "off");
        switch (engine) {
            case "fast" -> cmd.addAll(List.of("validate", log.file().toString(), "--spec", spec.toString(), "--report", report.toString()));
            case "tlc" -> cmd.addAll(List.of("validate", log.file().toString(), "--spec", spec.toString(), "--engine", "tlc",
                    "--report", report.toString()));
            default -> {
                cmd.addAll(List.of("check", "EWD998ChanTrace.tla", "--config", "EWD998ChanTrace.cfg"));
                env.put("JSON", log.file().toString());
            }
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(stdout.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(engine + " on " + log.file() + " did not finish within 60 minutes (see " + stdout + ")");
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        int exit = p.exitValue();
        dev.tlaconform.check.ClassArchive.finish(jvm);
        double cpu = Double.NaN;
        if (timed && Files.isRegularFile(time)) {
            // /usr/bin/time prints "Command exited with non-zero status N" before the figures when the exit is not 0
            List<String> ls = Files.readAllLines(time);
            String[] f = ls.isEmpty() ? new String[0] : ls.get(ls.size() - 1).trim().split("\\s+");
            if (f.length == 3) {
                wall = Double.parseDouble(f[0]);
                cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
            }
        }
        double after = Double.NaN;
        long events = -1;
        if (!engine.equals("dropin") && Files.isRegularFile(report)) {
            JsonNode t = JSON.readTree(report.toFile()).path("traces").path(0);
            if (t.has("millis")) after = t.get("millis").asLong() / 1000.0;
            events = t.path("events").asLong(-1);
        } else if (engine.equals("dropin")) {
            Matcher m = TLC_WALL.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
            if (m.find()) after = Double.parseDouble(m.group(1));
        }
        if (exit > 1) {
            throw new IllegalStateException(engine + " on " + log.file() + ": exit " + exit + " (bad input or internal error; see " + stdout + ")");
        }
        return new Run(exit, wall, cpu, after, events);
    }

    /** The fast engine with the spec loaded once: {median ms of runs 2..k, events/s at that median, first run's ms}. */
    private static double[] warm(Log log, Path spec, Path outs, int k) throws IOException, InterruptedException {
        Path report = outs.resolve(log.file().getFileName().toString().replace(".ndjson", "") + ".warm.json");
        List<String> jvm = self(true, "validate");
        List<String> cmd = new ArrayList<>(jvm);
        cmd.add("validate");
        for (int i = 0; i < k; i++) cmd.add(log.file().toString());
        cmd.addAll(List.of("--spec", spec.toString(), "--report", report.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.toFile()).redirectErrorStream(true)
                .redirectOutput(outs.resolve("warm.txt").toFile());
        if (!cds) pb.environment().put("TLACONFORM_CDS", "off");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the warm runs on " + log.file() + " did not finish within 60 minutes");
        }
        dev.tlaconform.check.ClassArchive.finish(jvm);
        JsonNode ts = JSON.readTree(report.toFile()).path("traces");
        double[] ms = new double[ts.size() - 1];
        for (int i = 1; i < ts.size(); i++) ms[i - 1] = ts.get(i).path("millis").asDouble();
        double m = median(ms);
        return new double[] {m, ts.get(0).path("events").asLong() / (m / 1000.0), ts.get(0).path("millis").asDouble()};
    }

    /**
     * This tlaconform, as a command (the JVM it runs in, its class path, its Main), with the JVM
     * options scripts/tlaconform gives it: C1 alone for validate, the class archive of the
     * subcommand (made by its first run; ClassArchive, the launcher's scheme in Java).
     */
    private static List<String> self(boolean validate, String role) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC"));
        if (validate) cmd.addAll(validateJvm);
        String cp = System.getProperty("java.class.path");
        if (cds) cmd.addAll(dev.tlaconform.check.ClassArchive.options(role, cp, cmd));
        cmd.addAll(List.of("-cp", cp, Main.class.getName()));
        return cmd;
    }

    /** Whether the commands run with class-data sharing (the default; --no-cds). */
    private static boolean cds = true;

    /** The JVM options of validate's commands: scripts/tlaconform's (C1 alone) unless --c2. */
    private static List<String> validateJvm = List.of("-XX:TieredStopAtLevel=1");

    private static Path ewdDir(Path examples) {
        for (Path d : List.of(examples.resolve("specifications").resolve("ewd998"), examples)) {
            if (Files.isRegularFile(d.resolve("EWD998ChanTrace.tla")) && Files.isRegularFile(d.resolve("EWD998Chan.tla"))) {
                return d.toAbsolutePath().normalize();
            }
        }
        throw new UsageException(examples + ": no specifications/ewd998/EWD998ChanTrace.tla (give a checkout of github.com/tlaplus/Examples)");
    }

    /** docs/foreign/ewd998/trace-mapping.json above this installation's classes, or in the working directory's tree. */
    private static Path defaultMapping() {
        Path rel = Path.of("docs", "foreign", "ewd998", "trace-mapping.json");
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(BenchForeign.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
        } catch (Exception unknown) {
            // the working directory only
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path s : starts) {
            int up = 0;
            for (Path d = s; d != null && up < 8; d = d.getParent(), up++) {
                if (Files.isRegularFile(d.resolve(rel))) return d.resolve(rel);
            }
        }
        return rel;
    }

    static double median(double[] xs) {
        double[] s = Arrays.stream(xs).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (s.length == 0) return Double.NaN;
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", a / b);
    }

    private static ArrayNode loadJson(double[] l) {
        ArrayNode a = JSON.createArrayNode();
        for (double x : l) a.add(x);
        return a;
    }
}
