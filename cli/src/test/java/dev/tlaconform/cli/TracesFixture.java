package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The set-up the *TracesConformTest classes share: one validator per test class (opened before
 * its tests, closed after), simulator runs in-process writing a trace, the sweep of every fault
 * plan x system model x seed validated and accepted, and traces read back, broken on purpose,
 * written again and rejected at a line by both engines.
 */
abstract class TracesFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static Validator validator;

    @BeforeAll
    static void openValidator() {
        validator = new Validator(Path.of(".."));
    }

    @AfterAll
    static void closeValidator() {
        validator.close();
    }

    /** Runs the simulator with cfg, writing the trace to out; asserts the run succeeded. */
    static Path simulate(SimConfig cfg, Path out) throws Exception {
        SimResult r = run(cfg, out);
        assertTrue(r.ok(), r.summary() + "\n" + cfg.replayCommand());
        return out;
    }

    /** Runs the simulator with cfg, writing the trace to out, whatever its verdict (a mutant's run may fail). */
    static SimResult run(SimConfig cfg, Path out) throws Exception {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            return Simulation.run(cfg, os);
        }
    }

    /** One run of a sweep: its trace. */
    interface Cell {
        Path trace(SystemModel model, String plan, long seed) throws Exception;
    }

    /** What a sweep validated: the traces, their events, and the steps of each spec action. */
    record Sweep(int traces, long events, TreeMap<String, Long> actions) {}

    /** Every fault plan x model of {@code models} x seed 1..{@code seeds}: the trace is accepted (and deleted). */
    static Sweep sweep(List<SystemModel> models, long seeds, boolean invariants, Cell cell) throws Exception {
        TreeMap<String, Long> actions = new TreeMap<>();
        int n = 0;
        long events = 0;
        for (SystemModel model : models) {
            for (String plan : FaultPlan.NAMES) {
                for (long seed = 1; seed <= seeds; seed++) {
                    Path t = cell.trace(model, plan, seed);
                    ValidationResult r = validator.validate(t, null, Validator.DEFAULT_MAX_CANDIDATES, invariants);
                    assertTrue(r.accepted(), plan + " " + model.label() + " seed " + seed + ": " + r.render());
                    r.actionCounts().forEach((a, c) -> actions.merge(a, c, Long::sum));
                    events += r.events();
                    Files.delete(t);
                    n++;
                }
            }
        }
        assertEquals(models.size() * FaultPlan.NAMES.size() * seeds, n);
        return new Sweep(n, events, actions);
    }

    /** As above over every system model, with the spec's invariants checked. */
    static Sweep sweep(long seeds, Cell cell) throws Exception {
        return sweep(List.of(SystemModel.values()), seeds, true, cell);
    }

    /** A trace read back: its header line and its events (the end line left out). */
    record Trace(JsonNode header, List<ObjectNode> events) {
        static Trace read(Path t) throws Exception {
            List<String> lines = Files.readAllLines(t);
            List<ObjectNode> ev = new ArrayList<>();
            for (String l : lines.subList(1, lines.size() - 1)) {
                ev.add((ObjectNode) JSON.readTree(l));
            }
            return new Trace(JSON.readTree(lines.get(0)), ev);
        }

        /** A deep copy of the events, to break. */
        List<ObjectNode> copy() {
            return deepCopy(events);
        }

        /** This trace's header with {@code events} instead of its own, written to out. */
        Path write(Path out, List<ObjectNode> events) throws Exception {
            return TracesFixture.write(out, header, events);
        }
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

    /** A deep copy of the events, to break one without touching the original. */
    static List<ObjectNode> deepCopy(List<ObjectNode> es) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode e : es) out.add(e.deepCopy());
        return out;
    }

    /** {@link #rejectedAt} with this class's validator. */
    static void check(Path trace, long line, String names, boolean alsoTlc) throws Exception {
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
}
