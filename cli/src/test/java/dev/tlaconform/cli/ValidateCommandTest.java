package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlaconform validate} as a user runs it, on the toy Paxos spec of the validator's tests. */
class ValidateCommandTest {
    static final Path RES = Path.of("../trace-validator/src/test/resources");
    static final Path TRACES = RES.resolve("traces/toypaxos");
    static final String SPEC = RES.resolve("specs/toypaxos").toString();

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void acceptedTraceExitsZeroWithOneVerdictLine() {
        Run r = run("validate", TRACES.resolve("valid.ndjson").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().contains("ACCEPTED 7 events") && r.out().contains("events/s") && r.out().contains("Phase1b=3"), r.out());
    }

    @Test
    void rejectedTraceExitsOneWithDiagnosisAndReport(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("r.json");
        Run r = run("validate", TRACES.resolve("broken-value.ndjson").toString(), "--spec", SPEC, "--report", report.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("broken-value.ndjson:6: REJECTED"), r.out());
        assertTrue(r.out().contains("maxVal (maxVal[node]): logged \"v1\", spec allows [\"v2\"]"), r.out());
        JsonNode j = new ObjectMapper().readTree(report.toFile()).get("traces").get(0);
        assertEquals("rejected", j.get("verdict").asText());
        assertEquals(6, j.at("/failure/line").asInt());
        assertEquals("maxVal", j.at("/failure/details/variables/0/key").asText());
    }

    @Test
    void badInputExitsTwoWithOneLineAndNoStackTrace() {
        for (String bad : new String[] {"bad-empty.ndjson", "bad-truncated.ndjson", "bad-json.ndjson", "bad-action.ndjson",
                "bad-missing-field.ndjson", "bad-mistyped-field.ndjson", "bad-node.ndjson", "bad-end-count.ndjson",
                "bad-protocol.ndjson", "no-such-file.ndjson"}) {
            Run r = run("validate", TRACES.resolve(bad).toString());
            assertEquals(2, r.exit(), bad + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), bad + ": " + r.err());
            assertTrue(r.err().contains(bad), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
            assertFalse(r.out().contains("ACCEPTED"), r.out());
        }
    }

    @Test
    void manyTracesInParallelShareOneSpecAndTheWorstExitWins() {
        Run r = run("validate", "--jobs", "2", TRACES.resolve("valid.ndjson").toString(),
                TRACES.resolve("partial-nostate.ndjson").toString(), TRACES.resolve("broken-swapped.ndjson").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("3 traces: 2 accepted, 1 rejected, 0 not decided"), r.out());
    }

    @Test
    void tlcEngineGivesTheSameVerdict(@TempDir Path keep) throws Exception {
        Run r = run("validate", "--engine", "tlc", "--tlc-heap", "256m", "--keep-trace-spec", keep.toString(),
                TRACES.resolve("broken-dropped.ndjson").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("broken-dropped.ndjson:2: REJECTED [tlc]"), r.out());
        // what TLC checked, kept for a hand run: the trace spec generated from the mapping, its cfg, NDJsonTrace
        String spec = Files.readString(keep.resolve("TraceToyPaxos.tla"));
        assertTrue(spec.contains("GENERATED from trace-mapping.json"), spec);
        assertTrue(Files.readString(keep.resolve("TraceToyPaxos.cfg")).contains("INIT TraceInit"));
        assertTrue(Files.exists(keep.resolve("NDJsonTrace.tla")));
        Run usage = run("validate", "--keep-trace-spec", keep.toString(), TRACES.resolve("broken-dropped.ndjson").toString());
        assertEquals(2, usage.exit(), usage.err());
        Run bad = run("validate", "--engine", "tlc", "--tlc-heap", "256m", TRACES.resolve("bad-mistyped-field.ndjson").toString());
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains("bad-mistyped-field.ndjson:2:"), bad.err());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertEquals(2, run("validate").exit());
        assertEquals(2, run("validate", "--engine", "slow", "x.ndjson").exit());
        assertEquals(2, run("validate", "--max-candidates", "-3", "x.ndjson").exit());
        assertEquals(2, run("validate", "--spec", "/no/such/dir", TRACES.resolve("valid.ndjson").toString()).exit());
        assertTrue(Files.exists(TRACES.resolve("valid.ndjson")));
    }

    @Test
    void aSystemsOwnLogIsValidatedThroughItsMappingWithConstantsFromOutside(@TempDir Path tmp) throws Exception {
        String spec = RES.resolve("specs/bagnet").toString();
        Path log = RES.resolve("specs/bagnet/good.ndjson");
        Run ok = run("validate", log.toString(), "--spec", spec);
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("ACCEPTED 7 events"), ok.out());
        // --constants wins over the log's first line: one node, so node 2's heartbeat cannot be evaluated (bad input at its line)
        Path one = tmp.resolve("one.json");
        Files.writeString(one, "{\"N\": 1}");
        Run bad = run("validate", log.toString(), "--spec", spec, "--constants", one.toString());
        assertFalse(bad.exit() == 0, bad.out() + bad.err());
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"N\": ");
        Run b = run("validate", log.toString(), "--spec", spec, "--constants", broken.toString());
        assertEquals(2, b.exit(), b.out() + b.err());
        assertTrue(b.err().contains("broken.json:") && b.err().contains("--constants"), b.err());
        // without --spec there is no header to find the spec by
        Run none = run("validate", log.toString());
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("good.ndjson:1: not a tlaconform trace (no header line)"), none.err());
        // --engine tlc reads the same log with the same mapping (its trace spec generated from it), --constants too
        Run tlc = run("validate", log.toString(), "--spec", spec, "--engine", "tlc");
        assertEquals(0, tlc.exit(), tlc.out() + tlc.err());
        assertTrue(tlc.out().contains("ACCEPTED 7 events") && tlc.out().contains("[tlc]"), tlc.out());
        Run tlcOne = run("validate", log.toString(), "--spec", spec, "--engine", "tlc", "--constants", one.toString());
        assertFalse(tlcOne.exit() == 0, tlcOne.out() + tlcOne.err());
    }
}
