package dev.tlaconform.cli.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trace-time forms of Paxos's invariants (specs/paxos/PaxosTraceForms.tla, which the fast
 * validator checks instead of Agreement, Validity and DecidedIsChosen) can fail, and stay equal
 * to the invariants on states where those are FALSE. Each case copies a broken variant of
 * src/test/resources/broken/paxos/ (whose own cfg makes TLC find the invariant violated, see
 * BrokenSpecsTest) together with the real PaxosTraceForms.tla and MCPaxosTraceForms.tla into a
 * temporary directory, so the forms checked are the ones the validator loads. The CI model
 * specs/paxos/MCPaxosTraceForms.cfg checks the equivalence on the correct spec.
 */
class PaxosTraceFormsTest {
    private static final Path BROKEN = Path.of("src", "test", "resources", "broken", "paxos");
    private static final Path SPECS = Path.of("..", "specs", "paxos");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The variant's model with its invariant replaced by the invariant's trace-time form. */
    @ParameterizedTest(name = "{0}: Trace{1} violated")
    @CsvSource({
        "Phase2bIgnoresPromise, Agreement",
        "Phase2aDefaultValue,   Validity",
        "LearnWithoutQuorum,    DecidedIsChosen",
    })
    void traceFormIsViolatedWhereTheInvariantIs(String variant, String invariant) throws IOException {
        Path cfg = model(variant, invariant, List.of("Trace" + invariant));
        JsonNode report = check(cfg, 1);
        assertEquals("violation", report.path("verdict").asText(), report.toString());
        assertEquals("invariant", report.path("violation").path("kind").asText(), report.toString());
        assertEquals("Trace" + invariant, report.path("violation").path("name").asText(), report.toString());
        JsonNode trace = report.path("counterexample");
        assertTrue(trace.isArray() && trace.size() >= 2, "no counterexample: " + report);
    }

    /**
     * The same models (which reach states violating the invariant, as the test above shows)
     * checked for ChosenValues = Chosen, ChosenAt = TraceChosenAt and each form equivalent to its invariant: no error.
     * Phase2bIgnoresPromise (317,492 states, 45 s) is run by hand: docs/paxos-validation.md.
     */
    @ParameterizedTest(name = "{0}: forms equivalent")
    @CsvSource({
        "Phase2aDefaultValue, Validity",
        "LearnWithoutQuorum,  DecidedIsChosen",
    })
    void formsEqualTheInvariantsWhereTheyAreFalse(String variant, String invariant) throws IOException {
        Path cfg = model(variant, invariant, List.of("ChosenValuesOK", "ChosenAtOK", "TraceFormsEquivalent"));
        JsonNode report = check(cfg, 0);
        assertEquals("holds", report.path("verdict").asText(), report.toString());
        assertTrue(report.path("distinctStates").asLong() > 100, report.toString());
    }

    /**
     * Copies the variant and the forms modules to tmp and writes MCPaxosTraceForms.cfg: the
     * variant's MCPaxos.cfg with its INVARIANT section (the one line naming {@code invariant})
     * replaced by {@code invariants}; any CONSTRAINT after it is kept.
     */
    private Path model(String variant, String invariant, List<String> invariants) throws IOException {
        Path dir = BROKEN.resolve(variant);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, tmp.resolve(f.getFileName().toString()));
            }
        }
        for (String module : List.of("PaxosTraceForms.tla", "MCPaxosTraceForms.tla")) {
            Files.copy(SPECS.resolve(module), tmp.resolve(module));
        }
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        for (String line : Files.readAllLines(dir.resolve("MCPaxos.cfg"))) {
            if (line.strip().equals(invariant) && !replaced) {
                out.addAll(invariants.stream().map(i -> "  " + i).toList());
                replaced = true;
            } else if (!line.startsWith("\\* tlaconform: expect=")) {
                out.add(line);
            }
        }
        assertTrue(replaced, dir + "/MCPaxos.cfg does not list " + invariant);
        Path cfg = tmp.resolve("MCPaxosTraceForms.cfg");
        Files.write(cfg, out);
        return cfg;
    }

    private JsonNode check(Path cfg, int expectedExit) throws IOException {
        Path reportFile = tmp.resolve("report.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"check", tmp.resolve("MCPaxosTraceForms.tla").toString(),
                        "--config", cfg.toString(), "--report", reportFile.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, output);
        assertTrue(Files.isRegularFile(reportFile), "no report written: " + output);
        return JSON.readTree(reportFile.toFile());
    }
}
