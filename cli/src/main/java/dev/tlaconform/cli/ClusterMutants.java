package dev.tlaconform.cli;

import dev.tlaconform.impl.cluster.ClusterConfig;
import dev.tlaconform.impl.cluster.ClusterRun;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.CausalTraces;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code tlaconform mutants --driver cluster}: each cluster-only seeded bug in real node processes
 * under {@code --nemesis kill}, then the run's per-node traces validated by causal order. Exit 0
 * when validation (or the client-side check) caught every one, 1 otherwise.
 */
final class ClusterMutants {
    private ClusterMutants() {}

    static final String DESCRIPTION = "a restarted node ignores its write-ahead log and rejoins with its initial state";

    static int run(List<String> protocols, long seed, Path out, boolean list, PrintStream o) throws Exception {
        if (list) {
            for (String p : protocols) {
                for (String m : ClusterConfig.MUTANTS) o.printf(Locale.ROOT, "%-11s %-30s %s%n", p, m, DESCRIPTION);
            }
            return ExitCode.OK;
        }
        Files.createDirectories(out);
        int missed = 0;
        try (Validator v = new Validator()) {
            for (String p : protocols) {
                for (String m : ClusterConfig.MUTANTS) {
                    Path dir = out.resolve(p + "-" + m);
                    if (Files.exists(dir)) throw new UsageException(dir + ": exists; give a new --out");
                    ClusterConfig cfg = config(p, m, seed, dir);
                    ByteArrayOutputStream log = new ByteArrayOutputStream();
                    ClusterRun.Result r = new ClusterRun(cfg, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
                    Files.write(dir.resolve("cluster.txt"), log.toByteArray());
                    String how;
                    try {
                        ValidationResult vr = CausalTraces.validate(v, dir, null, Validator.DEFAULT_MAX_CANDIDATES, true);
                        how = vr.accepted() ? null : "trace validation: " + vr.file() + ":" + vr.failure().line() + " (" + vr.failure().action() + ")";
                    } catch (BadTraceException | CandidateLimitException e) {
                        how = null;
                        o.println("  " + p + " " + m + ": not decided: " + e.getMessage());
                    }
                    if (how == null && !r.ok()) how = "client-side check: " + r.problems().get(0);
                    if (how == null) missed++;
                    o.printf(Locale.ROOT, "%-11s %-16s %s (%d faults)%n", p, m, how == null ? "NOT DETECTED" : "detected by " + how, r.faults());
                }
            }
        }
        o.printf("%d of %d cluster mutants detected%n", protocols.size() * ClusterConfig.MUTANTS.size() - missed,
                protocols.size() * ClusterConfig.MUTANTS.size());
        return missed == 0 ? ExitCode.OK : ExitCode.VIOLATION;
    }

    /** 10 s under kill -9 (PBFT with 10 requests, so replicas act again after their restart). */
    static ClusterConfig config(String p, String mutant, long seed, Path dir) {
        int nodes = p.equals("pbft") ? 4 : 3;
        int values = p.equals("pbft") ? 10 : p.equals("paxos") ? -1 : 12;
        return new ClusterConfig(p, nodes, values, 200 * nodes, -1, seed, 150, true, 1 << 20, mutant, List.of("kill"), 10_000, 2,
                dir.toAbsolutePath(), true, ClusterConfig.DEFAULT_BATCH);
    }
}
