package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast engine on the toy Paxos spec of the tests: verdicts both ways, diagnoses, bad input. */
class FastEngineTest {
    static final Path TRACES = Path.of("src/test/resources/traces/toypaxos");
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of("src/test/resources"));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    static ValidationResult run(String name) throws Exception {
        ValidationResult r = validator.validate(TRACES.resolve(name), null, 1000);
        System.out.println(r.render());
        return r;
    }

    @Test
    void validTraceIsAcceptedWithCoverage() throws Exception {
        ValidationResult r = run("valid.ndjson");
        assertTrue(r.accepted(), r.render());
        assertEquals(7, r.events());
        assertEquals(3L, r.actionCounts().get("Phase1b"));
        assertEquals(1, r.candidatesMax());
    }

    @Test
    void traceWithoutStateIsDecided() throws Exception {
        ValidationResult r = run("partial-nostate.ndjson");
        assertTrue(r.accepted(), r.render());
    }

    @ParameterizedTest
    @CsvSource({
        // trace, failing line, diagnosis kind, text the summary must name
        "broken-ballot.ndjson,        4,  state-mismatch,    maxBal",
        "broken-value.ndjson,         6,  state-mismatch,    maxVal",
        "broken-dropped.ndjson,       2,  message-not-found, msgs",
        "broken-swapped.ndjson,       4,  not-enabled,       Quorums",
        "broken-below-promise.ndjson, 10, not-enabled,       m.bal >= maxBal[a]",
    })
    void brokenTraceIsRejectedAtTheRightLineWithADiagnosis(String trace, long line, String kind, String names) throws Exception {
        ValidationResult r = run(trace);
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(line, r.failure().line(), r.render());
        assertEquals(kind, r.failure().details().path("kind").asText(), r.render());
        assertTrue(r.failure().summary().contains(names), r.render());
        assertEquals(line - 2, r.events(), "events matched before the failing one");
    }

    @ParameterizedTest
    @CsvSource({
        "bad-empty.ndjson,          1,  empty trace",
        "bad-truncated.ndjson,      8,  truncated trace",
        "bad-json.ndjson,           4,  malformed JSON",
        "bad-action.ndjson,         3,  unknown action \"Phase9\"",
        "bad-missing-field.ndjson,  2,  missing field \"msg.bal\"",
        "bad-mistyped-field.ndjson, 2,  field \"msg.bal\" is \"one\"",
        "bad-node.ndjson,           3,  node 7 is not one of",
        "bad-end-count.ndjson,      9,  the end line says 9 events, the file has 7",
        "bad-protocol.ndjson,       1,  unknown protocol \"nosuchprotocol\"",
    })
    void badInputIsOneLineNamingFileAndLine(String trace, long line, String reason) {
        BadTraceException e = assertThrows(BadTraceException.class, () -> run(trace));
        System.out.println(e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void missingFileIsBadInput() {
        BadTraceException e = assertThrows(BadTraceException.class, () -> run("no-such.ndjson"));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
