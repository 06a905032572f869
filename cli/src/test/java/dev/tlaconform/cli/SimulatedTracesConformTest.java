package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
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
 * Traces the simulator writes in-process, under every fault plan, validated against specs/paxos and
 * specs/multipaxos; and simulator traces broken on purpose, rejected at the right line by both engines.
 */
class SimulatedTracesConformTest {
    static final Path SPECS = Path.of("../specs");
    static final ObjectMapper JSON = new ObjectMapper();
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of(".."));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    static void assumeSpec(String protocol, String module) {
        assumeTrue(Files.exists(SPECS.resolve(protocol).resolve(module + ".tla")), "specs/" + protocol + " not merged yet");
    }

    static Path simulate(Path dir, String protocol, String plan, long seed) throws Exception {
        SimConfig cfg = SimConfig.builder(protocol).seed(seed).faults(FaultPlan.parse(plan)).untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
        return simulate(cfg, dir.resolve(protocol + "-" + plan + "-" + seed + ".ndjson"));
    }

    /** Runs the simulator with cfg, writing the trace to out; asserts the run succeeded. */
    static Path simulate(SimConfig cfg, Path out) throws Exception {
        SimResult r;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            r = Simulation.run(cfg, os);
        }
        assertTrue(r.ok(), r.summary());
        return out;
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

    private static void sweep(Path dir, String protocol, boolean invariants) throws Exception {
        int n = 0;
        for (String plan : FaultPlan.NAMES) {
            for (long seed = 1; seed <= 2; seed++) {
                Path t = simulate(dir, protocol, plan, seed);
                ValidationResult r = validator.validate(t, null, Validator.DEFAULT_MAX_CANDIDATES, invariants);
                assertTrue(r.accepted(), r.render());
                n++;
            }
        }
        assertTrue(n >= 2 * FaultPlan.NAMES.size());
    }

    /** Rewrites a trace: the events as JSON objects, the end line recomputed. */
    static Path write(Path out, JsonNode header, List<ObjectNode> events) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(JSON.writeValueAsString(header));
        for (ObjectNode e : events) lines.add(JSON.writeValueAsString(e));
        lines.add("{\"kind\":\"end\",\"events\":" + events.size() + "}");
        Files.write(out, lines);
        return out;
    }

    static int first(List<ObjectNode> es, String action) {
        for (int i = 0; i < es.size(); i++) if (es.get(i).path("action").asText().equals(action)) return i;
        throw new AssertionError("no " + action);
    }

    @Test
    void brokenSimulatorTracesAreRejectedAtTheRightLineByBothEngines(@TempDir Path dir) throws Exception {
        assumeSpec("paxos", "Paxos");
        Path t = simulate(dir, "paxos", "none", 7);
        List<String> lines = Files.readAllLines(t);
        JsonNode header = JSON.readTree(lines.get(0));
        List<ObjectNode> ev = new ArrayList<>();
        for (String l : lines.subList(1, lines.size() - 1)) ev.add((ObjectNode) JSON.readTree(l));

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

    private static void check(Path trace, long line, String names, boolean alsoTlc) throws Exception {
        rejectedAt(validator, trace, line, names, alsoTlc);
    }

    /**
     * Asserts {@code v} rejects {@code trace} at {@code line} with a diagnosis naming {@code names}
     * and, if {@code alsoTlc}, that TLC's reference engine rejects it at the same line.
     */
    static void rejectedAt(Validator v, Path trace, long line, String names, boolean alsoTlc) throws Exception {
        ValidationResult r = v.validate(trace, null, 1000);
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(line, r.failure().line(), r.render());
        assertTrue(r.failure().summary().contains(names) || r.render().contains(names), r.render());
        if (alsoTlc) {
            ValidationResult t = new TlcReferenceEngine("512m").validate(trace, null, Path.of(".."));
            assertEquals(r.verdict(), t.verdict(), t.render());
            assertEquals(r.failure().line(), t.failure().line(), t.render());
        }
    }

    /** A deep copy of the events, to break one without touching the original. */
    static List<ObjectNode> deepCopy(List<ObjectNode> es) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode e : es) out.add(e.deepCopy());
        return out;
    }
}
