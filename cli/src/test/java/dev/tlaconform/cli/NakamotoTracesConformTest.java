package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nakamoto traces the simulator writes in-process, under every fault plan and system model and
 * each adversary (none, Nakamoto's private attacker, the invalid-block miner), validated against
 * specs/nakamoto (invariants on), every spec action seen; traces broken on purpose (a tip moved to
 * a shorter chain, a mined block claiming a wrong height, a block on a parent never mined)
 * rejected at their line by both engines. {@code -Dnakamoto.seeds=K} widens the sweep.
 */
class NakamotoTracesConformTest extends TracesFixture {
    static final int SEEDS = Integer.getInteger("nakamoto.seeds", 1);

    static Path simulate(Path dir, String plan, SystemModel model, long seed, String adversary) throws Exception {
        SimConfig cfg = Protocols.withAdversary(SimConfig.builder("nakamoto").seed(seed).faults(FaultPlan.parse(plan))
                .model(model).untilDecided(SimConfig.DEFAULT_MAX_STEPS), "nakamoto", adversary).build();
        Path out = dir.resolve("nakamoto-" + plan + "-" + model.label() + "-" + adversary + "-" + seed + ".ndjson");
        return simulate(cfg, out);
    }

    @Test
    void everyNakamotoTraceUnderEveryFaultPlanModelAndAdversaryIsAccepted(@TempDir Path dir) throws Exception {
        TreeMap<String, Long> actions = new TreeMap<>();
        List<String> adversaries = Protocols.adversaries("nakamoto");
        for (String adversary : adversaries) {
            sweep(SEEDS, (model, plan, seed) -> simulate(dir, plan, model, seed, adversary)).actions()
                    .forEach((a, c) -> actions.merge(a, c, Long::sum));
        }
        assertEquals(3, adversaries.size());
        assertEquals(List.of("AdvAdopt", "Receive", "Release", "ValAdvMine", "ValMine"), List.copyOf(actions.keySet()),
                "every spec action seen: " + actions);
    }

    @Test
    void theReferenceEngineAcceptsNakamotoTraces(@TempDir Path dir) throws Exception {
        for (Path t : List.of(simulate(dir, "all", SystemModel.PARTIAL, 1, "private"),
                simulate(dir, "all", SystemModel.PARTIAL, 3, "invalid"))) {
            ValidationResult r = new TlcReferenceEngine("512m").validate(t, null, Path.of(".."));
            assertTrue(r.accepted(), r.render());
        }
    }

    @Test
    void brokenNakamotoTracesAreRejectedAtTheRightLineByBothEngines(@TempDir Path dir) throws Exception {
        Path t = simulate(dir, "none", SystemModel.SYNC, 3, "invalid");
        Trace trace = Trace.read(t);
        JsonNode header = trace.header();
        List<ObjectNode> ev = trace.events();

        // a node that receives a block and moves its tip back to genesis (a shorter chain)
        List<ObjectNode> b = deepCopy(ev);
        int i = first(b, "Receive");
        ((ObjectNode) b.get(i).get("state")).put("tip", header.at("/constants/GenesisId").asText());
        check(write(dir.resolve("shorter.ndjson"), header, b), i + 2, "tip", false);

        // a mined block claiming a height two above its parent's
        b = deepCopy(ev);
        i = first(b, "Mine");
        ((ObjectNode) b.get(i).get("msg")).put("height", b.get(i).at("/msg/height").asInt() + 1);
        check(write(dir.resolve("height.ndjson"), header, b), i + 2, "msgs", true);

        // a dropped event: the first block is never mined, so nothing can be received on it
        b = deepCopy(ev);
        i = first(b, "Mine");
        String id = b.get(i).at("/msg/id").asText();
        b.remove(i);
        int r = i;
        while (!(b.get(r).path("action").asText().equals("Receive") && b.get(r).at("/msg/id").asText().equals(id))) {
            r++;
        }
        check(write(dir.resolve("dropped.ndjson"), header, b), r + 2, "Receive", true);
    }

}
