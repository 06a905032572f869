package dev.tlaconform.impl.cluster;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.sim.SimConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One cluster run's settings, shared by the driver and (as command-line arguments) every node
 * process. The protocol's constants come from the same {@link SimConfig} defaults the simulator
 * uses, so a cluster trace's header has the constants a simulator trace of the same size has
 * (except {@code --max-ballot}: wall-clock retries climb ballots faster, default 200·N).
 *
 * @param timeoutMs the retry timeout handed to the cores (one tick = 1 ms)
 * @param nemesis   fault kinds: kill, pause, partition (empty = none)
 * @param mutant    a cluster-only seeded bug: "volatile-rejoin" (null = none)
 * @param trace     false: the nodes log no events (their segments hold a header and an end line),
 *                  for measuring what tracing costs ({@code bench cluster})
 * @param batch     group commit: at most this many steps share one WAL record and one fsync (1 =
 *                  one fsync per step, the first cluster's behaviour; docs/cluster.md)
 */
public record ClusterConfig(String protocol, int nodes, int values, int maxBallot, int maxSlot, long seed, long timeoutMs,
        boolean fsync, long compactBytes, String mutant, List<String> nemesis, long durationMs, int clients, Path out, boolean trace, int batch) {

    public static final List<String> MUTANTS = List.of("volatile-rejoin");
    public static final List<String> FAULTS = List.of("kill", "pause", "partition");
    /** Steps per WAL record and fsync at most (group commit), unless a run says otherwise. */
    public static final int DEFAULT_BATCH = 256;

    /** The simulator configuration whose protocol constants the nodes use. */
    public SimConfig simConfig() {
        SimConfig.Builder b = SimConfig.builder(protocol).nodes(nodes).seed(seed).maxBallot(maxBallot).deltaTicks(10);
        if (values > 0) b.values(values);
        if (maxSlot > 0) b.maxSlot(maxSlot);
        return b.build();
    }

    public Path portsDir() {
        return out.resolve("data").resolve("ports");
    }

    /** The header's {@code faults} object: what the nemesis may do in this run. */
    public void writeNemesis(JsonOut o) {
        o.beginObject().field("driver", "cluster").name("nemesis").beginArray();
        for (String f : nemesis) o.value(f);
        o.endArray().field("durationMs", durationMs).field("clients", clients).field("fsync", fsync);
        if (!trace) o.field("trace", false);
        if (mutant != null) o.field("mutant", mutant);
        o.endObject();
    }

    /** The node process's arguments (without --id). */
    public List<String> toArgs() {
        List<String> a = new ArrayList<>(List.of("--protocol", protocol, "--nodes", "" + nodes, "--values", "" + values,
                "--max-ballot", "" + maxBallot, "--max-slot", "" + maxSlot, "--seed", "" + seed, "--timeout-ms", "" + timeoutMs,
                "--fsync", "" + fsync, "--compact-bytes", "" + compactBytes, "--nemesis", String.join(",", nemesis),
                "--duration-ms", "" + durationMs, "--clients", "" + clients, "--out", out.toString(), "--trace", "" + trace, "--batch", "" + batch));
        if (mutant != null) a.addAll(List.of("--mutant", mutant));
        return a;
    }

    public static ClusterConfig parse(String[] args) {
        String nem = arg(args, "--nemesis");
        return new ClusterConfig(arg(args, "--protocol"), Integer.parseInt(arg(args, "--nodes")), Integer.parseInt(arg(args, "--values")),
                Integer.parseInt(arg(args, "--max-ballot")), Integer.parseInt(arg(args, "--max-slot")), Long.parseLong(arg(args, "--seed")),
                Long.parseLong(arg(args, "--timeout-ms")), Boolean.parseBoolean(arg(args, "--fsync")),
                Long.parseLong(arg(args, "--compact-bytes")), arg(args, "--mutant"),
                nem == null || nem.isEmpty() ? List.of() : Arrays.asList(nem.split(",")),
                Long.parseLong(arg(args, "--duration-ms")), Integer.parseInt(arg(args, "--clients")), Path.of(arg(args, "--out")),
                !"false".equals(arg(args, "--trace")), arg(args, "--batch") == null ? DEFAULT_BATCH : Integer.parseInt(arg(args, "--batch")));
    }

    static String arg(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        return null;
    }
}
