package dev.tlaconform.cli.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tlaconform.cli.Main;

/**
 * Every invariant of specs/pbft is shown able to fail: each broken variant under
 * src/test/resources/broken/pbft (one bug, a tiny model) must be caught by {@code tlaconform check}
 * as a violation of the invariant it breaks. The bound experiments of specs/pbft/README.md are
 * checked both ways: n = 3f breaks agreement and quorum intersection, n >= 3f+1 keeps the latter.
 */
class PbftSpecTest {
    private static final Path BROKEN = Path.of("src/test/resources/broken/pbft");
    private static final Path SPECS = Path.of("..", "specs", "pbft");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} violates {1}")
    @CsvSource({
        "PBFTAcceptTwice, Agreement",
        "PBFTForge, Agreement",
        "PBFTCommit2f, Agreement",
        "PBFTDropCerts, ViewChangeSafety",
        "PBFTNoRequestCheck, Integrity",
        "PBFTCheckpointFromOne, TotalOrder",
        "PBFTReplyAtPrepared, ClientSafety",
        "PBFTUnboundedView, TypeOK",
    })
    void brokenVariantIsCaught(String variant, String invariant) throws Exception {
        assertViolation(BROKEN.resolve(variant + ".tla"), BROKEN.resolve(variant + ".cfg"), invariant);
    }

    /**
     * The trace validator's forms (specs/pbft/PBFTTraceForms.tla) fail where their invariants do:
     * the broken variant, renamed PBFT, beside the real PBFTTraceForms, checked for the form alone.
     */
    @ParameterizedTest(name = "{0} violates {1}")
    @CsvSource({
        "PBFTDropCerts, TraceViewChangeSafety",
        "PBFTReplyAtPrepared, TraceClientSafety",
        "PBFTAcceptTwice, TraceAgreement",
        "PBFTCheckpointFromOne, TraceTotalOrder",
        "PBFTNoRequestCheck, TraceIntegrity",
    })
    void traceFormIsViolatedWhereItsInvariantIs(String variant, String form) throws Exception {
        Path dir = formsBeside(BROKEN.resolve(variant + ".tla"), BROKEN.resolve(variant + ".cfg"), form);
        assertViolation(dir.resolve("PBFTTraceForms.tla"), dir.resolve("Forms.cfg"), form);
    }

    /**
     * Each form equals its invariant on every reachable state of models where the invariants are
     * FALSE: clients accept unexecuted results (PBFTReplyAtPrepared), and n = 3f (MCPBFT3f, where
     * one Byzantine replica makes up the Q - 1 prepares, so the form of ViewChangeSafety is the
     * original). MCPBFTTraceForms.cfg (check --all) does the same on a model where they hold.
     */
    @ParameterizedTest(name = "forms equal the invariants on {0}")
    @CsvSource({
        "src/test/resources/broken/pbft/PBFTReplyAtPrepared",
        "../specs/pbft/MCPBFT3f",
    })
    void traceFormsEqualTheInvariantsWhereTheyFail(String model) throws Exception {
        Path tla = Path.of(model.endsWith("MCPBFT3f") ? "../specs/pbft/PBFT.tla" : model + ".tla");
        Path dir = formsBeside(tla, Path.of(model + ".cfg"), "TraceFormsEquivalent");
        JsonNode report = check(dir.resolve("PBFTTraceForms.tla"), dir.resolve("Forms.cfg"), 0);
        assertEquals("holds", report.path("verdict").asText(), report.toString());
        assertTrue(report.path("distinctStates").asLong() > 100, report.toString());
    }

    /** A directory with pbft (named PBFT), the real PBFTTraceForms and cfg checking invariant only. */
    private Path formsBeside(Path pbft, Path cfg, String invariant) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(pbft.getFileName() + "-" + invariant));
        String spec = Files.readString(pbft);
        Files.writeString(dir.resolve("PBFT.tla"), spec.replaceFirst("-+ MODULE \\w+ -+", "---- MODULE PBFT ----"));
        Files.copy(SPECS.resolve("PBFTTraceForms.tla"), dir.resolve("PBFTTraceForms.tla"));
        Files.copy(SPECS.resolve("StepOps.tla"), dir.resolve("StepOps.tla"));
        String model = Files.readString(cfg).replaceAll("(?m)^\\\\\\* tlaconform:.*\n", "")
                .replaceAll("(?m)^INVARIANTS.*$", "INVARIANTS " + invariant);
        Files.writeString(dir.resolve("Forms.cfg"), model);
        return dir;
    }

    @Test
    void threeReplicasWithOneByzantineBreakAgreement() throws Exception {
        assertViolation(SPECS.resolve("PBFT.tla"), SPECS.resolve("MCPBFT3f.cfg"), "Agreement");
    }

    @Test
    void quorumsOfThreeFOutOfThreeFDoNotIntersectEnough() throws Exception {
        assertViolation(SPECS.resolve("QuorumIntersection.tla"), SPECS.resolve("MCQuorum3f.cfg"),
                "QuorumIntersection");
    }

    @Test
    void quorumIntersectionHoldsExactlyFromThreeFPlusOne() throws Exception {
        JsonNode report = check(SPECS.resolve("QuorumIntersection.tla"), SPECS.resolve("MCQuorumTight.cfg"), 0);
        assertEquals("holds", report.path("verdict").asText(), report.toString());
        assertTrue(report.path("distinctStates").asLong() > 0, report.toString());
    }

    private void assertViolation(Path tla, Path cfg, String invariant) throws Exception {
        JsonNode report = check(tla, cfg, 1);
        assertEquals("violation", report.path("verdict").asText(), report.toString());
        assertEquals(invariant, report.path("violation").path("name").asText(), report.toString());
        JsonNode trace = report.path("counterexample");
        assertTrue(trace.isArray() && trace.size() > 0, "empty counterexample: " + report);
        assertEquals(1, trace.get(0).path("step").asInt(), report.toString());
    }

    private JsonNode check(Path tla, Path cfg, int expectedExit) throws Exception {
        Path json = tmp.resolve(tla.getFileName() + "-" + cfg.getFileName() + ".json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", tla.toString(), "--config", cfg.toString(), "--report", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String diag = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, code, diag);
        assertTrue(Files.exists(json), "no report: " + diag);
        return JSON.readTree(json.toFile());
    }
}
