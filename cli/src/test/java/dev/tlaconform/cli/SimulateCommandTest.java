package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.sim.FaultPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlaconform simulate} as a new user meets it: help, runs, traces, refusals, exit codes. */
class SimulateCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryFaultPlanAndModel() {
        Run r = run("simulate", "--help");
        assertEquals(0, r.code());
        for (String plan : FaultPlan.NAMES) {
            assertTrue(r.out().contains(plan), plan);
        }
        assertTrue(r.out().contains("sync") && r.out().contains("async") && r.out().contains("partial"));
        assertTrue(Main.run(new String[] {"--help"}, new PrintStream(new ByteArrayOutputStream()), System.err) == 0);
    }

    @Test
    void everyProtocolUnderEveryPlanAndModelWritesAReproducibleTrace() throws Exception {
        for (String protocol : List.of("paxos", "multipaxos")) {
            for (String plan : FaultPlan.NAMES) {
                for (String model : List.of("sync", "async", "partial")) {
                    Path a = tmp.resolve(protocol + plan + model + "-a.ndjson");
                    Path b = tmp.resolve(protocol + plan + model + "-b.ndjson");
                    Run r1 = run("simulate", "--protocol", protocol, "--seed", "42", "--faults", plan, "--model", model,
                            "--until-decided", "--out", a.toString());
                    Run r2 = run("simulate", "--protocol", protocol, "--seed", "42", "--faults", plan, "--model", model,
                            "--until-decided", "--out", b.toString());
                    assertEquals(0, r1.code(), r1.out() + r1.err());
                    assertTrue(r1.out().startsWith(protocol + " seed=42 nodes=3 model=" + model + " faults=" + plan), r1.out());
                    assertTrue(r1.out().contains(" events, ") && r1.out().contains(" messages"), r1.out());
                    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "byte-identical traces");
                    List<String> lines = Files.readAllLines(a);
                    assertTrue(lines.get(0).startsWith("{\"kind\":\"header\",\"schema\":1,\"protocol\":\"" + protocol + "\""));
                    assertEquals("{\"kind\":\"end\",\"events\":" + (lines.size() - 2) + "}", lines.get(lines.size() - 1));
                }
            }
        }
    }

    @Test
    void stepsStopsAtTheBound() {
        Run r = run("simulate", "--seed", "3", "--steps", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" 5 steps,"), r.out());
    }

    @Test
    void refusesConfigurationsOutsideTheFaultBound() {
        Run r = run("simulate", "--nodes", "3", "--f", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("2f+1") && r.err().contains("--unsafe-config"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        Run ok = run("simulate", "--nodes", "3", "--f", "2", "--faults", "crash", "--seed", "4", "--unsafe-config");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"simulate", "--protocol", "raft"},
                new String[] {"simulate", "--faults", "lightning"}, new String[] {"simulate", "--model", "eventual"},
                new String[] {"simulate", "--seed", "x"}, new String[] {"simulate", "--steps", "5", "--until-decided"},
                new String[] {"simulate", "--nodes", "0"}, new String[] {"simulate", "--bogus"},
                new String[] {"simulate", "--out", "/proc/nope/t.ndjson"})) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void aLivenessFailurePrintsSeedAndReplayCommand() {
        // MaxBallot 0 leaves only node 1 a ballot: when node 1 crashes for good nothing can be decided.
        Run r = null;
        for (int seed = 1; seed <= 40; seed++) {
            r = run("simulate", "--seed", Integer.toString(seed), "--faults", "crash", "--max-ballot", "0");
            if (r.code() == 1) {
                break;
            }
        }
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("liveness"), r.err());
        assertTrue(r.err().contains("seed="), r.err());
        assertTrue(r.err().contains("replay: tlaconform simulate --protocol paxos --seed"), r.err());
    }

    @Test
    void aSweepRunsEverySeedAndWritesTheFirstFailingTrace() throws Exception {
        Run ok = run("simulate", "--protocol", "multipaxos", "--faults", "all", "--seeds", "1..30");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith("multipaxos seeds 1..30 model=partial faults=all nodes=3: 30 runs, 30 decided,"), ok.out());
        Path first = tmp.resolve("first-failure.ndjson");
        Run bad = run("simulate", "--faults", "crash", "--max-ballot", "0", "--seeds", "1..40", "--out", first.toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.err().contains("FAILED seed=") && bad.err().contains("replay: tlaconform simulate"), bad.err());
        assertTrue(Files.readAllLines(first).get(0).startsWith("{\"kind\":\"header\""));
        assertEquals(2, run("simulate", "--seeds", "9..x").code());
    }

    @Test
    void benchNeedsATarget() {
        Run r = run("bench");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bench simulate"), r.err());
        Run tiny = run("bench", "simulate", "--protocol", "paxos", "--runs", "1", "--steps", "2000");
        assertEquals(0, tiny.code(), tiny.err());
        assertTrue(tiny.out().contains("paxos") && tiny.out().contains("file"), tiny.out());
    }

    @Test
    void benchValidateMeasuresSimulatedTracesAndWritesJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path report = dir.resolve("bench.json");
        Run r = run("bench", "validate", "--protocol", "paxos", "--seeds", "1..2", "--rounds", "2", "--warmup", "0",
                "--round-events", "1", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("verdicts {ACCEPTED=2}") && r.out().contains("events per thread-CPU-second"), r.out());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
        assertEquals(2, j.get("traces").asInt());
        assertTrue(j.get("medianEventsPerSecondWall").asLong() > 0, j.toString());
        assertEquals(2, run("bench", "validate", dir.resolve("missing.ndjson").toString()).code());
    }
}
