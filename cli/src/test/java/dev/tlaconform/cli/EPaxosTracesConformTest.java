package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EPaxos traces the simulator writes in-process, under every fault plan and system model,
 * validated against specs/epaxos (invariants on), every spec action seen; traces broken on
 * purpose (a PreAccept received with a dependency left out, a dropped Propose, a PrepareOK
 * reporting its promise as its vote's ballot as the original recovery does, an executed order
 * naming another instance) rejected at the right line, by both engines.
 * {@code -Depaxos.seeds=K} widens the sweep (default 2 seeds per plan and model).
 */
class EPaxosTracesConformTest extends TracesFixture {
    static final int SEEDS = Integer.getInteger("epaxos.seeds", 2);

    static Path simulate(Path dir, String plan, SystemModel model, long seed) throws Exception {
        SimConfig cfg = SimConfig.builder("epaxos").seed(seed).faults(FaultPlan.parse(plan)).model(model)
                .untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
        Path out = dir.resolve("epaxos-" + plan + "-" + model.label() + "-" + seed + ".ndjson");
        return simulate(cfg, out);
    }

    @Test
    void everyEPaxosTraceUnderEveryFaultPlanAndSystemModelIsAccepted(@TempDir Path dir) throws Exception {
        TreeMap<String, Long> actions = sweep(SEEDS, (model, plan, seed) -> simulate(dir, plan, model, seed)).actions();
        assertEquals(List.of("AcceptReply", "Collect", "CommitFast", "CommitReply", "CommitSlow", "Execute", "PreAcceptReply",
                "Prepare", "PrepareReply", "Propose", "Recover", "Restart", "StartAccept"),
                List.copyOf(actions.keySet()), "every spec action seen: " + actions);
    }

    @Test
    void theReferenceEngineAcceptsEPaxosTraces(@TempDir Path dir) throws Exception {
        for (Path t : List.of(simulate(dir, "all", SystemModel.PARTIAL, 1), simulate(dir, "none", SystemModel.SYNC, 1))) {
            ValidationResult r = new TlcReferenceEngine("512m").validate(t, null, Path.of(".."));
            assertTrue(r.accepted(), r.render());
        }
    }

    @Test
    void brokenEPaxosTracesAreRejectedAtTheRightLineByBothEngines(@TempDir Path dir) throws Exception {
        Path t = simulate(dir, "none", SystemModel.SYNC, 1);
        Trace trace = Trace.read(t);
        JsonNode header = trace.header();
        List<ObjectNode> ev = trace.events();

        // a replica's PreAccept reply that forgets the dependencies the leader sent
        List<ObjectNode> b = deepCopy(ev);
        int i = firstWithDeps(b, "PreAcceptReply");
        ((ObjectNode) b.get(i).get("msg")).set("deps", JSON.createArrayNode());
        check(write(dir.resolve("deps.ndjson"), header, b), i + 2, "PreAcceptReply", true);

        // a dropped event: without Propose no PreAccept was sent, so no replica can pre-accept it
        b = deepCopy(ev);
        i = first(b, "Propose");
        int inst = b.get(i).at("/msg/inst").asInt();
        b.remove(i);
        int next = -1;
        for (int k = i; k < b.size() && next < 0; k++) {
            if (b.get(k).path("action").asText().equals("PreAcceptReply") && b.get(k).at("/msg/inst").asInt() == inst) {
                next = k;
            }
        }
        assertTrue(next >= 0, "a replica pre-accepted the dropped instance");
        check(write(dir.resolve("dropped.ndjson"), header, b), next + 2, "msgs", true);

        // a PrepareOK that reports the replica's promise as the ballot of its attributes (the original recovery)
        Path rec = null;
        for (long seed = 1; seed <= 20 && rec == null; seed++) {
            Path c = simulate(dir, "all", SystemModel.PARTIAL, seed);
            if (Files.readString(c).contains("\"type\":\"prepareok\"")) {
                rec = c;
            }
        }
        assertTrue(rec != null, "a run with a recovery");
        Trace recovered = Trace.read(rec);
        JsonNode rh = recovered.header();
        List<ObjectNode> re = recovered.events();
        int p = -1;
        for (int k = 0; k < re.size() && p < 0; k++) {
            if (re.get(k).path("action").asText().equals("Collect")
                    && re.get(k).at("/msg/type").asText().equals("prepareok")) {
                p = k;
            }
        }
        ObjectNode ok = (ObjectNode) re.get(p).get("msg");
        ok.put("vbal", ok.path("bal").asInt());
        check(write(dir.resolve("vbal.ndjson"), rh, re), p + 2, "msgs", true);

        // an executed order logged with the instance of another command
        b = deepCopy(ev);
        i = first(b, "Execute");
        ArrayNode at = (ArrayNode) b.get(i).at("/state/executed/at");
        ArrayNode entry = (ArrayNode) at.get(0);
        entry.set(1, JSON.getNodeFactory().numberNode(entry.get(1).asInt() + 1));
        check(write(dir.resolve("exec.ndjson"), header, b), i + 2, "executed", false);
    }

    private static int firstWithDeps(List<ObjectNode> ev, String action) {
        for (int k = 0; k < ev.size(); k++) {
            if (ev.get(k).path("action").asText().equals(action) && ev.get(k).at("/msg/deps").size() > 0) {
                return k;
            }
        }
        throw new AssertionError("no " + action + " with dependencies");
    }

}
