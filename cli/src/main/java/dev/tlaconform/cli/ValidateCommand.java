package dev.tlaconform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.CausalTraces;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.ValidationTimeoutException;
import dev.tlaconform.validate.ValidationWatch;
import dev.tlaconform.validate.Validator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform validate TRACE.ndjson|RUN-DIR... [--spec DIR] [--engine fast|tlc] [--jobs N]
 * [--report FILE.json] [--max-candidates K] [--timeout DURATION] [--allow-unchecked FIELD,...]}: replays
 * traces against their spec (docs/validate.md). Exit 0 all accepted, 1 some trace rejected, 2 bad input (or the
 * candidate limit hit), 3 internal error or a trace not decided within --timeout.
 */
public final class ValidateCommand implements Command {
    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary() {
        return "replay NDJSON traces against their TLA+ spec (fast engine, or TLC on the trace spec)";
    }

    private static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("spec").hasArg().argName("DIR")
                .desc("spec directory with trace-mapping.json (default: specs/<header.protocol> above the working directory)").build());
        o.addOption(Option.builder().longOpt("engine").hasArg().argName("fast|tlc").desc("fast (default) or tlc (the reference engine)").build());
        o.addOption(Option.builder().longOpt("jobs").hasArg().argName("N").desc("traces validated in parallel (default 1)").build());
        o.addOption(Option.builder().longOpt("report").hasArg().argName("FILE.json").desc("write the verdicts as JSON").build());
        o.addOption(Option.builder().longOpt("max-candidates").hasArg().argName("K")
                .desc("give up (exit 2) when more than K spec states match a trace prefix, or binding an action's parameters "
                        + "would enumerate more than K values (default " + Validator.DEFAULT_MAX_CANDIDATES + ")").build());
        o.addOption(Option.builder().longOpt("keep-trace-spec").hasArg().argName("DIR")
                .desc("--engine tlc: write the trace spec it generated from the mapping (with its .cfg and NDJsonTrace.tla) into DIR, for a hand run or the TLA+ Toolbox").build());
        o.addOption(Option.builder().longOpt("tlc-heap").hasArg().argName("SIZE").desc("-Xmx of the child TLC JVM for --engine tlc (default 2g)").build());
        o.addOption(Option.builder().longOpt("no-invariants")
                .desc("fast engine: do not check the mapping's invariants on every candidate state (faster)").build());
        o.addOption(Option.builder().longOpt("timeout").hasArg().argName("DURATION")
                .desc("stop after DURATION (e.g. 90, 90s, 5m, 1h; seconds without a unit): traces not decided by then are "
                        + "reported as timed out, exit 3 (not a verdict)").build());
        o.addOption(Option.builder().longOpt("allow-unchecked").hasArg().argName("FIELD,...")
                .desc("accept logged fields the mapping does not check (action.field or field, e.g. Commit.msg.quorum);"
                        + " by default such a field is bad input; the verdict names the fields that went unchecked").build());
        o.addOption(Option.builder().longOpt("constants").hasArg().argName("FILE.json")
                .desc("spec constants as a JSON object (e.g. {\"N\": 5}), for logs without a header; they win over the"
                        + " trace's own").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    /** The outcome for one trace: a result, or the one-line reason it could not be decided. */
    private record Outcome(Path trace, ValidationResult result, String error, int exit) {}

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cl = Args.parse(name(), options(), args, Args.POSITIONAL);
        if (cl.hasOption("help")) {
            new HelpFormatter().printHelp(new java.io.PrintWriter(out, true), 100,
                    "tlaconform validate TRACE.ndjson... [options]", "", options(), 2, 2, "");
            return ExitCode.OK;
        }
        List<Path> traces = new ArrayList<>();
        for (String a : cl.getArgs()) traces.add(Path.of(a));
        if (traces.isEmpty()) throw new UsageException("no trace given (tlaconform validate TRACE.ndjson...)");
        String engine = cl.getOptionValue("engine", "fast");
        if (!engine.equals("fast") && !engine.equals("tlc")) throw new UsageException("--engine must be fast or tlc, not " + engine);
        if (engine.equals("tlc")) {
            for (Path t : traces) {
                if (CausalTraces.isRunDirectory(t)) {   // not silently the fast engine's causal search
                    throw new UsageException(t + ": --engine tlc takes single trace files; the per-node traces of a run directory"
                            + " are validated by the fast engine's causal search (drop --engine tlc)");
                }
            }
        }
        int jobs = Args.intOption(cl, "jobs", 1, 1, 256);
        int max = Args.intOption(cl, "max-candidates", Validator.DEFAULT_MAX_CANDIDATES, 1, Integer.MAX_VALUE);
        Path spec = null;
        if (cl.hasOption("spec")) {
            spec = Path.of(cl.getOptionValue("spec"));
            if (!Files.isDirectory(spec)) throw new UsageException(spec + ": no such spec directory");
        }
        String heap = cl.getOptionValue("tlc-heap", "2g");
        Path keep = cl.hasOption("keep-trace-spec") ? Path.of(cl.getOptionValue("keep-trace-spec")) : null;
        if (keep != null && !engine.equals("tlc")) throw new UsageException("--keep-trace-spec goes with --engine tlc");
        java.time.Duration timeout = cl.hasOption("timeout") ? duration("timeout", cl.getOptionValue("timeout")) : null;
        Path report = cl.hasOption("report") ? Path.of(cl.getOptionValue("report")) : null;
        if (report != null) ReportFiles.checkWritable("--report", report);
        List<String> allow = new ArrayList<>();
        for (String a : cl.getOptionValues("allow-unchecked") == null ? new String[0] : cl.getOptionValues("allow-unchecked")) {
            for (String f : a.split(",")) {
                if (f.isBlank()) continue;
                if (!f.strip().matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*")) {
                    throw new UsageException("--allow-unchecked: \"" + f.strip() + "\" is not a field path (action.field or field, e.g. Commit.msg.quorum)");
                }
                allow.add(f.strip());
            }
        }
        com.fasterxml.jackson.databind.JsonNode constants = null;
        if (cl.hasOption("constants")) {
            Path cf = Path.of(cl.getOptionValue("constants"));
            try {
                constants = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cf.toFile());
            } catch (IOException e) {
                err.println("tlaconform validate: " + cf + ":" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException
                        && ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation() != null
                        ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation().getLineNr() : 0)
                        + ": --constants: cannot read a JSON object: " + e.getMessage().split("\n")[0]);
                return ExitCode.BAD_INPUT;
            }
            if (constants == null || !constants.isObject()) {
                err.println("tlaconform validate: " + cf + ":1: --constants: the file must hold one JSON object (constant -> value)");
                return ExitCode.BAD_INPUT;
            }
        }
        long t0 = System.nanoTime();
        long deadline = timeout == null ? 0 : t0 + timeout.toNanos();
        List<Outcome> outcomes = new ArrayList<>();
        try (Validator v = new Validator().allowUnchecked(allow).constants(constants)) {
            ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
                Thread t = new Thread(r, "tlaconform-validate");
                t.setDaemon(true);   // a trace stuck in one TLC evaluation past --timeout does not hold the JVM
                return t;
            });
            List<ValidationWatch> watches = new ArrayList<>();
            for (int i = 0; i < traces.size(); i++) watches.add(new ValidationWatch(deadline));
            ValidateProgress progress = new ValidateProgress(traces, watches, err,
                    engine.equals("tlc") ? "TLC checking the trace spec generated from the mapping" : "loading the spec");
            try {
                List<Future<Outcome>> fs = new ArrayList<>();
                final Path specDir = spec;
                final boolean invs = !cl.hasOption("no-invariants");
                for (int i = 0; i < traces.size(); i++) {
                    Path t = traces.get(i);
                    ValidationWatch w = watches.get(i);
                    fs.add(pool.submit(() -> {
                        w.begin();
                        try {
                            return one(v, engine, t, specDir, max, heap, invs, w, timeout, allow, keep);
                        } finally {
                            w.finish();
                        }
                    }));
                }
                for (int i = 0; i < fs.size(); i++) {
                    Outcome o;   // in input order: output is deterministic
                    try {
                        o = deadline == 0 ? fs.get(i).get()
                                : fs.get(i).get(Math.max(0, deadline - System.nanoTime()) + GRACE_NANOS, TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        fs.get(i).cancel(true);
                        o = timedOut(traces.get(i), watches.get(i), timeout);
                    }
                    outcomes.add(o);
                    if (o.result() != null) out.println(o.result().render());
                    else err.println("tlaconform validate: " + o.error());
                }
            } finally {
                progress.close();
                pool.shutdownNow();
            }
            v.moduleNotes().forEach(out::println);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int exit = ExitCode.OK;
        long acc = 0, rej = 0, bad = 0, events = 0;
        for (Outcome o : outcomes) {
            if (o.result() != null) {
                events += o.result().events();
                if (o.result().accepted()) acc++; else rej++;
            } else {
                bad++;
            }
            exit = worse(exit, o.exit());
        }
        if (outcomes.size() > 1) {
            out.printf("%d traces: %d accepted, %d rejected, %d not decided; %d events in %d ms (%.0f events/s, %d jobs, %s engine)%n",
                    outcomes.size(), acc, rej, bad, events, ms, ms == 0 ? 0.0 : events * 1000.0 / ms, jobs, engine);
        }
        if (report != null) {
            try {
                writeReport(report, engine, outcomes, ms);
            } catch (IOException e) {
                err.println("tlaconform validate: --report " + report + ": cannot write: " + e.getMessage());
                return worse(exit, ExitCode.BAD_INPUT);
            }
        }
        return exit;
    }

    /** How long past --timeout the command waits for an engine to notice it at its next event. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static Outcome one(Validator v, String engine, Path t, Path spec, int max, String heap, boolean invs,
                               ValidationWatch w, java.time.Duration timeout, List<String> allow, Path keep) {
        try {
            ValidationResult r = CausalTraces.isRunDirectory(t) ? CausalTraces.validate(v, t, spec, max, invs, w) // per-node traces of a cluster run
                    : engine.equals("fast") ? v.validate(t, spec, max, invs, w)
                    : new TlcReferenceEngine(heap).allowUnchecked(allow).constants(v.constants()).keepTraceSpec(keep).watch(w).validate(t, spec, Path.of(""));
            return new Outcome(t, r, null, r.accepted() ? ExitCode.OK : ExitCode.VIOLATION);
        } catch (BadTraceException e) {
            return new Outcome(t, null, e.getMessage(), ExitCode.BAD_INPUT);
        } catch (CandidateLimitException e) {
            return new Outcome(t, null, e.getMessage(), ExitCode.BAD_INPUT);
        } catch (ValidationTimeoutException e) {
            return timedOut(t, w, timeout);
        } catch (IOException | RuntimeException | InterruptedException e) {
            return new Outcome(t, null, t + ": internal error: " + e, ExitCode.INTERNAL);
        }
    }

    /** A trace not decided by --timeout: exit 3 (a timeout is not a verdict), reported as such. */
    private static Outcome timedOut(Path t, ValidationWatch w, java.time.Duration timeout) {
        String at = (w.file() != null ? w.file() : t.toString()) + ":" + Math.max(1, w.line());
        return new Outcome(t, null, at + ": TIMEOUT: not decided within --timeout "
                + timeout.toSeconds() + "s (" + w.events() + " events checked, at " + (w.file() != null ? at : "line " + Math.max(1, w.line())) + ")",
                ExitCode.INTERNAL);
    }

    /** --timeout's DURATION: seconds, or a number with the unit s, m or h; positive. */
    static java.time.Duration duration(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})([smh]?)").matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            java.time.Duration d = switch (m.group(2)) {
                case "m" -> java.time.Duration.ofMinutes(n);
                case "h" -> java.time.Duration.ofHours(n);
                default -> java.time.Duration.ofSeconds(n);
            };
            if (n > 0 && d.toDays() <= 366) return d;
        }
        throw new UsageException("--" + option + " must be a positive duration of at most a year like 90, 90s, 5m or 1h, not " + text);
    }

    /** 3 internal > 2 bad input > 1 rejected > 0: never report success over a trace not decided. */
    private static int worse(int a, int b) {
        return Math.max(a, b);
    }


    private static void writeReport(Path file, String engine, List<Outcome> outcomes, long ms) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("engine", engine);
        root.put("millis", ms);
        ArrayNode arr = root.putArray("traces");
        for (Outcome o : outcomes) {
            if (o.result() != null) {
                arr.add(o.result().toJson(om));
            } else {
                ObjectNode e = arr.addObject();
                e.put("file", o.trace().toString());
                e.put("verdict", o.error().contains(": TIMEOUT: ") ? "timeout"
                        : o.exit() == ExitCode.INTERNAL ? "internal-error" : "bad-input");
                e.put("error", o.error());
            }
        }
        om.writeValue(file.toFile(), root);
    }
}
