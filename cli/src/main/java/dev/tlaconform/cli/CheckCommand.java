package dev.tlaconform.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import dev.tlaconform.check.CheckListener;
import dev.tlaconform.check.CheckOptions;
import dev.tlaconform.check.CheckProgress;
import dev.tlaconform.check.CheckReport;
import dev.tlaconform.check.CiModels;
import dev.tlaconform.check.ModelCheck;

/**
 * {@code tlaconform check}: runs TLC on one model (or every CI model under specs/) and reports
 * the verdict, the figures and, for a violation, the counterexample; optionally as JSON.
 */
public final class CheckCommand implements Command {
    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "model-check a TLA+ spec with TLC (or every CI model under specs/ with --all)";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder("c").longOpt("config").hasArg().argName("MODEL.cfg")
                .desc("the model (default: SPEC.cfg beside SPEC.tla)").build());
        o.addOption(Option.builder("w").longOpt("workers").hasArg().argName("N|auto")
                .desc("TLC worker threads (default 1; auto = one per core)").build());
        o.addOption(Option.builder().longOpt("report").hasArg().argName("FILE.json")
                .desc("also write the result as JSON").build());
        o.addOption(Option.builder().longOpt("all")
                .desc("check every model under specs/ whose .cfg has a line \\* tlaconform: ci").build());
        o.addOption(Option.builder().longOpt("root").hasArg().argName("DIR")
                .desc("with --all: the repository root holding specs/ (default: the current directory or above)").build());
        o.addOption(Option.builder().longOpt("jobs").hasArg().argName("N")
                .desc("with --all: models checked at once (default 1)").build());
        o.addOption(Option.builder().longOpt("report-dir").hasArg().argName("DIR")
                .desc("with --all: write one JSON report per model there").build());
        o.addOption(Option.builder().longOpt("distributed").hasArg().argName("N")
                .desc("run TLC's distributed mode: a TLCServer and N TLCWorker JVMs on 127.0.0.1 (safety only)").build());
        o.addOption(Option.builder().longOpt("timeout").hasArg().argName("SECONDS")
                .desc("stop TLC after this long (verdict error, exit 3)").build());
        o.addOption(Option.builder().longOpt("jvm-opt").hasArg().argName("OPTION")
                .desc("an option for TLC's JVM, e.g. --jvm-opt=-Xmx8g (repeatable)").build());
        o.addOption(Option.builder().longOpt("lncheck").hasArg().argName("final|default")
                .desc("when TLC checks temporal properties: once at the end (final; the default for a trace spec,"
                        + " one that reads a JSON log) or also periodically (default: TLC's default otherwise)").build());
        o.addOption(Option.builder().longOpt("env").hasArg().argName("NAME=VALUE")
                .desc("an environment variable for TLC (IOUtils!IOEnv), besides this shell's own (repeatable)").build());
        o.addOption(Option.builder("v").longOpt("verbose").desc("also print TLC's own output").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options opts = options();
        CommandLine cl = Args.parse(name(), opts, args, Args.POSITIONAL);
        if (cl.hasOption("help")) {
            help(out, opts);
            return ExitCode.OK;
        }
        List<String> rest = cl.getArgList();
        CheckOptions base = CheckOptions.of(null, null)
                .withWorkers(workers(cl.getOptionValue("workers", "1")))
                .withTimeout(cl.hasOption("timeout") ? Duration.ofSeconds(positive(cl, "timeout")) : null)
                .withDistributed(cl.hasOption("distributed") ? positive(cl, "distributed") : 0)
                .withJvmOptions(cl.hasOption("jvm-opt") ? List.of(cl.getOptionValues("jvm-opt")) : List.of());
        boolean verbose = cl.hasOption("verbose");
        if (cl.hasOption("all")) {
            if (!rest.isEmpty() || cl.hasOption("config") || cl.hasOption("report")) {
                throw new UsageException("--all checks the CI models under specs/; give no SPEC, --config or --report with it"
                        + " (use --report-dir DIR)");
            }
            int jobs = cl.hasOption("jobs") ? positive(cl, "jobs") : 1;
            Path root = cl.hasOption("root") ? Path.of(cl.getOptionValue("root")) : null;
            Path reportDir = cl.hasOption("report-dir") ? Path.of(cl.getOptionValue("report-dir")) : null;
            return CheckAll.run(base, root, jobs, reportDir, out, err);
        }
        if (rest.isEmpty()) {
            throw new UsageException("missing SPEC.tla (usage: tlaconform check SPEC.tla [--config MODEL.cfg]; "
                    + "or tlaconform check --all)");
        }
        if (rest.size() > 1) {
            throw new UsageException("one SPEC.tla at a time, got " + String.join(" ", rest));
        }
        Path spec = Path.of(rest.get(0));
        if (!spec.toString().endsWith(".tla") && !Files.exists(spec) && Files.isRegularFile(Path.of(spec + ".tla"))) {
            spec = Path.of(spec + ".tla"); // `tlaconform check DieHard`, as one would call TLC
        }
        Path cfg = cl.hasOption("config") ? Path.of(cl.getOptionValue("config")) : null;
        String lnCheck = cl.getOptionValue("lncheck");
        if (lnCheck != null && !lnCheck.equals("final") && !lnCheck.equals("default")) {
            throw new UsageException("--lncheck wants final or default, got '" + lnCheck + "'");
        }
        Path report = cl.hasOption("report") ? Path.of(cl.getOptionValue("report")) : null;
        if (report != null) ReportFiles.checkWritable("--report", report);
        CheckOptions o = new CheckOptions(spec, cfg, base.workers(), base.timeout(), base.progressEvery(),
                base.distributed(), base.jvmOptions(), lnCheck, environment(cl));
        if (Files.isRegularFile(spec) && Files.isRegularFile(o.effectiveConfig())) {
            out.println("Checking " + spec + " with model " + display(o.effectiveConfig()) + " ("
                + workersText(o) + (o.distributed() > 0 ? ", distributed over " + o.distributed() + " TLCWorker JVMs" : "")
                + ")");
        }
        CheckReport r = ModelCheck.run(o, listener(out, "", verbose));
        int code = print(r, out, err);   // the verdict first: a report that cannot be written does not hide it
        if (report != null) {
            try {
                r.write(report);
            } catch (java.io.IOException e) {
                err.println("tlaconform check: --report " + report + ": cannot write: " + e.getMessage());
                return Math.max(code, ExitCode.BAD_INPUT);
            }
        }
        return code;
    }

    static CheckListener listener(PrintStream out, String prefix, boolean verbose) {
        return new CheckListener() {
            private long lastPrintedMillis = -1;

            @Override
            public synchronized void progress(CheckProgress p, Duration elapsed) {
                if (lastPrintedMillis >= 0 && elapsed.toMillis() - lastPrintedMillis < 5_000) {
                    return; // TLC's own reports and the 10 s poll can come close together
                }
                lastPrintedMillis = elapsed.toMillis();
                double s = elapsed.toMillis() / 1000.0;
                out.printf(Locale.ROOT, "%s  progress %.0f s: %,d states generated, %,d distinct, %,d on queue, depth %d"
                        + " (%,.0f distinct states/s)%n", prefix, s, p.generated(), p.distinct(), p.queue(), p.depth(),
                        s > 0 ? p.distinct() / s : 0.0);
            }

            @Override
            public void note(String line) {
                out.println(prefix + "  " + line);
            }

            @Override
            public void specOutput(String line) {
                out.println(prefix + line);
            }

            @Override
            public void tlcOutput(String line) {
                if (verbose) {
                    out.println(prefix + "  | " + line);
                }
            }
        };
    }

    /** Prints the human summary (and the one-line error for bad input); returns the exit code. */
    static int print(CheckReport r, PrintStream out, PrintStream err) {
        DropInReport.modules(r, out);
        DropInReport.trace(r, out);
        switch (r.verdict()) {
            case CheckReport.BAD_INPUT:
                err.println("tlaconform check: " + relative(r.error()).oneLine());
                return ExitCode.BAD_INPUT;
            case CheckReport.ERROR:
                err.println("tlaconform check: error: " + relative(r.error()).oneLine());
                figures(r, out);
                return ExitCode.INTERNAL;
            case CheckReport.VIOLATION:
                out.println(r.violation().message());
                if (r.error() != null && r.error().file() != null) {
                    out.println("  at " + relative(r.error()).oneLine());
                }
                counterexample(r, out);
                out.println("verdict: VIOLATION (" + describe(r.violation()) + ")");
                figures(r, out);
                return ExitCode.VIOLATION;
            default:
                if (r.distinctStates() == 0) {
                    out.println("warning: no state satisfies the initial predicate: TLC checked nothing");
                }
                out.println("verdict: HOLDS (no invariant, property, assertion or deadlock violated)");
                figures(r, out);
                return ExitCode.OK;
        }
    }

    /** The error with its file shown relative to the current directory where it lies below it. */
    static CheckReport.ErrorInfo relative(CheckReport.ErrorInfo e) {
        if (e.file() == null) {
            return e;
        }
        return new CheckReport.ErrorInfo(display(Path.of(e.file())), e.line(), e.column(), e.message());
    }

    static String describe(CheckReport.Violation v) {
        return v.kind() + (v.name() == null ? "" : " " + v.name());
    }

    private static void counterexample(CheckReport r, PrintStream out) {
        if (r.counterexample().isEmpty()) {
            return;
        }
        int n = r.counterexample().size();
        out.println("Counterexample (" + n + (n == 1 ? " state" : " states") + "):");
        // a trace spec's behaviour is one state per log line: show how it ends (--report has all)
        int skip = r.trace() != null && n > 8 ? n - 4 : 0;
        if (skip > 0) {
            out.println("  ... states 1-" + skip + " left out (the behaviour follows the log; --report FILE.json has every state)");
        }
        for (CheckReport.Step s : r.counterexample().subList(skip, n)) {
            out.println("  " + s.step() + ": " + s.action() + (s.location().isEmpty() ? "" : "  (" + s.location() + ")"));
            s.state().forEach((k, v) -> out.println("       " + k + " = " + v));
            if (s.loopsBackTo() != null) {
                out.println("  ... back to state " + s.loopsBackTo() + " (the behaviour repeats from there)");
            }
        }
    }

    private static void figures(CheckReport r, PrintStream out) {
        out.printf(Locale.ROOT, "states generated: %,d   distinct states: %,d   depth: %d   wall time: %.2f s   "
                + "distinct states/s: %,.0f   (TLC %s, %d worker%s)%n", r.statesGenerated(), r.distinctStates(), r.depth(),
                r.wallTimeSeconds(), r.distinctStatesPerSecond(), r.tlcVersion(), r.workers(), r.workers() == 1 ? "" : "s");
    }

    private static String workersText(CheckOptions o) {
        return o.workers() <= 0 ? "workers: auto (" + o.effectiveWorkers() + ")" : o.workers() + " worker" + (o.workers() == 1 ? "" : "s");
    }

    static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path a = p.toAbsolutePath().normalize();
        return a.startsWith(cwd) ? cwd.relativize(a).toString() : a.toString();
    }

    private static java.util.Map<String, String> environment(CommandLine cl) {
        java.util.Map<String, String> env = new java.util.TreeMap<>();
        if (cl.hasOption("env")) {
            for (String kv : cl.getOptionValues("env")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--env wants NAME=VALUE, got '" + kv + "'");
                }
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }

    private static int workers(String v) {
        if (v.equals("auto")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("--workers wants a positive number or 'auto', got '" + v + "'");
    }

    private static int positive(CommandLine cl, String opt) {
        String v = cl.getOptionValue(opt);
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("--" + opt + " wants a positive number, got '" + v + "'");
    }

    private static void help(PrintStream out, Options opts) {
        java.io.PrintWriter pw = new java.io.PrintWriter(out);
        new HelpFormatter().printHelp(pw, 100, "tlaconform check SPEC.tla [--config MODEL.cfg] [options]\n"
                + "       tlaconform check --all [--root DIR] [--jobs N]",
                "\nModel-checks with TLC 2.18 in a child JVM and reports verdict, figures and counterexample.\n\n",
                opts, 2, 2, "\nExit codes: 0 holds, 1 violation (invariant, property, deadlock, assertion, evaluation "
                + "error), 2 bad input (file:line:col named), 3 internal error or timeout.\n"
                + "CI markers in a .cfg: \\* tlaconform: ci   \\* tlaconform: spec=Other.tla   "
                + "\\* tlaconform: expect=violation[:Name]", false);
        pw.flush();
    }

    /** {@code check --all}: every CI model, a table, exit 0 only if all met their expectation. */
    static final class CheckAll {
        private CheckAll() {}

        static int run(CheckOptions base, Path root, int jobs, Path reportDir, PrintStream out, PrintStream err)
                throws IOException, InterruptedException {
            Optional<Path> specs = CiModels.findSpecsDir(root, Path.of(""));
            if (specs.isEmpty()) {
                throw new UsageException(root != null ? "no specs/ directory in " + root
                        : "no specs/ directory here or above (run it in the repository, or give --root DIR)");
            }
            List<CiModels.Model> models = CiModels.find(specs.get());
            if (models.isEmpty()) {
                throw new UsageException("no model under " + specs.get() + " is marked for CI (a line \\* tlaconform: ci in its .cfg)");
            }
            Path base0 = specs.get().getParent();
            out.println("Checking " + models.size() + " CI model" + (models.size() == 1 ? "" : "s") + " under " + specs.get()
                    + (jobs > 1 ? " (" + jobs + " at a time)" : ""));
            List<CheckReport> reports = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(jobs);
            try {
                List<Future<CheckReport>> futures = new ArrayList<>();
                for (CiModels.Model m : models) {
                    CheckOptions o = new CheckOptions(m.spec(), m.cfg(), base.workers(), base.timeout(), base.progressEvery(),
                            base.distributed(), base.jvmOptions());
                    String label = "[" + base0.relativize(m.cfg()) + "]";
                    futures.add(pool.submit(() -> ModelCheck.run(o, listener(out, label, false))));
                }
                for (Future<CheckReport> f : futures) {
                    reports.add(f.get());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("a check failed unexpectedly", e.getCause());
            } finally {
                pool.shutdownNow();
            }
            out.printf(Locale.ROOT, "%n%-44s %-22s %-10s %-4s %14s %6s %9s%n", "model", "expected", "verdict", "ok",
                    "distinct", "depth", "time (s)");
            int met = 0;
            boolean badInput = false;
            boolean error = false;
            for (int i = 0; i < models.size(); i++) {
                CiModels.Model m = models.get(i);
                CheckReport r = reports.get(i);
                boolean ok = m.met(r);
                met += ok ? 1 : 0;
                badInput |= r.verdict().equals(CheckReport.BAD_INPUT);
                error |= r.verdict().equals(CheckReport.ERROR);
                String verdict = r.verdict() + (r.violation() != null && r.violation().name() != null ? ":" + r.violation().name() : "");
                out.printf(Locale.ROOT, "%-44s %-22s %-10s %-4s %,14d %6d %9.2f%n", base0.relativize(m.cfg()),
                        m.expectation(), verdict, ok ? "yes" : "NO", r.distinctStates(), r.depth(), r.wallTimeSeconds());
                if (!ok && r.error() != null) {
                    err.println("  " + base0.relativize(m.cfg()) + ": " + r.error().oneLine());
                } else if (!ok && r.violation() != null) {
                    err.println("  " + base0.relativize(m.cfg()) + ": " + r.violation().message());
                }
                if (reportDir != null) {
                    Files.createDirectories(reportDir);
                    r.write(reportDir.resolve(m.cfg().getFileName().toString().replaceFirst("\\.cfg$", "") + ".json"));
                }
            }
            out.println();
            out.println(met + " of " + models.size() + " models met their expectation");
            if (met == models.size()) {
                return ExitCode.OK;
            }
            return badInput ? ExitCode.BAD_INPUT : error ? ExitCode.INTERNAL : ExitCode.VIOLATION;
        }
    }
}
