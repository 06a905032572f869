package dev.tlaconform.cli.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlaconform.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * specs/fastpaxos/FastPaxos.tla's quorum requirement is an ASSUME TLC checks both ways: the CI
 * model's sizes pass it, and sizes one too small (or quorums that need not intersect) stop TLC
 * before the first state, naming the assumption. (The broken variant FastQuorumTooSmall, which
 * drops the ASSUME, shows what the requirement prevents: two values chosen; BrokenSpecsTest.)
 */
class FastPaxosSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPECS = Path.of("..", "specs", "fastpaxos");

    @TempDir
    Path tmp;

    /** FastPaxos refines the same Consensus as Paxos: specs/fastpaxos keeps a copy TLC can find beside it. */
    @org.junit.jupiter.api.Test
    void consensusIsPaxossOwn() throws Exception {
        assertEquals(Files.readString(Path.of("..", "specs", "paxos", "Consensus.tla")),
                Files.readString(SPECS.resolve("Consensus.tla")), "copy specs/paxos/Consensus.tla to specs/fastpaxos");
    }

    @ParameterizedTest(name = "N={0} CQ={1} FQ={2}: {3}")
    @CsvSource({
        // N, CQ, FQ, expected (holds = the assumption passes and the tiny model holds)
        "3, 2, 3, holds",
        "3, 2, 2, ASSUME",   // fast quorums one too small: CQ + 2 FQ = 2N
        "4, 2, 4, ASSUME",   // classic quorums one too small: two classic quorums may be disjoint
        "4, 3, 3, holds",
        "5, 3, 3, ASSUME",   // Lamport's N = 5 needs FQ = 4
    })
    void quorumRequirementIsCheckedByTlc(int n, int cq, int fq, String expected) throws Exception {
        Path cfg = tmp.resolve("Sizes.cfg");
        Files.writeString(cfg, String.join("\n",
                "CONSTANTS", "  N = " + n, "  CQ = " + cq, "  FQ = " + fq, "  Values = {\"v1\"}", "  MaxBallot = 0",
                "  MCLearners = {1}", "  MCClients = {1}", "  MCRestart = {}",
                "SPECIFICATION MCSpec", "CHECK_DEADLOCK FALSE", "INVARIANTS", "  Agreement", "  Inv2a", ""));
        Path report = tmp.resolve("report.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"check", SPECS.resolve("MCFastPaxos.tla").toString(), "--config",
                        cfg.toString(), "--report", report.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        JsonNode json = JSON.readTree(report.toFile());
        if (expected.equals("holds")) {
            assertEquals(0, exit, output);
            assertEquals("holds", json.path("verdict").asText(), output);
            assertTrue(json.path("distinctStates").asLong() > 1, output);
        } else {
            assertEquals(1, exit, output);
            assertEquals("violation", json.path("verdict").asText(), output);
            assertEquals("assertion", json.path("violation").path("kind").asText(), output);
            assertTrue(json.path("violation").path("message").asText().contains("module FastPaxos is false"), output);
        }
    }
}
