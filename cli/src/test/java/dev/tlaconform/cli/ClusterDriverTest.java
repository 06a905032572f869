package dev.tlaconform.cli;

import dev.tlaconform.cli.SimulateCommandTest.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The conformance scenarios over the real cluster, through {@code tlaconform cluster}: three node
 * JVMs over TCP on 127.0.0.1, seed 1, a short duration, the nemesis chosen per scenario (none; kill
 * -9 then restart; partitions symmetric and one-way, then heal); the seeded bug is the cluster's
 * {@code volatile-rejoin} (a restarted node ignores its write-ahead log). The traces are the run
 * directory's per-node segments, validated together by causal order. About 85 s for the eight runs
 * (each a few seconds of workload plus JVM start and the wait after the heal).
 */
class ClusterDriverTest extends ConformanceScenarios {
    static final Driver CLUSTER = (protocol, scenario, dir) -> {
        Path out = dir.resolve(protocol + "-" + scenario);
        List<String> args = new ArrayList<>(List.of("cluster", "--protocol", protocol, "--seed", "1", "--out", out.toString()));
        switch (scenario) {
            case NO_FAULTS -> args.addAll(List.of("--nemesis", "none", "--duration", "3s"));
            // 8 s: a node restarted late in a 6 s run may not have logged its Restart when the run ends
            // (a new JVM, then Zab's node stays silent for the message lifetime before it logs Restart)
            case CRASH_RESTART -> args.addAll(List.of("--nemesis", "kill", "--duration", "8s"));
            case PARTITION_HEAL -> args.addAll(List.of("--nemesis", "partition", "--duration", "6s"));
            // as ClusterCommandTest: 8 s so that a kill comes after the node made its state durable
            case FORGETFUL_RESTART -> args.addAll(List.of("--nemesis", "kill", "--duration", "8s", "--mutant", "volatile-rejoin"));
        }
        Run r = SimulateCommandTest.run(args.toArray(String[]::new));
        String fault = scenario == Scenario.PARTITION_HEAL ? "partition" : "nemesis: restart node";
        int faults = 0;
        for (String l : r.out().split("\n")) if (l.contains("nemesis: ") && l.contains(fault)) faults++;
        return new Outcome(r.code(), r.out() + r.err(), out, out.resolve("history.ndjson"), faults);
    };

    @Override
    protected Driver driver() {
        return CLUSTER;
    }
}
