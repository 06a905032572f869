package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces the simulator writes in-process, under every fault plan, validated against specs/paxos and
 * specs/multipaxos; and simulator traces broken on purpose, rejected at the right line by both engines.
 */
class SimulatedTracesConformTest extends TracesFixture {
    static final Path SPECS = Path.of("../specs");

    static void assumeSpec(String protocol, String module) {
        assumeTrue(Files.exists(SPECS.resolve(protocol).resolve(module + ".tla")), "specs/" + protocol + " not merged yet");
    }

    static Path simulate(Path dir, String protocol, String plan, long seed) throws Exception {
        SimConfig cfg = SimConfig.builder(protocol).seed(seed).faults(FaultPlan.parse(plan)).untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
        return simulate(cfg, dir.resolve(protocol + "-" + plan + "-" + seed + ".ndjson"));
    }

    @Test
    void everyPaxosTraceUnderEveryFaultPlanIsAccepted(@TempDir Path dir) throws Exception {
        assumeSpec("paxos", "Paxos");
        sweep(dir, "paxos", true);
    }

    @Test
    void everyMultiPaxosTraceUnderEveryFaultPlanIsAccepted(@TempDir Path dir) throws Exception {
        assumeSpec("multipaxos", "MultiPaxos");
        // without invariants: MultiPaxos's Agreement/DecidedIsChosen cost ~30 ms per state (docs/validate.md)
        sweep(dir, "multipaxos", false);
    }

    /** Every fault plan, seeds 1 and 2, the configuration's default system model. */
    private static void sweep(Path dir, String protocol, boolean invariants) throws Exception {
        List<SystemModel> model = List.of(SimConfig.builder(protocol).build().model());
        TracesFixture.sweep(model, 2, invariants, (m, plan, seed) -> simulate(dir, protocol, plan, seed));
    }

    @Test
    void brokenSimulatorTracesAreRejectedAtTheRightLineByBothEngines(@TempDir Path dir) throws Exception {
        assumeSpec("paxos", "Paxos");
        Path t = simulate(dir, "paxos", "none", 7);
        Trace trace = Trace.read(t);
        JsonNode header = trace.header();
        List<ObjectNode> ev = trace.events();

        // a changed ballot: the first promise logs a higher maxBal than the 1a it answers
        List<ObjectNode> b = deepCopy(ev);
        int i = first(b, "Phase1b");
        ((ObjectNode) b.get(i).get("state")).put("maxBal", b.get(i).at("/state/maxBal").asInt() + 1);
        check(write(dir.resolve("ballot.ndjson"), header, b), i + 2, "maxBal", true);

        // a changed value: the first vote logs the other value
        b = deepCopy(ev);
        i = first(b, "Phase2b");
        String val = b.get(i).at("/state/maxVal").asText();
        ((ObjectNode) b.get(i).get("state")).put("maxVal", val.equals("v1") ? "v2" : "v1");
        check(write(dir.resolve("value.ndjson"), header, b), i + 2, "maxVal", false);

        // two causally ordered events swapped: a 1b logged before the 1a it answers
        b = deepCopy(ev);
        i = first(b, "Phase1a");
        int j = first(b, "Phase1b");
        ObjectNode tmp = b.get(i);
        b.set(i, b.get(j));
        b.set(j, tmp);
        check(write(dir.resolve("swapped.ndjson"), header, b), i + 2, "msgs", true);

        // a dropped event: without the first Phase1a its 1a was never sent
        b = deepCopy(ev);
        i = first(b, "Phase1a");
        b.remove(i);
        ValidationResult r = validator.validate(write(dir.resolve("dropped.ndjson"), header, b), null, 1000);
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertTrue(r.failure().line() >= i + 2, r.render());
    }
}
