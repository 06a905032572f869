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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * specs/zab/ZabTraceForms.tla, the forms the fast trace validator evaluates for Zab, can fail:
 * each invariant's step form is violated on the broken variant of Zab that breaks the invariant
 * (src/test/resources/broken/zab, renamed Zab, beside the real ZabTraceForms); the step forms stay
 * equal to the invariants after every step on variants where the invariants fail; and broken copies
 * of the forms (the positional comparison left out, a search by zxid gone wrong) are caught by the
 * checks of MCZabTraceForms (check --all runs it, on a model where everything holds).
 */
class ZabTraceFormsTest {
    private static final Path BROKEN = Path.of("src/test/resources/broken/zab");
    private static final Path SPECS = Path.of("..", "specs", "zab");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} violates {1}")
    @CsvSource({
        "ZabBrokenIntegrity, IntegrityStepOK",
        "ZabBrokenTotalOrder, TotalOrderStepOK",
        "ZabBrokenAgreement, AgreementStepOK",
        "ZabBrokenLocalPrimaryOrder, LocalPrimaryOrderStepOK",
        "ZabBrokenGlobalPrimaryOrder, GlobalPrimaryOrderStepOK",
        "ZabBrokenPrimaryIntegrity, PrimaryIntegrityStepOK",
        "ZabBrokenReplayConsistency, ReplayConsistencyStepOK",
    })
    void stepFormIsViolatedWhereItsInvariantIs(String variant, String property) throws Exception {
        Path dir = formsBeside(variant, "PROPERTY " + property, UnaryOperator.identity());
        JsonNode report = check(dir, 1);
        assertEquals("violation", report.path("verdict").asText(), report.toString());
        assertEquals(property, report.path("violation").path("name").asText(), report.toString());
        assertTrue(report.path("counterexample").size() > 1, report.toString());
    }

    /** Where the invariants fail, each step form still equals its invariant after every step. */
    @ParameterizedTest(name = "step forms equal the invariants on {0}")
    @CsvSource({"ZabBrokenIntegrity", "ZabBrokenTotalOrder", "ZabBrokenLocalPrimaryOrder"})
    void stepFormsEqualTheInvariantsWhereTheyFail(String variant) throws Exception {
        JsonNode report = check(formsBeside(variant, "PROPERTY StepFormsOK", UnaryOperator.identity()), 0);
        assertEquals("holds", report.path("verdict").asText(), report.toString());
        assertTrue(report.path("distinctStates").asLong() > 50, report.toString());
    }

    /** TotalOrder and Agreement's fast path without the comparison with the other servers: caught. */
    @Test
    void aStepFormThatComparesTooLittleIsCaught() throws Exception {
        String full = "    /\\ \\A j \\in Server : k <= Len(delivered'[j]) => delivered'[j][k] = delivered'[i][k]\n";
        Path dir = formsBeside("ZabBrokenAgreement", "PROPERTY StepFormsOK", forms -> {
            assertTrue(forms.contains(full));
            return forms.replace(full, "");
        });
        JsonNode report = check(dir, 1);
        assertEquals("violation", report.path("verdict").asText(), report.toString());
        assertEquals("StepFormsOK", report.path("violation").path("name").asText(), report.toString());
    }

    /**
     * The searches by zxid, broken two ways, are caught by the ASSUME of MCZabTraceForms.tla, which
     * checks them on every sorted history of up to 6 txns (the model's own are too short): a binary
     * search turned the wrong way, and TraceIndexOf's first guess taken without checking it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ELSE IF ZxidLT(mz, z) THEN ZxidSearch(h, z, mid + 1, hi)|ELSE IF ZxidLT(z, mz) THEN ZxidSearch(h, z, mid + 1, hi)",
        "IN IF 1 <= p /\\ p <= n /\\ h[p].zxid = z THEN p|IN IF 1 <= p /\\ p <= n THEN p",
    })
    void aWrongSearchIsCaught(String right, String wrong) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("search"));
        for (String f : new String[] {"Zab.tla", "MCZab.tla", "MCZabTraceForms.tla", "MCZabTraceForms.cfg"}) {
            Files.copy(SPECS.resolve(f), dir.resolve(f));
        }
        String forms = Files.readString(SPECS.resolve("ZabTraceForms.tla"));
        assertTrue(forms.contains(right), right);
        Files.writeString(dir.resolve("ZabTraceForms.tla"), forms.replace(right, wrong));
        Path json = dir.resolve("report.json");
        int code = Main.run(new String[] {"check", dir.resolve("MCZabTraceForms.tla").toString(), "--config",
                        dir.resolve("MCZabTraceForms.cfg").toString(), "--report", json.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals(1, code, report.toString());
        assertEquals("violation", report.path("verdict").asText(), report.toString());
        assertEquals("ASSUME", report.path("violation").path("name").asText(), report.toString());
    }

    /**
     * A directory with the broken variant (renamed Zab), ZabTraceForms.tla (as edit makes it) and
     * Forms.cfg: the variant's model checking what the given line names instead of its invariant.
     */
    private Path formsBeside(String variant, String check, UnaryOperator<String> edit) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(variant + "-" + check.replace(' ', '-')));
        String spec = Files.readString(BROKEN.resolve(variant + ".tla"));
        Files.writeString(dir.resolve("Zab.tla"), spec.replaceFirst("-+ MODULE \\w+ -+", "---- MODULE Zab ----"));
        Files.writeString(dir.resolve("ZabTraceForms.tla"), edit.apply(Files.readString(SPECS.resolve("ZabTraceForms.tla"))));
        String model = Files.readString(BROKEN.resolve(variant + ".cfg")).replaceAll("(?m)^\\\\\\* tlaconform:.*\n", "")
                .replaceAll("(?m)^INVARIANT.*$", check.replace("\\", "\\\\"));
        Files.writeString(dir.resolve("Forms.cfg"), model);
        return dir;
    }

    private JsonNode check(Path dir, int expectedExit) throws Exception {
        Path json = dir.resolve("report.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", dir.resolve("ZabTraceForms.tla").toString(), "--config",
                        dir.resolve("Forms.cfg").toString(), "--report", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedExit, code, () -> "stdout:\n" + out.toString(StandardCharsets.UTF_8)
                + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8));
        return JSON.readTree(json.toFile());
    }
}
