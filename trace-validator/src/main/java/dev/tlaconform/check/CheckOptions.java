package dev.tlaconform.check;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to check and how.
 *
 * @param spec         the root module (.tla)
 * @param config       the model (.cfg); null means SPEC.cfg beside the spec
 * @param workers      TLC worker threads; 0 means "auto" (one per core, as TLC's -workers auto)
 * @param timeout      kill TLC after this long (null: no limit); the verdict is then "error"
 * @param progressEvery how often the child reports progress
 * @param distributed  0 for a local run, else the number of TLCWorker JVMs of a distributed run
 * @param jvmOptions   extra options for the child JVM(s), e.g. -Xmx4g
 * @param lnCheck      TLC's -lncheck: "final" (liveness checked once, at the end) or "default"
 *                     (TLC's periodic checks); null: "final" for a trace spec (one that reads a
 *                     JSON log), TLC's default otherwise
 * @param environment  variables added to the environment TLC runs in (IOUtils!IOEnv reads it), on
 *                     top of this process's own
 */
public record CheckOptions(Path spec, Path config, int workers, Duration timeout, Duration progressEvery,
        int distributed, List<String> jvmOptions, String lnCheck, java.util.Map<String, String> environment) {

    public CheckOptions {
        jvmOptions = List.copyOf(jvmOptions);
        environment = environment == null ? java.util.Map.of() : java.util.Map.copyOf(environment);
        if (progressEvery == null || progressEvery.toSeconds() < 1) {
            progressEvery = Duration.ofSeconds(10);
        }
    }

    public CheckOptions(Path spec, Path config, int workers, Duration timeout, Duration progressEvery,
            int distributed, List<String> jvmOptions) {
        this(spec, config, workers, timeout, progressEvery, distributed, jvmOptions, null, null);
    }

    /** A local check with one worker, progress every 10 s and no time limit. */
    public static CheckOptions of(Path spec, Path config) {
        return new CheckOptions(spec, config, 1, null, Duration.ofSeconds(10), 0, List.of());
    }

    public CheckOptions withWorkers(int n) {
        return new CheckOptions(spec, config, n, timeout, progressEvery, distributed, jvmOptions, lnCheck, environment);
    }

    public CheckOptions withTimeout(Duration t) {
        return new CheckOptions(spec, config, workers, t, progressEvery, distributed, jvmOptions, lnCheck, environment);
    }

    public CheckOptions withProgressEvery(Duration d) {
        return new CheckOptions(spec, config, workers, timeout, d, distributed, jvmOptions, lnCheck, environment);
    }

    public CheckOptions withDistributed(int workerJvms) {
        return new CheckOptions(spec, config, workers, timeout, progressEvery, workerJvms, jvmOptions, lnCheck, environment);
    }

    public CheckOptions withJvmOptions(List<String> opts) {
        return new CheckOptions(spec, config, workers, timeout, progressEvery, distributed, opts, lnCheck, environment);
    }

    public CheckOptions withLnCheck(String mode) {
        return new CheckOptions(spec, config, workers, timeout, progressEvery, distributed, jvmOptions, mode, environment);
    }

    public CheckOptions withEnvironment(java.util.Map<String, String> env) {
        return new CheckOptions(spec, config, workers, timeout, progressEvery, distributed, jvmOptions, lnCheck, env);
    }

    /** The model actually used: the given cfg, or SPEC.cfg beside SPEC.tla. */
    public Path effectiveConfig() {
        if (config != null) {
            return config;
        }
        String name = spec.getFileName().toString();
        String base = name.endsWith(".tla") ? name.substring(0, name.length() - 4) : name;
        Path dir = spec.toAbsolutePath().getParent();
        return dir.resolve(base + ".cfg");
    }

    /** Worker threads as TLC will use them (auto = available processors). */
    public int effectiveWorkers() {
        return workers <= 0 ? Runtime.getRuntime().availableProcessors() : workers;
    }
}
