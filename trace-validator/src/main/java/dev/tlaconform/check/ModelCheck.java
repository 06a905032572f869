package dev.tlaconform.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs TLC on one model in a child JVM and turns what it reports into a {@link CheckReport}.
 * Safe to call from several threads at once: every run has its own JVM and temporary directory.
 */
public final class ModelCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCheck() {}

    /** Checks the model; never throws for bad input (the report says "bad-input"). */
    public static CheckReport run(CheckOptions options, CheckListener listener) throws InterruptedException {
        long start = System.nanoTime();
        CheckReport bad = validate(options, start);
        if (bad != null) {
            return bad;
        }
        if (options.distributed() > 0) {
            return DistributedCheck.run(options, listener);
        }
        Path spec = options.spec().toAbsolutePath().normalize();
        Path cfg = options.effectiveConfig().toAbsolutePath().normalize();
        Path tmp = null;
        Process p = null;
        try {
            tmp = ChildJvm.newTempDir();
            DropIn dropIn = DropIn.prepare(spec, cfg, tmp);
            String lnCheck = options.lnCheck() != null ? options.lnCheck() : dropIn.traceSpec() ? "final" : null;
            describe(dropIn, lnCheck, listener);
            List<String> args = new ArrayList<>(List.of("--role", "check", "--spec", spec.toString(),
                    "--config", dropIn.tlcConfig().toString(), "--progress", Long.toString(options.progressEvery().toSeconds())));
            for (String post : dropIn.postconditions()) {
                args.add("--postcondition");
                args.add(post);
            }
            if (dropIn.alias() != null) {
                args.add("--alias");
                args.add(dropIn.alias());
            }
            args.add("--");
            args.addAll(tlcArgs(options, tmp, spec, dropIn.tlcConfig()));
            if (lnCheck != null) {
                args.addAll(args.size() - 1, List.of("-lncheck", lnCheck));
            }
            // TLC runs where the command was given, as `tlc` would: a relative file name in the
            // spec (ndJsonDeserialize("trace.ndjson"), IOEnv.JSON) means what the user means.
            List<String> command = ChildJvm.command(tmp, options.jvmOptions(), args);
            p = ChildJvm.start(command, Path.of("").toAbsolutePath(), options.environment());
            EventLog log = new EventLog();
            String failure = follow(p, log, options, listener, start);
            CheckReport r = report(options, spec, cfg, log, failure, p.exitValue(), start);
            ClassArchive.finish(command);   // the class archive TLC's JVM wrote on its first run, if it did
            return userConfig(r, dropIn.tlcConfig(), cfg);
        } catch (IOException e) {
            return simple(options, CheckReport.ERROR, new CheckReport.ErrorInfo(null, 0, 0,
                    "cannot start TLC: " + e.getMessage()), start);
        } finally {
            ChildJvm.kill(p);
            ChildJvm.removeTempDir(tmp);
        }
    }

    /** Says what is emulated or changed for this model (one note line each). */
    private static void describe(DropIn d, String lnCheck, CheckListener listener) {
        for (String post : d.postconditions()) {
            listener.note("POSTCONDITION " + post + ": evaluated once TLC has finished (TLC 2.18 has no POSTCONDITION)");
        }
        if (d.alias() != null) {
            listener.note("ALIAS " + d.alias() + ": applied to the states of a counterexample (TLC 2.18 has no ALIAS)");
        }
        if (d.traceSpec() && d.properties() && "final".equals(lnCheck)) {
            listener.note("trace spec (it reads a JSON log): temporal properties are checked once, at the end (-lncheck final)");
        }
    }

    /** Errors TLC found in the cfg copy it read are the user's cfg's (same lines and columns). */
    private static CheckReport userConfig(CheckReport r, Path tlcConfig, Path cfg) {
        if (r.error() == null || r.error().file() == null || tlcConfig.equals(cfg)
                || !Path.of(r.error().file()).toAbsolutePath().normalize().equals(tlcConfig.toAbsolutePath().normalize())) {
            return r;
        }
        CheckReport.ErrorInfo e = new CheckReport.ErrorInfo(cfg.toString(), r.error().line(), r.error().column(),
                r.error().message());
        return new CheckReport(r.tool(), r.command(), r.spec(), cfg.toString(), r.tlcVersion(), r.constants(), r.workers(),
                r.verdict(), r.violation(), r.statesGenerated(), r.distinctStates(), r.depth(), r.wallTimeSeconds(),
                r.distinctStatesPerSecond(), r.counterexample(), e, r.modules(), r.trace(), r.notes());
    }

    /** cfg relative to the spec's directory, both with symbolic links resolved (as the OS resolves "dir/.."). */
    static String fromSpecDir(Path spec, Path cfg) {
        try {
            return spec.getParent().toRealPath().relativize(cfg.toRealPath()).toString();
        } catch (IOException | RuntimeException e) {
            return spec.getParent().relativize(cfg.toAbsolutePath().normalize()).toString();
        }
    }

    static List<String> tlcArgs(CheckOptions options, Path tmp, Path spec, Path cfg) {
        List<String> a = new ArrayList<>();
        a.add("-workers");
        a.add(options.workers() <= 0 ? "auto" : Integer.toString(options.workers()));
        a.add("-metadir");
        a.add(tmp.resolve("meta").toString());
        a.add("-checkpoint");
        a.add("0");
        a.add("-config");
        // TLC 2.18 reads the cfg relative to the spec's directory when the spec's path is absolute
        // (it prefixes that directory to every name it resolves): an absolute cfg elsewhere is
        // "not found", a relative one from the spec's directory works wherever the cfg is.
        a.add(fromSpecDir(spec, cfg));
        a.add(spec.toString());
        return a;
    }

    /**
     * Reads the child's events (on a reader thread) until it exits or the timeout passes; returns
     * null, or why the run did not finish normally. Kills the child on timeout and on interrupt
     * of the calling thread (then rethrows the InterruptedException).
     */
    static String follow(Process p, EventLog log, CheckOptions options, CheckListener listener, long start)
            throws InterruptedException {
        ChildJvm.Tail stderr = new ChildJvm.Tail(p.getErrorStream(), 200, listener::tlcOutput);
        Thread reader = new Thread(() -> readEvents(p, log, listener, start), "tlaconform-events");
        reader.setDaemon(true);
        reader.start();
        boolean exited;
        try {
            if (options.timeout() == null) {
                p.waitFor();
                exited = true;
            } else {
                exited = p.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            ChildJvm.kill(p);
            throw e;
        }
        if (!exited) {
            ChildJvm.kill(p);
        }
        reader.join(30_000); // the rest of the stream, buffered by the OS
        ChildJvm.forget(p);
        if (!exited) {
            return "timed out after " + options.timeout().toSeconds() + " s";
        }
        synchronized (log) {
            if (log.exitStatus == null) {
                String tail = stderr.text();
                return "TLC's JVM exited with status " + p.exitValue() + " without a result"
                        + (tail.isBlank() ? "" : "; its last output:\n" + tail);
            }
        }
        return null;
    }

    private static void readEvents(Process p, EventLog log, CheckListener listener, long start) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode e;
                try {
                    e = JSON.readTree(line);
                } catch (JsonProcessingException notJson) {
                    listener.tlcOutput(line);
                    continue;
                }
                CheckProgress prog;
                synchronized (log) {
                    prog = log.accept(e);
                }
                String kind = e.path("event").asText();
                if (kind.equals(Events.PRINT)) {
                    listener.specOutput(e.path("text").asText());
                } else if (kind.equals(Events.NOTE)) {
                    listener.note(e.path("message").asText());
                }
                if (prog != null) {
                    listener.progress(prog, Duration.ofNanos(System.nanoTime() - start));
                }
            }
        } catch (IOException closed) {
            // the child died; its exit status tells why
        }
    }

    static CheckReport report(CheckOptions options, Path spec, Path cfg, EventLog log, String failure, int processExit,
            long start) {
        double wall = (System.nanoTime() - start) / 1e9;
        int status = log.exitStatus != null ? log.exitStatus : processExit;
        String verdict;
        CheckReport.Violation violation = null;
        CheckReport.ErrorInfo error = null;
        if (failure != null) {
            verdict = CheckReport.ERROR;
            error = new CheckReport.ErrorInfo(null, 0, 0, failure);
        } else if (log.violation != null) {
            verdict = CheckReport.VIOLATION;
            JsonNode v = log.violation;
            violation = new CheckReport.Violation(v.path("kind").asText(),
                    v.hasNonNull("name") ? v.get("name").asText() : null, SanyDiagnostics.oneLine(v.path("message").asText()));
        } else if (status == 0) {
            verdict = CheckReport.HOLDS;
        } else if ((status >= 75 && status <= 77 || status == 255) && log.hasEvaluationError() && !log.hasInputError()) {
            verdict = CheckReport.VIOLATION;
            error = log.evaluationError(spec.getParent());
            violation = new CheckReport.Violation("evaluation", null, error.message());
        } else if (status >= 10 && status <= 14) {
            verdict = CheckReport.VIOLATION;
            error = log.bestError(spec.getParent(), "TLC reported a violation (exit status " + status + ")");
            String kind = status == 11 ? "deadlock" : status == 13 ? "property" : status == 12 ? "invariant" : "assertion";
            violation = new CheckReport.Violation(kind, null, error.message());
            error = null;
        } else if (status == 150 || status == 151 || log.hasInputError()) {
            verdict = CheckReport.BAD_INPUT;
            error = log.bestError(spec.getParent(), "TLC rejected the spec or model (exit status " + status + ")");
        } else {
            verdict = CheckReport.ERROR;
            error = log.bestError(spec.getParent(), "TLC failed with exit status " + status);
            if (error.message() != null && error.message().contains("StackOverflowError")) {
                verdict = CheckReport.BAD_INPUT;   // the spec's, not tlaconform's: located at its deepest line
                error = InputChecks.stackOverflow(spec);
            }
        }
        long distinct = log.distinct;
        long depth = log.sawDepth ? log.depth : Math.max(log.depth, log.counterexample().size());
        return new CheckReport("tlaconform", "check", spec.toString(), cfg.toString(), log.tlcVersion, log.constants,
                options.effectiveWorkers(), verdict, violation, log.generated, distinct, depth, round(wall),
                wall > 0 ? round(distinct / wall) : 0, log.counterexample(), error, List.copyOf(log.modules),
                log.traceReach(), List.copyOf(log.notes));
    }

    /** Missing files are reported before any JVM starts. */
    private static CheckReport validate(CheckOptions options, long start) {
        Path spec = options.spec();
        if (spec == null) {
            return simple(options, CheckReport.BAD_INPUT, new CheckReport.ErrorInfo(null, 0, 0, "no spec given"), start);
        }
        if (!Files.isRegularFile(spec)) {
            String why = Files.isDirectory(spec) ? "is a directory, not a .tla file" : "no such file";
            return simple(options, CheckReport.BAD_INPUT, new CheckReport.ErrorInfo(spec.toString(), 0, 0, why), start);
        }
        if (!spec.getFileName().toString().endsWith(".tla")) {
            return simple(options, CheckReport.BAD_INPUT, new CheckReport.ErrorInfo(spec.toString(), 0, 0,
                    "not a TLA+ module (expected a .tla file)"), start);
        }
        Path cfg = options.effectiveConfig();
        if (!Files.isRegularFile(cfg)) {
            String why = options.config() == null
                    ? "no model: " + cfg.getFileName() + " not found beside the spec (give one with --config MODEL.cfg)"
                    : "no such model file";
            return simple(options, CheckReport.BAD_INPUT, new CheckReport.ErrorInfo(cfg.toString(), 0, 0, why), start);
        }
        CheckReport.ErrorInfo bad = InputChecks.specText(spec);
        if (bad == null) bad = InputChecks.cfgIntegers(cfg);
        if (bad == null) {
            String jvm = InputChecks.jvmOptions(options.jvmOptions());
            if (jvm != null) bad = new CheckReport.ErrorInfo(null, 0, 0, jvm);
        }
        if (bad != null) return simple(options, CheckReport.BAD_INPUT, bad, start);
        return null;
    }

    static CheckReport simple(CheckOptions options, String verdict, CheckReport.ErrorInfo error, long start) {
        double wall = (System.nanoTime() - start) / 1e9;
        Path spec = options.spec() == null ? null : options.spec().toAbsolutePath().normalize();
        Path cfg = spec == null ? null : options.effectiveConfig().toAbsolutePath().normalize();
        Map<String, JsonNode> none = new TreeMap<>();
        return new CheckReport("tlaconform", "check", spec == null ? null : spec.toString(),
                cfg == null ? null : cfg.toString(), "", none, options.effectiveWorkers(), verdict, null, 0, 0, 0,
                round(wall), 0, List.of(), error);
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
