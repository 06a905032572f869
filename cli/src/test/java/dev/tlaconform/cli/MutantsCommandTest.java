package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlaconform.impl.core.Mutant;
import dev.tlaconform.impl.sim.Protocols;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlaconform mutants} as a user meets it, on tiny budgets against the real Paxos spec. */
class MutantsCommandTest {
    static final String SPECS = Path.of("../specs").toAbsolutePath().normalize().toString();

    record Run(int code, String out, String err) {}

    static Run mutants(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            String[] all = new String[args.length + 1];
            all[0] = "mutants";
            System.arraycopy(args, 0, all, 1, args.length);
            code = Main.run(all, out, err);
        }
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aClearMutantIsDetectedByTraceValidationOnATinyBudget(@TempDir Path out) throws Exception {
        Run r = mutants("--protocol", "paxos", "--mutant", "learn-on-minority,phase2a-without-quorum", "--runs", "2",
                "--faults", "none", "--jobs", "2", "--specs", SPECS, "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("EVERY MUTANT DETECTED by trace validation"), r.out());
        assertTrue(r.out().contains("line 7 Phase2a: Phase2a is not enabled: conjunct pPromises[p] \\in Quorums is FALSE"), r.out());
        assertTrue(r.out().contains("--mutant phase2a-without-quorum"), "replay command carries the mutant: " + r.out());
        assertTrue(r.err().contains("mutants: paxos/learn-on-minority: validation yes: run 1"), r.err());
        JsonNode rep = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(2, rep.get("summary").get("detectedByValidation").asInt());
        JsonNode first = rep.get("mutants").get(0);
        assertEquals("learn-on-minority", first.get("mutant").asText());
        assertTrue(first.get("validation").get("detected").asBoolean());
        assertEquals("Learn", first.get("validation").get("action").asText());
        assertTrue(Files.exists(out.resolve(first.get("validation").get("trace").asText())), "the detecting trace is kept");
        String md = Files.readString(out.resolve("mutants.md"));
        assertTrue(md.contains("| paxos | `learn-on-minority` |"), md);
    }

    @Test
    void aMutantNoRunExercisesIsReportedMissedWithExit1(@TempDir Path out) {
        // without restarts, a promise that is not durable is never lost: nothing can see the bug
        Run r = mutants("--protocol", "paxos", "--mutant", "promise-not-durable", "--runs", "2", "--faults", "none",
                "--specs", SPECS, "--out", out.toString());
        assertEquals(ExitCode.VIOLATION, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("trace validation: NOT DETECTED in 2 runs"), r.out());
        assertTrue(r.out().contains("MISSED: paxos/promise-not-durable"), r.out());
    }

    @Test
    void listPrintsTheWholeCatalogue() {
        Run r = mutants("--list");
        assertEquals(ExitCode.OK, r.code(), r.err());
        for (String p : Protocols.NAMES) {
            for (Mutant m : Protocols.mutants(p)) {
                assertTrue(r.out().contains(m.label()) && r.out().contains(m.description()), p + "/" + m.label() + ": " + r.out());
            }
        }
    }

    @Test
    void badUsageIsOneLineAndExit2(@TempDir Path out) {
        String[][] bad = {
            {"--protocol", "raft"},
            {"--protocol", "paxos", "--mutant", "no-such-bug"},
            {"--runs", "0"},
            {"--faults", "earthquake"},
            {"--models", "psychic"},
            {"stray"},
            {"--protocol", "paxos", "--specs", out.resolve("nowhere").toString()},
        };
        for (String[] args : bad) {
            Run r = mutants(args);
            assertEquals(ExitCode.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("tlaconform mutants: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }
}
