package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast Paxos traces the simulator writes in-process, under every fault plan and system model,
 * validated against specs/fastpaxos (invariants on), with every spec action seen, collision
 * recovery included; simulator traces broken on purpose (a fast vote for another value, a
 * recovery taking the value no fast quorum can have chosen, a dropped StartFast, a fast vote
 * before its Any) rejected at the right line, by both engines. {@code -Dfastpaxos.seeds=K}
 * widens the sweep (default 2 seeds per plan and model).
 */
class FastPaxosTracesConformTest {
    static final int SEEDS = Integer.getInteger("fastpaxos.seeds", 2);
    /** A sync run with no faults whose proposals collide and are recovered (found by a seed search). */
    static final long RECOVERY_SEED = 16;
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of(".."));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    static Path simulate(Path dir, String plan, SystemModel model, long seed) throws Exception {
        SimConfig cfg = SimConfig.builder("fastpaxos").seed(seed).faults(FaultPlan.parse(plan)).model(model)
                .untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
        Path out = dir.resolve("fastpaxos-" + plan + "-" + model.label() + "-" + seed + ".ndjson");
        SimResult r;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            r = Simulation.run(cfg, os);
        }
        assertTrue(r.ok(), r.summary() + "\n" + cfg.replayCommand());
        return out;
    }

    @Test
    void everyFastPaxosTraceUnderEveryFaultPlanAndSystemModelIsAccepted(@TempDir Path dir) throws Exception {
        TreeMap<String, Long> actions = new TreeMap<>();
        int n = 0;
        for (SystemModel model : SystemModel.values()) {
            for (String plan : FaultPlan.NAMES) {
                for (long seed = 1; seed <= SEEDS; seed++) {
                    Path t = simulate(dir, plan, model, seed);
                    ValidationResult r = validator.validate(t, null, Validator.DEFAULT_MAX_CANDIDATES, true);
                    assertTrue(r.accepted(), r.render());
                    r.actionCounts().forEach((a, c) -> actions.merge(a, c, Long::sum));
                    Files.delete(t);
                    n++;
                }
            }
        }
        Path t = simulate(dir, "none", SystemModel.SYNC, RECOVERY_SEED);
        ValidationResult r = validator.validate(t, null, Validator.DEFAULT_MAX_CANDIDATES, true);
        assertTrue(r.accepted(), r.render());
        r.actionCounts().forEach((a, c) -> actions.merge(a, c, Long::sum));
        assertEquals(SystemModel.values().length * FaultPlan.NAMES.size() * SEEDS, n);
        assertEquals(List.of("ClientRequest", "FastVote", "HandleAny", "HandlePromise", "Learn", "Phase1a", "Phase1b",
                "Phase2a", "Phase2b", "Recover", "Restart", "StartFast"), List.copyOf(actions.keySet()),
                "every spec action seen: " + actions);
    }

    @Test
    void theReferenceEngineAcceptsFastPaxosTraces(@TempDir Path dir) throws Exception {
        for (Path t : List.of(simulate(dir, "all", SystemModel.PARTIAL, 1), simulate(dir, "none", SystemModel.SYNC,
                RECOVERY_SEED))) {
            ValidationResult r = new TlcReferenceEngine("512m").validate(t, null, Path.of(".."));
            assertTrue(r.accepted(), r.render());
        }
    }

    @Test
    void brokenFastPaxosTracesAreRejectedAtTheRightLineByBothEngines(@TempDir Path dir) throws Exception {
        Path t = simulate(dir, "none", SystemModel.SYNC, RECOVERY_SEED);
        List<String> lines = Files.readAllLines(t);
        JsonNode header = SimulatedTracesConformTest.JSON.readTree(lines.get(0));
        List<ObjectNode> ev = new ArrayList<>();
        for (String l : lines.subList(1, lines.size() - 1)) {
            ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(l));
        }

        // a fast vote logged for another value than the proposal it names
        List<ObjectNode> b = SimulatedTracesConformTest.deepCopy(ev);
        int i = SimulatedTracesConformTest.first(b, "FastVote");
        String val = b.get(i).at("/state/maxVal").asText();
        ((ObjectNode) b.get(i).get("state")).put("maxVal", val.equals("v1") ? "v2" : "v1");
        check(SimulatedTracesConformTest.write(dir.resolve("vote.ndjson"), header, b), i + 2, "maxVal", false);

        // a recovery that sends another value than the picking rule allows
        b = SimulatedTracesConformTest.deepCopy(ev);
        i = SimulatedTracesConformTest.first(b, "Recover");
        String rv = b.get(i).at("/msg/val").asText();
        String other = "v1".equals(rv) ? "v2" : "v1";
        ((ObjectNode) b.get(i).get("msg")).put("val", other);
        check(SimulatedTracesConformTest.write(dir.resolve("recover.ndjson"), header, b), i + 2, "PickOK", true);

        // a dropped event: without StartFast no Any was sent, so no acceptor can join the fast ballot
        b = SimulatedTracesConformTest.deepCopy(ev);
        i = SimulatedTracesConformTest.first(b, "StartFast");
        b.remove(i);
        check(SimulatedTracesConformTest.write(dir.resolve("dropped.ndjson"), header, b),
                SimulatedTracesConformTest.first(b, "HandleAny") + 2, "msgs", true);

        // two causally ordered events swapped: an acceptor's fast vote logged before it joined the ballot
        b = SimulatedTracesConformTest.deepCopy(ev);
        int v = SimulatedTracesConformTest.first(b, "FastVote");
        int node = b.get(v).path("node").asInt();
        int a = -1;
        for (int k = 0; k < v; k++) {
            if (b.get(k).path("action").asText().equals("HandleAny") && b.get(k).path("node").asInt() == node) {
                a = k;
            }
        }
        assertTrue(a >= 0, "the voter joined the fast ballot first");
        ObjectNode tmp = b.get(a);
        b.set(a, b.get(v));
        b.set(v, tmp);
        check(SimulatedTracesConformTest.write(dir.resolve("swapped.ndjson"), header, b), a + 2, "FastVote", true);
    }

    private static void check(Path trace, long line, String names, boolean alsoTlc) throws Exception {
        SimulatedTracesConformTest.rejectedAt(validator, trace, line, names, alsoTlc);
    }
}
