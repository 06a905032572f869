package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code tlaconform check} as a user runs it: output, exit codes, report, --all. */
class CheckCommandTest {
    record Run(int exit, String out, String err) {}

    static Run tlaconform(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path resource(String name) {
        try {
            return Path.of(CheckCommandTest.class.getResource("/check/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aModelThatHoldsExitsZeroWithFiguresAndReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Run r = tlaconform("check", resource("Counter.tla").toString(), "--report", report.toString(), "--timeout", "90");
        assertEquals(ExitCode.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("verdict: HOLDS"), r.out());
        assertTrue(r.out().contains("distinct states: 441"), r.out());
        assertTrue(r.out().contains("depth: 41"), r.out());
        assertTrue(r.out().contains("distinct states/s"), r.out());
        JsonNode j = new ObjectMapper().readTree(report.toFile());
        assertEquals("holds", j.get("verdict").asText());
        assertEquals(441, j.get("distinctStates").asLong());
    }

    @Test
    void aViolationExitsOneAndPrintsTheCounterexample() {
        Run r = tlaconform("check", resource("DieHard.tla").toString(), "--config", resource("DieHard.cfg").toString());
        assertEquals(ExitCode.VIOLATION, r.exit(), r.err());
        assertTrue(r.out().contains("Invariant NotSolved is violated."), r.out());
        assertTrue(r.out().contains("Counterexample (7 states):"), r.out());
        assertTrue(r.out().contains("  7: BigToSmall"), r.out());
        assertTrue(r.out().contains("big = 4"), r.out());
        assertTrue(r.out().contains("verdict: VIOLATION (invariant NotSolved)"), r.out());
    }

    @Test
    void badInputIsOneLineNamingFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        Run r = tlaconform("check", resource("ParseError.tla").toString(), "--report", report.toString());
        assertEquals(ExitCode.BAD_INPUT, r.exit());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("tlaconform check: "), lines[0]);
        assertTrue(lines[0].contains("ParseError.tla:6:1: "), lines[0]);
        assertEquals("bad-input", new ObjectMapper().readTree(report.toFile()).get("verdict").asText());

        Run missing = tlaconform("check", dir.resolve("Nope.tla").toString());
        assertEquals(ExitCode.BAD_INPUT, missing.exit());
        assertEquals(1, missing.err().strip().split("\n").length, missing.err());
        assertTrue(missing.err().contains("Nope.tla: no such file"), missing.err());
        assertFalse(missing.err().contains("Exception"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(ExitCode.BAD_INPUT, tlaconform("check").exit());
        Run w = tlaconform("check", "X.tla", "--workers", "0");
        assertEquals(ExitCode.BAD_INPUT, w.exit());
        assertTrue(w.err().contains("--workers wants a positive number or 'auto'"), w.err());
        assertEquals(ExitCode.BAD_INPUT, tlaconform("check", "--all", "X.tla").exit());
        Run help = tlaconform("check", "--help");
        assertEquals(ExitCode.OK, help.exit());
        assertTrue(help.out().contains("--distributed"), help.out());
    }

    @Test
    void checkAllRunsTheCiModelsAndHonoursExpectations(@TempDir Path root) throws Exception {
        Path demo = Files.createDirectories(root.resolve("specs/demo"));
        for (String f : new String[] {"Counter.tla", "DieHard.tla"}) {
            Files.copy(resource(f), demo.resolve(f));
        }
        Files.writeString(demo.resolve("Counter.cfg"), "\\* tlaconform: ci\n" + Files.readString(resource("Counter.cfg")));
        Files.writeString(demo.resolve("MCDieHard.cfg"), "\\* tlaconform: ci\n\\* tlaconform: spec=DieHard.tla\n"
                + "\\* tlaconform: expect=violation:NotSolved\n" + Files.readString(resource("DieHard.cfg")));
        Files.writeString(demo.resolve("NotForCi.cfg"), "INIT Init\nNEXT Next\n");
        Path reports = root.resolve("reports");
        Run ok = tlaconform("check", "--all", "--root", root.toString(), "--jobs", "2", "--report-dir", reports.toString());
        assertEquals(ExitCode.OK, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("2 of 2 models met their expectation"), ok.out());
        assertTrue(ok.out().contains("violation:NotSolved"), ok.out());
        assertTrue(Files.isRegularFile(reports.resolve("MCDieHard.json")));

        Files.writeString(demo.resolve("MCDieHard.cfg"), "\\* tlaconform: ci\n\\* tlaconform: spec=DieHard.tla\n"
                + Files.readString(resource("DieHard.cfg")));
        Run bad = tlaconform("check", "--all", "--root", root.toString());
        assertEquals(ExitCode.VIOLATION, bad.exit(), bad.out());
        assertTrue(bad.out().contains("1 of 2 models met their expectation"), bad.out());
        assertTrue(bad.out().contains(" NO "), bad.out());
    }
}
