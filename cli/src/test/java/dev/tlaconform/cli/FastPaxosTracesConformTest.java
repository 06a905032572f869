package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
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
class FastPaxosTracesConformTest extends TracesFixture {
    static final int SEEDS = Integer.getInteger("fastpaxos.seeds", 2);
    /** A sync run with no faults whose proposals collide and are recovered (found by a seed search). */
    static final long RECOVERY_SEED = 16;

    static Path simulate(Path dir, String plan, SystemModel model, long seed) throws Exception {
        SimConfig cfg = SimConfig.builder("fastpaxos").seed(seed).faults(FaultPlan.parse(plan)).model(model)
                .untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
        Path out = dir.resolve("fastpaxos-" + plan + "-" + model.label() + "-" + seed + ".ndjson");
        return simulate(cfg, out);
    }

    @Test
    void everyFastPaxosTraceUnderEveryFaultPlanAndSystemModelIsAccepted(@TempDir Path dir) throws Exception {
        TreeMap<String, Long> actions = sweep(SEEDS, (model, plan, seed) -> simulate(dir, plan, model, seed)).actions();
        Path t = simulate(dir, "none", SystemModel.SYNC, RECOVERY_SEED);
        ValidationResult r = validator.validate(t, null, Validator.DEFAULT_MAX_CANDIDATES, true);
        assertTrue(r.accepted(), r.render());
        r.actionCounts().forEach((a, c) -> actions.merge(a, c, Long::sum));
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
        Trace trace = Trace.read(t);
        JsonNode header = trace.header();
        List<ObjectNode> ev = trace.events();

        // a fast vote logged for another value than the proposal it names
        List<ObjectNode> b = deepCopy(ev);
        int i = first(b, "FastVote");
        String val = b.get(i).at("/state/maxVal").asText();
        ((ObjectNode) b.get(i).get("state")).put("maxVal", val.equals("v1") ? "v2" : "v1");
        check(write(dir.resolve("vote.ndjson"), header, b), i + 2, "maxVal", false);

        // a recovery that sends another value than the picking rule allows
        b = deepCopy(ev);
        i = first(b, "Recover");
        String rv = b.get(i).at("/msg/val").asText();
        String other = "v1".equals(rv) ? "v2" : "v1";
        ((ObjectNode) b.get(i).get("msg")).put("val", other);
        check(write(dir.resolve("recover.ndjson"), header, b), i + 2, "PickOK", true);

        // a dropped event: without StartFast no Any was sent, so no acceptor can join the fast ballot
        b = deepCopy(ev);
        i = first(b, "StartFast");
        b.remove(i);
        check(write(dir.resolve("dropped.ndjson"), header, b),
                first(b, "HandleAny") + 2, "msgs", true);

        // two causally ordered events swapped: an acceptor's fast vote logged before it joined the ballot
        b = deepCopy(ev);
        int v = first(b, "FastVote");
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
        check(write(dir.resolve("swapped.ndjson"), header, b), a + 2, "FastVote", true);
    }

}
