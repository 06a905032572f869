package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zab traces the simulator writes in-process, under every fault plan and system model, validated
 * against specs/zab (invariants on); simulator traces broken on purpose (a changed zxid, a dropped
 * event, two causally ordered events swapped, an ACK before the log write) rejected at the right
 * line with a diagnosis naming the variable or the channel, by both engines.
 * {@code -Dzab.seeds=K} widens the sweep (default 2 seeds per plan and model).
 */
class ZabTracesConformTest extends TracesFixture {
    static final int SEEDS = Integer.getInteger("zab.seeds", 2);

    static Path simulate(Path dir, String plan, SystemModel model, long seed, int nodes, String mutant) throws Exception {
        SimConfig cfg = SimConfig.builder("zab").seed(seed).nodes(nodes).faults(FaultPlan.parse(plan)).model(model)
                .mutant(mutant).untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
        Path out = dir.resolve("zab-" + plan + "-" + model.label() + "-" + seed + "-" + nodes + ".ndjson");
        SimResult r = run(cfg, out);
        if (mutant == null) {
            assertTrue(r.ok(), r.summary() + "\n" + cfg.replayCommand());
        }
        return out;
    }

    @Test
    void everyZabTraceUnderEveryFaultPlanAndSystemModelIsAccepted(@TempDir Path dir) throws Exception {
        Sweep s = sweep(SEEDS, (model, plan, seed) -> simulate(dir, plan, model, seed, seed % 2 == 0 && plan.equals("all") ? 5 : 3, null));
        assertTrue(s.events() > 30L * s.traces(), "runs do something: " + s.events() + " events in " + s.traces() + " traces");
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
        Trace trace = Trace.read(t);
        JsonNode header = trace.header();
        List<ObjectNode> ev = trace.events();

        // a changed zxid: the first PROPOSE a follower logs is not the one its leader sent
        List<ObjectNode> b = deepCopy(ev);
        int i = first(b, "FollowerProcessPROPOSE");
        bump((ArrayNode) b.get(i).at("/msg/zxid"));
        ArrayNode h = (ArrayNode) b.get(i).at("/state/history/at"); // the delta: the appended txn
        bump((ArrayNode) h.get(h.size() - 1).get(1).get("zxid"));
        check(write(dir.resolve("zxid.ndjson"), header, b), i + 2, "HeadOf", true);

        // a changed state: the first ACK the leader handles logs a commit it cannot make yet
        b = deepCopy(ev);
        i = first(b, "LeaderProcessACK");
        ((ObjectNode) b.get(i).get("state")).put("lastCommitted", b.get(i).at("/state/lastCommitted").asInt() + 1);
        check(write(dir.resolve("commit.ndjson"), header, b), i + 2, "lastCommitted", false);

        // a dropped event: without the leader's first FOLLOWERINFO step no NEWEPOCH was sent
        b = deepCopy(ev);
        i = first(b, "LeaderProcessFOLLOWERINFO");
        b.remove(i);
        check(write(dir.resolve("dropped.ndjson"), header, b),
                first(b, "FollowerProcessNEWEPOCH") + 2, "HeadOf", true);

        // two causally ordered events swapped: a follower logs a PROPOSE before its leader proposed
        b = deepCopy(ev);
        i = first(b, "LeaderProcessRequest");
        int j = first(b, "FollowerProcessPROPOSE");
        ObjectNode tmp = b.get(i);
        b.set(i, b.get(j));
        b.set(j, tmp);
        check(write(dir.resolve("swapped.ndjson"), header, b), i + 2, "HeadOf", true);

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

}
