package dev.tlaconform.cli.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlaconform.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every invariant and property of the Paxos, Multi-Paxos, Fast Paxos, Nakamoto and register specs is shown able to
 * fail: each broken variant under src/test/resources/broken/ is a copy of a spec with one guard
 * removed or one mistake made (its header and cfg say which), and {@code tlaconform check} must
 * report exactly that invariant or property violated, with a counterexample. Tiny models: each
 * check takes seconds. The good CI models are checked by {@code tlaconform check --all}.
 */
class BrokenSpecsTest {
    private static final Path BROKEN = Path.of("src", "test", "resources", "broken");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}/{1} violates {4}")
    @CsvSource({
        // protocol, variant,  model module, kind, expected invariant or property
        "paxos, HandlePromiseRecordsBallot, MCPaxos, invariant, TypeOK",
        "paxos, Phase2bIgnoresPromise,      MCPaxos, invariant, Agreement",
        "paxos, Phase2aDefaultValue,        MCPaxos, invariant, Validity",
        "paxos, Phase2aIgnoresPromises,     MCPaxos, invariant, Inv2a",
        "paxos, Phase1bReportsPromise,      MCPaxos, invariant, Inv1b",
        "paxos, Phase2bForgetsVoteBallot,   MCPaxos, invariant, Inv2b",
        "paxos, RestartLosesPromise,        MCPaxos, invariant, AcceptorInv",
        "paxos, Phase2aStaysInPhase1,      MCPaxos, invariant, ProposerInv",
        "paxos, LearnWithoutQuorum,         MCPaxos, invariant, DecidedIsChosen",
        "paxos, LoseDeletesMessage,         MCPaxos, property,  ConsensusRefined",
        "multipaxos, HandlePromiseRecordsBallot, MCMultiPaxos, invariant, TypeOK",
        "multipaxos, BecomeLeaderWithoutQuorum,  MCMultiPaxos, invariant, Agreement",
        "multipaxos, Phase2aUnrequestedCommand,  MCMultiPaxos, invariant, Validity",
        "multipaxos, Phase2aIgnoresReportedVote, MCMultiPaxos, invariant, Inv2a",
        "multipaxos, Phase1bReportsNoVotes,      MCMultiPaxos, invariant, Inv1b",
        "multipaxos, Phase2bForgetsVote,         MCMultiPaxos, invariant, Inv2b",
        "multipaxos, RestartLosesPromise,        MCMultiPaxos, invariant, AcceptorInv",
        "multipaxos, Phase2aForgetsProposal,     MCMultiPaxos, invariant, ProposerInv",
        "multipaxos, LearnWithoutQuorum,         MCMultiPaxos, invariant, DecidedIsChosen",
        "multipaxos, LoseDeletesMessage,         MCMultiPaxos, property,  LogRefined",
        "fastpaxos, FastQuorumTooSmall,       MCFastPaxos, invariant, Agreement",
        "fastpaxos, PickAnyReportedValue,     MCFastPaxos, invariant, Agreement",
        "fastpaxos, RecoveryIgnoresFastRound, MCFastPaxos, invariant, Agreement",
        "fastpaxos, HandleAnyOverPromises,    MCFastPaxos, invariant, TypeOK",
        "fastpaxos, RestartLosesPromise,      MCFastPaxos, invariant, AcceptorInv",
        "fastpaxos, Phase1bReportsPromise,    MCFastPaxos, invariant, Inv1b",
        "fastpaxos, Phase2aIgnoresReports,    MCFastPaxos, invariant, Inv2a",
        "fastpaxos, Phase2bForgetsVoteBallot, MCFastPaxos, invariant, Inv2b",
        "fastpaxos, Phase2aStaysInPhase1,     MCFastPaxos, invariant, CoordinatorInv",
        "fastpaxos, StartFastProposesValue,   MCFastPaxos, invariant, Validity",
        "fastpaxos, LearnWithoutQuorum,       MCFastPaxos, invariant, DecidedIsChosen",
        "fastpaxos, LearnConsumesMessage,     MCFastPaxos, property,  ConsensusRefined",
        "epaxos, PromiseOutOfRange,           MCEPaxos, invariant, TypeOK",
        "epaxos, ExecuteUncommitted,          MCEPaxos, invariant, Nontriviality",
        "epaxos, RecoveryIgnoresWitnesses,    MCEPaxos, invariant, Consistency",
        "epaxos, PreAcceptIgnoresConflicts,   MCEPaxos, invariant, ExecutionConsistency",
        "epaxos, RecoverOverCommitted,        MCEPaxos, property,  Stability",
        "nakamoto, AcceptShorterChain,       MCNakamoto, invariant, ChainGrowth",
        "nakamoto, AcceptShorterChainPrefix, MCNakamoto, invariant, CommonPrefix",
        "nakamoto, NoParentHeightCheck,      MCNakamoto, invariant, NoDeepReorg",
        "nakamoto, ValidateTipOnly,          MCNakamoto, invariant, NoDoubleSpend",
        "nakamoto, SpendSpentOutput,         MCNakamoto, invariant, NoDoubleSpend",
        "nakamoto, AdoptWithoutHolding,      MCNakamoto, invariant, TypeOK",
        "register, AcquireIgnoresLock, LockRegister,    invariant, MutualExclusion",
        "register, WriteWithoutRead,   LockRegister,    property,  WriteOnce",
        "register, CASIsPlainWrite,    CASRegister,     invariant, Agreement",
        "register, UntaggedWrite,      VersionRegister, invariant, Agreement",
        "register, SplitVGoesDown,     VersionRegister, property,  VMonotone",
    })
    void brokenVariantIsCaught(String protocol, String variant, String model, String kind, String name)
            throws IOException {
        Path dir = BROKEN.resolve(protocol).resolve(variant);
        JsonNode report = check(dir.resolve(model + ".tla"), dir.resolve(model + ".cfg"), 1);
        assertEquals("violation", report.path("verdict").asText(), report.toString());
        JsonNode violation = report.path("violation");
        assertEquals(kind, violation.path("kind").asText(), report.toString());
        assertViolatedName(name, violation);
        assertCounterexample(report);
    }

    /** The register models of specs/register are tiny: check them here too, both verdicts. */
    @ParameterizedTest(name = "register {0} with {1}: {2}")
    @CsvSource({
        // model, spec, expected: holds or the violated invariant
        "MCLockRegister,          LockRegister.tla,    holds",
        "MCCASRegister,           CASRegister.tla,     holds",
        "MCVersionRegisterAtomic, VersionRegister.tla, holds",
        "MCVersionRegisterSplit,  VersionRegister.tla, Agreement",
    })
    void registerModels(String model, String spec, String expected) throws IOException {
        Path dir = Path.of("..", "specs", "register");
        int exit = expected.equals("holds") ? 0 : 1;
        JsonNode report = check(dir.resolve(spec), dir.resolve(model + ".cfg"), exit);
        if (expected.equals("holds")) {
            assertEquals("holds", report.path("verdict").asText(), report.toString());
            assertTrue(report.path("distinctStates").asLong() > 0, report.toString());
        } else {
            assertEquals("violation", report.path("verdict").asText(), report.toString());
            assertEquals("invariant", report.path("violation").path("kind").asText(), report.toString());
            assertViolatedName(expected, report.path("violation"));
            assertCounterexample(report);
        }
    }

    /** Runs {@code tlaconform check SPEC --config CFG --report R} and returns the JSON report. */
    private JsonNode check(Path tla, Path cfg, int expectedExit) throws IOException {
        assertTrue(Files.isRegularFile(tla), tla + " missing");
        assertTrue(Files.isRegularFile(cfg), cfg + " missing");
        Path reportFile = tmp.resolve("report.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"check", tla.toString(), "--config", cfg.toString(),
                        "--report", reportFile.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, output);
        assertTrue(Files.isRegularFile(reportFile), "no report written: " + output);
        return JSON.readTree(reportFile.toFile());
    }

    /**
     * The violated invariant or property is named. TLC names an action property that fails by
     * the location of the conjunct of the refined spec (e.g. "line 21, col 17 ... of module
     * Consensus"), so for a property the name may also be that location in the refined module.
     */
    private static void assertViolatedName(String expected, JsonNode violation) {
        String name = violation.path("name").asText();
        if (violation.path("kind").asText().equals("property") && !name.equals(expected)) {
            String refined = expected.equals("ConsensusRefined") ? "module Consensus" : "module Log";
            assertTrue(name.contains(refined) || violation.path("message").asText().contains(refined),
                    "violated property " + name + " is neither " + expected + " nor in the refined " + refined);
        } else {
            assertEquals(expected, name, violation.toString());
        }
    }

    private static void assertCounterexample(JsonNode report) {
        JsonNode trace = report.path("counterexample");
        assertTrue(trace.isArray(), report.toString());
        assertFalse(trace.isEmpty(), "empty counterexample: " + report);
        assertTrue(trace.size() >= 2, "counterexample without a step: " + report);
        for (int i = 0; i < trace.size(); i++) {
            JsonNode step = trace.get(i);
            assertEquals(i + 1, step.path("step").asInt(), step.toString());
            assertTrue(step.path("state").isObject() && step.path("state").size() > 0, step.toString());
            if (i > 0) {
                assertFalse(step.path("action").asText().isEmpty(), "step without its action: " + step);
            }
        }
    }
}
