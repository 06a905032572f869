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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * specs/epaxos: on one model (MCEPaxosOriginal.cfg and MCEPaxosCorrected.cfg differ only in the
 * constant Recovery), TLC's breadth-first search from the initial state finds the original
 * recovery's Consistency violation (Sutra, arXiv 1906.10917: one ballot variable per record) and
 * the corrected recovery holds. Both verdicts, the same model, no guidance.
 */
class EPaxosSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPECS = Path.of("..", "specs", "epaxos");

    @TempDir
    Path tmp;

    @Test
    void theTwoModelsDifferOnlyInTheRecovery() throws Exception {
        List<String> original = body(SPECS.resolve("MCEPaxosOriginal.cfg"));
        List<String> corrected = body(SPECS.resolve("MCEPaxosCorrected.cfg"));
        assertEquals(original.size(), corrected.size());
        int differ = 0;
        for (int k = 0; k < original.size(); k++) {
            if (!original.get(k).equals(corrected.get(k))) {
                differ++;
                assertEquals("Recovery = \"original\"", original.get(k).trim());
                assertEquals("Recovery = \"corrected\"", corrected.get(k).trim());
            }
        }
        assertEquals(1, differ);
    }

    @Test
    void bfsFindsTheOriginalRecoverysInconsistency() throws Exception {
        JsonNode r = check("MCEPaxosOriginal.cfg", 1);
        assertEquals("violation", r.path("verdict").asText(), r.toString());
        assertEquals("invariant", r.path("violation").path("kind").asText(), r.toString());
        assertEquals("Consistency", r.path("violation").path("name").asText(), r.toString());
        assertTrue(r.path("counterexample").size() > 1, r.toString());
    }

    @Test
    void theCorrectedRecoveryHoldsOnTheSameModel() throws Exception {
        JsonNode r = check("MCEPaxosCorrected.cfg", 0);
        assertEquals("holds", r.path("verdict").asText(), r.toString());
        assertTrue(r.path("distinctStates").asLong() > 1, r.toString());
    }

    /** The model lines, comments left out. */
    private static List<String> body(Path cfg) throws Exception {
        return Files.readAllLines(cfg).stream().filter(l -> !l.startsWith("\\*")).toList();
    }

    private JsonNode check(String cfg, int expectedExit) throws Exception {
        Path report = tmp.resolve(cfg + ".json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"check", SPECS.resolve("MCEPaxos.tla").toString(), "--config",
                        SPECS.resolve(cfg).toString(), "--report", report.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(expectedExit, exit, out.toString(StandardCharsets.UTF_8));
        return JSON.readTree(report.toFile());
    }
}
