package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlaconform.cli.BenchCluster.Row;
import dev.tlaconform.cli.BenchCluster.Sample;
import dev.tlaconform.cli.SimulateCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench cluster}: its options (bad ones are one line and exit 2), its medians, ratios to
 * ZooKeeper and tracing cost on given samples (both sides of each target), and one short run of
 * our Multi-Paxos cluster traced and untraced end to end (no figure asserted: a benchmark's numbers
 * are not a test's business), which leaves no node process behind. ZooKeeper end to end when the
 * bench-zookeeper module is built (as in a full reactor build), skipped with the reason otherwise.
 */
class BenchClusterTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Sample s(String system, Boolean trace, int clients, int round, long writes, double p50) {
        return new Sample(system, trace, clients, round, writes, 1.0, p50, 2 * p50, false);
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() {
        for (String[] bad : List.of(new String[] {"--systems", "etcd"}, new String[] {"--clients", "0"}, new String[] {"--trace", "maybe"},
                new String[] {"--rounds", "x"}, new String[] {"--systems", "zookeeper", "--zookeeper", tmp.resolve("nothing").toString()})) {
            List<String> args = new ArrayList<>(List.of("bench", "cluster"));
            args.addAll(List.of(bad));
            Run r = SimulateCommandTest.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        Run missing = SimulateCommandTest.run("bench", "cluster", "--systems", "zookeeper", "--zookeeper", tmp.resolve("nothing").toString());
        assertTrue(missing.err().contains("bench-zookeeper") && missing.err().contains(tmp.resolve("nothing").toString()), missing.err());
        Run help = SimulateCommandTest.run("bench", "cluster", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--systems") && help.out().contains("--batch"), help.out());
    }

    @Test
    void mediansRatiosAndTracingCostGoBothWays() throws Exception {
        List<Sample> samples = List.of(
                s("zookeeper", null, 16, 1, 1000, 10), s("zookeeper", null, 16, 2, 3000, 30), s("zookeeper", null, 16, 3, 2000, 20),
                s("multipaxos", true, 16, 1, 900, 5), s("multipaxos", true, 16, 2, 1100, 7), s("multipaxos", true, 16, 3, 1000, 6),
                s("multipaxos", false, 16, 1, 1250, 4), s("multipaxos", false, 16, 2, 1250, 4), s("multipaxos", false, 16, 3, 1250, 4),
                s("zab", true, 16, 1, 500, 9), s("zab", false, 16, 1, 550, 8));
        List<Row> rows = BenchCluster.medians(samples);
        assertEquals(5, rows.size());
        Row zk = BenchCluster.zk(rows, 16);
        assertNotNull(zk);
        assertEquals(2000, zk.writesPerSecond(), 1e-9);
        assertEquals(20, zk.p50Ms(), 1e-9);
        assertEquals(3, zk.rounds());
        assertEquals(0.2, BenchCluster.tracingCost(rows, "multipaxos", 16), 1e-9); // 1000 traced vs 1250: at the 20 % line, not under it
        assertEquals(1 - 500.0 / 550, BenchCluster.tracingCost(rows, "zab", 16), 1e-9); // 9 %: under it
        assertTrue(Double.isNaN(BenchCluster.tracingCost(rows, "multipaxos", 1)));
        assertEquals(6.5, BenchCluster.median(new double[] {7, 6}), 1e-9);
        assertTrue(Double.isNaN(BenchCluster.pct(new long[0], 0.5)));
        assertEquals(99.0, BenchCluster.pct(java.util.stream.LongStream.rangeClosed(1, 100).map(x -> x * 1_000_000).toArray(), 0.99), 1e-9);
        String table = BenchCluster.table(rows, 3);
        assertTrue(table.contains("0.50x"), table); // multipaxos traced: 1000 / 2000, at the target
        assertTrue(table.contains("0.25x"), table); // zab traced: 500 / 2000, below it
        assertTrue(table.contains("20.0 %") && table.contains("9.1 %"), table);
        assertTrue(table.indexOf("zookeeper") < table.indexOf("multipaxos traced"), table);
        BenchCluster.Plan plan = new BenchCluster.Plan(List.of("zookeeper", "multipaxos", "zab"), List.of(16), List.of(true, false), 3, 2000, 5000,
                20000, 256, tmp, false, tmp.resolve("r.json"), null, 0);
        List<BenchCluster.ValidationSample> vs = List.of(new BenchCluster.ValidationSample("zab", 50, 1, 900, 600, 1000, 1000, 5),
                new BenchCluster.ValidationSample("zab", 50, 2, 900, 400, 1000, 1000, 5), new BenchCluster.ValidationSample("zab", 50, 3, 900, 800, 1000, 2000, 5));
        String vt = BenchCluster.validationTable(vs);
        assertTrue(vt.contains("merged per-node traces 600 events/s, one file 1000 events/s, ratio 0.60"), vt);
        JsonNode j = JSON.readTree(BenchCluster.json(plan, samples, rows, vs, new double[] {1, 2, 3}, new double[] {4, 5, 6}));
        assertEquals(3, j.path("validation").size());
        assertEquals(0.4, j.path("validation").get(1).path("ratio").asDouble(), 1e-9);
        assertEquals(11, j.path("samples").size());
        JsonNode mp = j.path("results").get(1);
        assertEquals("multipaxos", mp.path("system").asText());
        assertEquals(0.5, mp.path("vsZookeeper").asDouble(), 1e-9);
        assertEquals(0.2, mp.path("tracingCost").asDouble(), 1e-9);
        assertFalse(j.path("results").get(0).has("vsZookeeper"));
        assertEquals(3, j.path("loadAverageAfter").size());
    }

    @Test
    void ourClusterTracedAndUntracedEndToEnd() throws Exception {
        Path dir = tmp.resolve("runs");
        Path report = tmp.resolve("bench.json");
        Run r = SimulateCommandTest.run("bench", "cluster", "--systems", "multipaxos", "--clients", "2", "--trace", "on,off", "--rounds", "1",
                "--warmup", "1s", "--measure", "1s", "--values", "3000", "--dir", dir.toString(), "--json", report.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("multipaxos traced") && r.out().contains("multipaxos untraced"), r.out());
        JsonNode j = JSON.readTree(Files.readString(report));
        assertEquals(2, j.path("results").size());
        assertEquals(2, j.path("samples").size());
        for (JsonNode s : j.path("samples")) assertTrue(s.path("writes").asLong() >= 0 && s.path("seconds").asDouble() == 1.0, s.toString());
        // tracing on: the nodes logged events; off: their segments hold a header and an end line only
        Path traced = dir.resolve("multipaxos-traced-c2-r1");
        Path untraced = dir.resolve("multipaxos-untraced-c2-r1");
        for (int k = 1; k <= 3; k++) {
            List<String> on = Files.readAllLines(traced.resolve("n" + k + ".s0.ndjson"));
            assertTrue(on.size() > 2 && on.get(1).contains("\"kind\":\"event\""), "traced n" + k + ": " + on.size() + " lines");
            List<String> off = Files.readAllLines(untraced.resolve("n" + k + ".s0.ndjson"));
            assertEquals(2, off.size(), "untraced n" + k + ": " + off);
            assertTrue(off.get(0).contains("\"trace\":false") && off.get(1).contains("\"kind\":\"end\""), off.toString());
        }
        assertTrue(noProcessMentions(dir), "a node process of the bench outlived it");
    }

    @Test
    void validationOfAClusterRunAgainstOneSimulatorFile() throws Exception {
        Path report = tmp.resolve("val.json");
        Run r = SimulateCommandTest.run("bench", "cluster", "--systems", "zab", "--clients", "1", "--trace", "on", "--rounds", "1",
                "--warmup", "0s", "--measure", "1s", "--values", "500", "--validation", "4", "--json", report.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("validation zab        4 commands: merged per-node traces"), r.out());
        JsonNode v = JSON.readTree(Files.readString(report)).path("validation").get(0);
        // both runs were accepted (a rejection is an error, not a figure) and both logged events
        assertTrue(v.path("mergedEvents").asLong() > 0 && v.path("singleFileEvents").asLong() > 0, v.toString());
        assertTrue(v.path("ratio").asDouble() > 0, v.toString());
    }

    @Test
    void zookeeperEnsembleEndToEndWhenBuilt() throws Exception {
        Path target = Path.of("..", "bench-zookeeper", "target").toAbsolutePath().normalize();
        assumeTrue(ZkEnsemble.classPath(target) != null, "bench-zookeeper is not built (" + target + "): mvn -pl bench-zookeeper package");
        Path dir = tmp.resolve("zk");
        Path report = tmp.resolve("zk.json");
        Run r = SimulateCommandTest.run("bench", "cluster", "--systems", "zookeeper", "--clients", "2", "--rounds", "1", "--warmup", "0s",
                "--measure", "1s", "--zookeeper", target.toString(), "--dir", dir.toString(), "--json", report.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode s = JSON.readTree(Files.readString(report)).path("samples").get(0);
        assertEquals("zookeeper", s.path("system").asText());
        assertTrue(s.path("writes").asLong() >= 0, s.toString());
        for (int k = 1; k <= 3; k++) {
            String cfg = Files.readString(dir.resolve("zookeeper-r1").resolve("zk" + k).resolve("zoo.cfg"));
            assertTrue(cfg.contains("forceSync=yes") && cfg.contains("clientPortAddress=127.0.0.1") && cfg.contains("server.3=127.0.0.1:"), cfg);
        }
        assertTrue(noProcessMentions(dir), "a ZooKeeper process outlived the bench");
    }

    /** No live process's command line names {@code dir} (the nodes and servers all take paths under it). */
    private static boolean noProcessMentions(Path dir) {
        String d = dir.toString();
        return ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().map(c -> c.contains(d)).orElse(false));
    }
}
