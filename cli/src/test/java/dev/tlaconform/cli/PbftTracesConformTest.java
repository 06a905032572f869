package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.TraceReader;
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
 * PBFT simulator traces (every fault plan; every Byzantine behaviour) accepted by specs/pbft;
 * traces broken on purpose rejected at the right line, by both engines.
 */
class PbftTracesConformTest {
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of(".."));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    static Path simulate(Path dir, SimConfig cfg, String name) throws Exception {
        Path out = dir.resolve(name + ".ndjson");
        SimResult r;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            r = Simulation.run(cfg, os);
        }
        assertTrue(r.ok(), r.summary());
        return out;
    }

    private static SimConfig.Builder pbft(long seed, String plan) {
        return SimConfig.builder("pbft").seed(seed).nodes(4).faults(FaultPlan.parse(plan));
    }

    @Test
    void everyPbftTraceUnderEveryFaultPlanIsAccepted(@TempDir Path dir) throws Exception {
        for (String plan : FaultPlan.NAMES) {
            Path t = simulate(dir, pbft(1, plan).build(), plan);
            ValidationResult r = validator.validate(t, null, Validator.DEFAULT_MAX_CANDIDATES, true);
            assertTrue(r.accepted(), r.render());
        }
    }

    @Test
    void tracesWithByzantineReplicasAreAccepted(@TempDir Path dir) throws Exception {
        for (String b : List.of("equivocate", "forge", "replay", "wrong-digest", "silent")) {
            for (long seed = 1; seed <= 2; seed++) {
                Path t = simulate(dir, pbft(seed, "all").byzantine(1).byz(List.of(b)).build(), b + seed);
                ValidationResult r = validator.validate(t, null, Validator.DEFAULT_MAX_CANDIDATES, true);
                assertTrue(r.accepted(), r.render());
                assertTrue(b.equals("silent") || r.render().contains("ByzantineSend="), r.render());
            }
        }
    }

    /**
     * The NEW-VIEW's view-change set is bound from the event (msg.V) and checked member by member:
     * a Byzantine member with a certificate no quorum prepared, or an honest member whose content
     * differs from the VIEW-CHANGE that replica sent, is rejected at the NewView line, by both engines.
     */
    @Test
    void forgedViewChangeSetsAreRejectedAtTheNewView(@TempDir Path dir) throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            Path t = simulate(dir, pbft(seed, "all").byzantine(1).build(), "vc" + seed);
            List<String> lines = Files.readAllLines(t);
            JsonNode header = SimulatedTracesConformTest.JSON.readTree(lines.get(0));
            int byz = header.at("/constants/Byz/0").asInt();
            List<ObjectNode> ev = new ArrayList<>();
            for (String l : lines.subList(1, lines.size() - 1)) ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(l));
            for (int i = 0; i < ev.size(); i++) {
                if (!ev.get(i).path("action").asText().equals("NewView")) continue;
                int byzMember = -1;
                int honestMember = -1;
                JsonNode vs = ev.get(i).at("/msg/V");
                for (int k = 0; k < vs.size(); k++) {
                    if (vs.get(k).path("from").asInt() == byz) byzMember = k;
                    else if (vs.get(k).path("from").asInt() != ev.get(i).path("node").asInt()) honestMember = k;
                }
                if (byzMember < 0 || honestMember < 0) continue;
                assertTrue(validator.validate(t, null, 1000).accepted());
                int maxSeq = header.at("/constants/MaxSeq").asInt();
                List<ObjectNode> b = copy(ev);
                ObjectNode cert = b.get(i).objectNode().put("view", 0).put("seq", maxSeq);
                cert.putObject("req").put("client", 0).put("ts", header.at("/constants/MaxTs").asInt());
                ((com.fasterxml.jackson.databind.node.ArrayNode) b.get(i).at("/msg/V/" + byzMember + "/P")).add(cert);
                check(SimulatedTracesConformTest.write(dir.resolve("byz-cert.ndjson"), header, b), i + 2, "NewView", true);
                b = copy(ev);
                ((ObjectNode) b.get(i).at("/msg/V/" + honestMember + "/ckpt")).put("seq", maxSeq);
                check(SimulatedTracesConformTest.write(dir.resolve("honest-vc.ndjson"), header, b), i + 2, "NewView", true);
                return;
            }
        }
        throw new AssertionError("no seed of 1..20 gave a NEW-VIEW with a Byzantine and another honest member");
    }

    @Test
    void brokenPbftTracesAreRejectedAtTheRightLineByBothEngines(@TempDir Path dir) throws Exception {
        Path t = simulate(dir, pbft(2, "none").byzantine(1).byz(List.of("forge")).build(), "base");
        List<String> lines = Files.readAllLines(t);
        JsonNode header = SimulatedTracesConformTest.JSON.readTree(lines.get(0));
        List<ObjectNode> ev = new ArrayList<>();
        for (String l : lines.subList(1, lines.size() - 1)) {
            ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(l));
        }
        assertTrue(validator.validate(t, null, 1000).accepted());

        // an honest replica logs having executed a different request than the one committed
        List<ObjectNode> b = copy(ev);
        int i = SimulatedTracesConformTest.first(b, "Execute");
        ObjectNode req = (ObjectNode) b.get(i).at("/state/exec/at/0/1"); // the delta: the req appended
        req.put("ts", req.get("ts").asInt() == 1 ? 2 : 1);
        check(SimulatedTracesConformTest.write(dir.resolve("exec.ndjson"), header, b), i + 2, "exec", true);

        // a Byzantine replica's send logged as an honest replica's: ByzantineSend needs b \in Byz
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "ByzantineSend");
        int byz = header.at("/constants/Byz/0").asInt();
        b.get(i).put("node", (byz + 1) % 4);
        check(SimulatedTracesConformTest.write(dir.resolve("byz.ndjson"), header, b), i + 2, "Byz", true);

        // a backup prepares a forged pre-prepare (the Byzantine replica's, in the primary's name)
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "Prepare");
        ObjectNode m = (ObjectNode) b.get(i).get("msg");
        int n = m.get("seq").asInt();
        int other = m.at("/req/client").asInt() == 0 ? 1 : 0;
        ((ObjectNode) m.get("req")).put("client", other);
        ((ObjectNode) b.get(i).at("/state/ppAcc/" + n + "/req")).put("client", other);
        for (ObjectNode x : b) { // with the forged request's own digest (else the oneToOne rule below fires first)
            if (x.path("action").asText().equals("ClientRequest") && x.at("/msg/req").equals(m.get("req"))) {
                m.put("digest", x.at("/msg/digest").asText());
            }
        }
        ValidationResult r = validator.validate(SimulatedTracesConformTest.write(dir.resolve("forged.ndjson"), header, b), null, 1000);
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(i + 2, r.failure().line(), r.render());
        assertTrue(r.render().contains("PrepareOn is not enabled"), r.render());

        // the sparse logs (the mapping's "sparse"): an accepted pre-prepare left out of ppAcc, and an
        // entry logged that the spec does not have, are both rejected at that line naming ppAcc
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "Prepare");
        n = b.get(i).at("/msg/seq").asInt();
        ((ObjectNode) b.get(i).at("/state/ppAcc")).remove(Integer.toString(n));
        check(SimulatedTracesConformTest.write(dir.resolve("sparse-missing.ndjson"), header, b), i + 2, "ppAcc", true);
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "Prepare");
        ((ObjectNode) b.get(i).at("/state/ppAcc")).set(Integer.toString(header.at("/constants/MaxSeq").asInt()),
                b.get(i).at("/state/ppAcc/" + b.get(i).at("/msg/seq").asInt()).deepCopy());
        check(SimulatedTracesConformTest.write(dir.resolve("sparse-extra.ndjson"), header, b), i + 2, "ppAcc", true);

        // the mapping's oneToOne (msg.digest <-> msg.req, both engines): a pre-prepare logged with
        // another request's digest, and one logged with a digest no request has, are rejected there
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "Prepare");
        String otherDigest = null;
        for (ObjectNode x : b) {
            if (x.path("action").asText().equals("ClientRequest") && !x.at("/msg/req").equals(b.get(i).at("/msg/req"))) {
                otherDigest = x.at("/msg/digest").asText();
                break;
            }
        }
        assertNotNull(otherDigest, "two different requests in the trace");
        ((ObjectNode) b.get(i).get("msg")).put("digest", otherDigest);
        check(SimulatedTracesConformTest.write(dir.resolve("digest-swapped.ndjson"), header, b), i + 2, "msg.digest", true);
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "Prepare");
        ((ObjectNode) b.get(i).get("msg")).put("digest", "00".repeat(32));
        check(SimulatedTracesConformTest.write(dir.resolve("digest-unknown.ndjson"), header, b), i + 2, "msg.req", true);

        // a dropped client request: the pre-prepare of a request no client sent
        b = copy(ev);
        i = SimulatedTracesConformTest.first(b, "ClientRequest");
        b.remove(i);
        r = validator.validate(SimulatedTracesConformTest.write(dir.resolve("dropped.ndjson"), header, b), null, 1000);
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertTrue(r.render().contains("RequestSent"), r.render());
    }

    /**
     * The mapping's trace-time forms (PBFTTraceForms.tla) are what the fast engine checks, an honest
     * trace passes them, and a violation is reported under the invariant's name at the same line
     * as TLC finds the original: specs/pbft with PBFT.tla replaced by the broken variant
     * PBFTReplyAtPrepared (a replica replies once prepared, so with the Byzantine replica's reply
     * the client accepts a result no honest replica executed).
     */
    @Test
    void viewChangeAndClientSafetyAreCheckedThroughTheirTraceForms(@TempDir Path dir) throws Exception {
        Path t = simulate(dir, pbft(1, "none").byzantine(1).build(), "honest");
        try (TraceReader tr = TraceReader.open(t)) {
            List<String> reads = validator.load(tr, null).session().invariantReads();
            String step = ", checked on a step by its step form (1 conjuncts)";
            assertTrue(reads.contains("TraceViewChangeSafety reads [commitLog, msgs]" + step), reads.toString());
            assertTrue(reads.contains("TraceClientSafety reads [msgs, exec]" + step), reads.toString());
            assertTrue(reads.contains("TraceTotalOrder reads [exec]" + step), reads.toString());
            assertTrue(reads.contains("TraceAgreement reads [commitLog]" + step), reads.toString());
            assertTrue(reads.contains("TraceIntegrity reads [commitLog, msgs]" + step), reads.toString());
        }
        ValidationResult ok = validator.validate(t, null, 1000, true);
        assertTrue(ok.accepted(), ok.render());

        Path spec = Files.createDirectories(dir.resolve("pbft"));
        try (var files = Files.list(Path.of("..", "specs", "pbft"))) {
            for (Path f : files.toList()) Files.copy(f, spec.resolve(f.getFileName()));
        }
        String broken = Files.readString(Path.of("src/test/resources/broken/pbft/PBFTReplyAtPrepared.tla"));
        Files.writeString(spec.resolve("PBFT.tla"), broken.replaceFirst("-+ MODULE \\w+ -+", "---- MODULE PBFT ----"));
        ValidationResult r = validator.validate(t, spec, 1000, true);
        assertEquals(ValidationResult.Verdict.INVARIANT_VIOLATED, r.verdict(), r.render());
        assertEquals("ClientSafety", r.failure().details().path("invariant").asText(), r.render());
        assertEquals("TraceClientSafety", r.failure().details().path("checkedAs").asText(), r.render());
        ValidationResult tlc = new TlcReferenceEngine("512m").validate(t, spec, Path.of(".."));
        assertEquals(r.verdict(), tlc.verdict(), tlc.render());
        assertEquals(r.failure().line(), tlc.failure().line(), tlc.render());
        assertTrue(tlc.render().contains("ClientSafety"), tlc.render());
    }

    private static void check(Path trace, long line, String names, boolean alsoTlc) throws Exception {
        SimulatedTracesConformTest.rejectedAt(validator, trace, line, names, alsoTlc);
    }

    private static List<ObjectNode> copy(List<ObjectNode> es) {
        return SimulatedTracesConformTest.deepCopy(es);
    }
}
