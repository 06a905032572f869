package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a send sent is a message of the spec's network after the step, with its sender, view and
 * payload (issue 21): a forged message is rejected at its line by both engines, the fast engine's
 * diagnosis naming the logged field that differs. PBFT (the four cases of the issue) and Zab
 * (ElectLeader's FOLLOWERINFO).
 */
class ForgedMessagesTest {
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of(".."));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    private record Trace(JsonNode header, List<ObjectNode> events) {}

    private static Trace read(Path t) throws Exception {
        List<String> lines = Files.readAllLines(t);
        JsonNode header = SimulatedTracesConformTest.JSON.readTree(lines.get(0));
        List<ObjectNode> ev = new ArrayList<>();
        for (String l : lines.subList(1, lines.size() - 1)) ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(l));
        return new Trace(header, ev);
    }

    /** Breaks the first event of the action with edit, validates with both engines, checks line and diagnosis. */
    private static void forged(Path dir, Trace t, String action, String name, Consumer<ObjectNode> edit, String field)
            throws Exception {
        List<ObjectNode> b = SimulatedTracesConformTest.deepCopy(t.events());
        int i = SimulatedTracesConformTest.first(b, action);
        edit.accept(b.get(i));
        Path f = SimulatedTracesConformTest.write(dir.resolve(name + ".ndjson"), t.header(), b);
        ValidationResult r = validator.validate(f, null, 1000);
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), name + ": " + r.render());
        assertEquals(i + 2, r.failure().line(), r.render());
        assertTrue(r.render().contains(field), name + ": the diagnosis names " + field + ": " + r.render());
        ValidationResult tlc = new TlcReferenceEngine("512m").validate(f, null, Path.of(".."));
        assertEquals(r.verdict(), tlc.verdict(), name + ": " + tlc.render());
        assertEquals(r.failure().line(), tlc.failure().line(), name + ": " + tlc.render());
    }

    @Test
    void forgedPbftMessagesAreRejectedAtTheirLineByBothEngines(@TempDir Path dir) throws Exception {
        Path p = PbftTracesConformTest.simulate(dir, SimConfig.builder("pbft").seed(1).nodes(4)
                .faults(FaultPlan.parse("none")).byzantine(1).build(), "base");
        assertTrue(validator.validate(p, null, 1000).accepted());
        Trace t = read(p);
        int n = t.header().at("/constants/N").asInt();
        // a PRE-PREPARE claiming to come from a backup
        forged(dir, t, "PrePrepare", "preprepare-from-backup",
                e -> ((ObjectNode) e.get("msg")).put("from", (e.get("node").asInt() + 1) % n), "msg.from");
        // a COMMIT for a view its sender is not in
        forged(dir, t, "Commit", "commit-other-view",
                e -> ((ObjectNode) e.get("msg")).put("view", e.at("/msg/view").asInt() + 1), "msg.view");
        // a committed certificate naming another request
        forged(dir, t, "CommitLocal", "certificate-other-request",
                e -> ((ObjectNode) e.at("/msg/req")).put("ts", e.at("/msg/req/ts").asInt() == 1 ? 2 : 1), "msg.req");
        // a ClientAccept by a client that does not exist
        forged(dir, t, "ClientAccept", "accept-by-nobody", e -> e.put("node", 7), "node");
        // a COMMIT whose prepare quorum names a replica that sent no PREPARE for it (the primary)
        forged(dir, t, "Commit", "commit-quorum-primary",
                e -> ((com.fasterxml.jackson.databind.node.ArrayNode) e.at("/msg/quorum")).set(0,
                        SimulatedTracesConformTest.JSON.getNodeFactory().numberNode(e.at("/msg/view").asInt() % n)), "msg.quorum");
        // a PRE-PREPARE accepted from a replica that is not the primary of the backup's view
        forged(dir, t, "Prepare", "prepare-from-backup",
                e -> ((ObjectNode) e.get("msg")).put("from", (e.at("/msg/from").asInt() + 1) % n), "msg.from");
    }

    @Test
    void aForgedFollowerInfoIsRejectedAtItsLineByBothEngines(@TempDir Path dir) throws Exception {
        Path z = PbftTracesConformTest.simulate(dir, SimConfig.builder("zab").seed(1).nodes(3)
                .faults(FaultPlan.parse("none")).build(), "zab");
        assertTrue(validator.validate(z, null, 1000).accepted());
        Trace t = read(z);
        List<ObjectNode> ev = t.events();
        int k = -1;
        for (int i = 0; i < ev.size() && k < 0; i++) if (ev.get(i).path("action").asText().equals("ElectLeader") && ev.get(i).has("msg")) k = i;
        final int at = k;
        assertTrue(at >= 0, "a follower's ElectLeader");
        for (String[] c : new String[][] {{"from", "1"}, {"acceptedEpoch", "5"}, {"type", "\"ACKEPOCH\""}}) {
            List<ObjectNode> b = SimulatedTracesConformTest.deepCopy(ev);
            ObjectNode m = (ObjectNode) b.get(at).get("msg");
            JsonNode v = SimulatedTracesConformTest.JSON.readTree(c[1]);
            if (m.get(c[0]).equals(v)) v = SimulatedTracesConformTest.JSON.readTree("2");
            m.set(c[0], v);
            Path f = SimulatedTracesConformTest.write(dir.resolve("fi-" + c[0] + ".ndjson"), t.header(), b);
            ValidationResult r = validator.validate(f, null, 1000);
            assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
            assertEquals(at + 2, r.failure().line(), r.render());
            assertTrue(r.render().contains("msg." + c[0]), r.render());
            ValidationResult tlc = new TlcReferenceEngine("512m").validate(f, null, Path.of(".."));
            assertEquals(r.verdict(), tlc.verdict(), tlc.render());
            assertEquals(r.failure().line(), tlc.failure().line(), tlc.render());
        }
    }
}
