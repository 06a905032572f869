package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zab traces the simulator writes in-process, under every fault plan and system model, validated
 * against specs/zab (invariants on); simulator traces broken on purpose (a changed zxid, a dropped
 * event, two causally ordered events swapped, an ACK before the log write) rejected at the right
 * line with a diagnosis naming the variable or the channel, by both engines.
 * {@code -Dzab.seeds=K} widens the sweep (default 2 seeds per plan and model).
 */
class ZabTracesConformTest {
    static final int SEEDS = Integer.getInteger("zab.seeds", 2);
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of(".."));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    static Path simulate(Path dir, String plan, SystemModel model, long seed, int nodes, String mutant) throws Exception {
        SimConfig cfg = SimConfig.builder("zab").seed(seed).nodes(nodes).faults(FaultPlan.parse(plan)).model(model)
                .mutant(mutant).untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
        Path out = dir.resolve("zab-" + plan + "-" + model.label() + "-" + seed + "-" + nodes + ".ndjson");
        SimResult r;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            r = Simulation.run(cfg, os);
        }
        if (mutant == null) {
            assertTrue(r.ok(), r.summary() + "\n" + cfg.replayCommand());
        }
        return out;
    }

    @Test
    void everyZabTraceUnderEveryFaultPlanAndSystemModelIsAccepted(@TempDir Path dir) throws Exception {
        int n = 0;
        long events = 0;
        for (SystemModel model : SystemModel.values()) {
            for (String plan : FaultPlan.NAMES) {
                for (long seed = 1; seed <= SEEDS; seed++) {
                    Path t = simulate(dir, plan, model, seed, seed % 2 == 0 && plan.equals("all") ? 5 : 3, null);
                    ValidationResult r = validator.validate(t, null, Validator.DEFAULT_MAX_CANDIDATES, true);
                    assertTrue(r.accepted(), r.render());
                    events += r.events();
                    Files.delete(t);
                    n++;
                }
            }
        }
        assertEquals(SystemModel.values().length * FaultPlan.NAMES.size() * SEEDS, n);
        assertTrue(events > 30L * n, "runs do something: " + events + " events in " + n + " traces");
    }

    @Test
    void theReferenceEngineAcceptsZabTracesWithFaults(@TempDir Path dir) throws Exception {
        for (String plan : List.of("restart", "all")) {
            Path t = simulate(dir, plan, SystemModel.PARTIAL, 1, 3, null);
            ValidationResult r = new TlcReferenceEngine("512m").validate(t, null, Path.of(".."));
            assertTrue(r.accepted(), r.render());
        }
    }

    @Test
    void brokenZabTracesAreRejectedAtTheRightLineByBothEngines(@TempDir Path dir) throws Exception {
        Path t = simulate(dir, "none", SystemModel.SYNC, 1, 3, null);
        List<String> lines = Files.readAllLines(t);
        JsonNode header = SimulatedTracesConformTest.JSON.readTree(lines.get(0));
        List<ObjectNode> ev = new ArrayList<>();
        for (String l : lines.subList(1, lines.size() - 1)) {
            ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(l));
        }

        // a changed zxid: the first PROPOSE a follower logs is not the one its leader sent
        List<ObjectNode> b = copy(ev);
        int i = SimulatedTracesConformTest.first(b, "FollowerProcessPROPOSE");
        bump((ArrayNode) b.get(i).at("/msg/zxid"));
        ArrayNode h = (ArrayNode) b.get(i).at("/state/history/at"); // the delta: the appended txn
        bump((ArrayNode) h.get(h.size() - 1).get(1).get("zxid"));
        check(SimulatedTracesConformTest.write(dir.resolve("zxid.ndjson"), header, b), i + 2, "HeadOf", true);

        // a changed state: the first ACK the leader handles logs a commit it cannot make yet
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "LeaderProcessACK");
        ((ObjectNode) b.get(i).get("state")).put("lastCommitted", b.get(i).at("/state/lastCommitted").asInt() + 1);
        check(SimulatedTracesConformTest.write(dir.resolve("commit.ndjson"), header, b), i + 2, "lastCommitted", false);

        // a dropped event: without the leader's first FOLLOWERINFO step no NEWEPOCH was sent
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "LeaderProcessFOLLOWERINFO");
        b.remove(i);
        check(SimulatedTracesConformTest.write(dir.resolve("dropped.ndjson"), header, b),
                SimulatedTracesConformTest.first(b, "FollowerProcessNEWEPOCH") + 2, "HeadOf", true);

        // two causally ordered events swapped: a follower logs a PROPOSE before its leader proposed
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "LeaderProcessRequest");
        int j = SimulatedTracesConformTest.first(b, "FollowerProcessPROPOSE");
        ObjectNode tmp = b.get(i);
        b.set(i, b.get(j));
        b.set(j, tmp);
        check(SimulatedTracesConformTest.write(dir.resolve("swapped.ndjson"), header, b), i + 2, "HeadOf", true);

        // an ACK before the log write (mutant ack-before-log): the PROPOSE step's history lacks the txn
        Path ack = simulate(dir, "none", SystemModel.SYNC, 1, 3, "ack-before-log");
        List<String> al = Files.readAllLines(ack);
        int line = 0;
        for (int k = 1; k < al.size() && line == 0; k++) {
            if (al.get(k).contains("\"action\":\"FollowerProcessPROPOSE\"")) {
                line = k + 1;
            }
        }
        check(ack, line, "history", true);
    }

    private static void bump(ArrayNode zxid) {
        zxid.set(1, zxid.get(1).asInt() + 1);
    }

    private static void check(Path trace, long line, String names, boolean alsoTlc) throws Exception {
        SimulatedTracesConformTest.rejectedAt(validator, trace, line, names, alsoTlc);
    }

    private static List<ObjectNode> copy(List<ObjectNode> es) {
        return SimulatedTracesConformTest.deepCopy(es);
    }
}
