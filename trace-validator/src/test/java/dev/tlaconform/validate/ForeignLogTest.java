package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system's own log read by the fast engine through its mapping's "log" section
 * (specs/bagnet in the test resources): lines classified by rules, skipped lines, constants from
 * the first line or from outside, a step that changes nothing with pre-state conditions, state keys
 * written as TLA+ expressions over the variables and the line E, msgIn over a bag, line numbers of
 * the original file. Each feature is shown able to accept and to reject.
 */
class ForeignLogTest {
    static final Path SPEC = Path.of("src/test/resources/specs/bagnet");

    static List<String> good() throws Exception {
        return Files.readAllLines(SPEC.resolve("good.ndjson"), StandardCharsets.UTF_8);
    }

    static ValidationResult run(Path dir, List<String> lines) throws Exception {
        return run(dir, lines, null);
    }

    static ValidationResult run(Path dir, List<String> lines, String constants) throws Exception {
        Path log = dir.resolve("log.ndjson");
        Files.write(log, lines, StandardCharsets.UTF_8);
        try (Validator v = new Validator(dir)) {
            if (constants != null) v.constants(new ObjectMapper().readTree(constants));
            ValidationResult r = v.validate(log, SPEC, 1000);
            System.out.println(r.render());
            return r;
        }
    }

    /** good.ndjson with line n (1-based) replaced. */
    static List<String> with(int n, String text) throws Exception {
        List<String> l = new ArrayList<>(good());
        l.set(n - 1, text);
        return l;
    }

    @Test
    void theLogIsAcceptedAsItIs(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, good());
        assertTrue(r.accepted(), r.render());
        assertEquals(7, r.events(), "8 lines after the constants: one debug line skipped, one blank");
        assertEquals(3L, r.actionCounts().get("Send"));
        assertEquals(2L, r.actionCounts().get("UNCHANGED"));
    }

    @Test
    void aStateKeyWrittenAsAnExpressionIsCheckedAtTheOriginalLine(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, with(8, "{\"tag\":\"net\",\"ev\":\"rcv\",\"who\":2,\"payload\":{\"from\":1,\"val\":2},\"st\":{\"len\":3,\"last\":2}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(8, r.failure().line(), r.render());
        assertTrue(r.failure().summary().contains("len"), r.render());
    }

    @Test
    void aPreStateConditionOfAStepThatChangesNothingCanFail(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, with(5, "{\"tag\":\"net\",\"ev\":\"hb\",\"who\":2,\"sent\":1,\"got\":0}"));
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(5, r.failure().line(), r.render());
        assertEquals("require", r.failure().details().path("kind").asText(), r.render());
        assertTrue(r.failure().summary().contains("sent = E.sent"), r.render());
    }

    @Test
    void msgInOverABagNeedsTheMessageTheStepAdded(@TempDir Path dir) throws Exception {
        // node 1 logs a message from node 2: the bag gains [from |-> 1, val |-> 2], not that one
        ValidationResult r = run(dir, with(2, "{\"tag\":\"net\",\"ev\":\"snd\",\"who\":1,\"payload\":{\"from\":2,\"val\":2}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(2, r.failure().line(), r.render());
        assertEquals("message-not-sent", r.failure().details().path("kind").asText(), r.render());
    }

    @Test
    void aReceiveOfAMessageNobodySentIsRejected(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, with(6, "{\"tag\":\"net\",\"ev\":\"rcv\",\"who\":2,\"payload\":{\"from\":1,\"val\":3},\"st\":{\"len\":1,\"last\":3}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(6, r.failure().line(), r.render());
    }

    @Test
    void constantsComeFromTheFirstLineOrFromOutside(@TempDir Path dir) throws Exception {
        // without its constants line the log's first event is read as constants: N is missing, at line 1
        BadTraceException e = assertThrows(BadTraceException.class, () -> run(dir, good().subList(1, good().size())));
        assertTrue(e.getMessage().contains("log.ndjson:1:") && e.getMessage().contains("\"N\""), e.getMessage());
        // --constants wins over the first line: N = 3 still has nodes 1 and 2; N = 1 has no node 2
        ValidationResult r = run(dir, good(), "{\"N\": 3}");
        assertTrue(r.accepted(), r.render());
        ValidationResult one;
        try {
            one = run(dir, good(), "{\"N\": 1}");
        } catch (BadTraceException bad) {
            assertTrue(bad.getMessage().contains("log.ndjson:5:"), bad.getMessage());   // log[2] does not exist
            return;
        }
        assertEquals(ValidationResult.Verdict.REJECTED, one.verdict(), one.render());
    }

    @Test
    void aLineNoRuleClassifiesIsBadInputAtItsLine(@TempDir Path dir) throws Exception {
        BadTraceException e = assertThrows(BadTraceException.class, () -> run(dir, with(3, "{\"tag\":\"trace\",\"text\":\"x\"}")));
        assertTrue(e.getMessage().contains("log.ndjson:3: no kind of the mapping's \"log\" matches this line"), e.getMessage());
    }

    @Test
    void aLoggedFieldNothingChecksIsBadInput(@TempDir Path dir) throws Exception {
        BadTraceException e = assertThrows(BadTraceException.class,
                () -> run(dir, with(5, "{\"tag\":\"net\",\"ev\":\"hb\",\"who\":2,\"sent\":2,\"got\":0,\"extra\":1}")));
        assertTrue(e.getMessage().contains("log.ndjson:5: field \"extra\" of Heartbeat"), e.getMessage());
    }

    @Test
    void aTraceWithoutHeaderNeedsASpecDirectory(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.ndjson");
        Files.write(log, good(), StandardCharsets.UTF_8);
        try (Validator v = new Validator(dir)) {
            BadTraceException e = assertThrows(BadTraceException.class, () -> v.validate(log, null, 1000));
            assertTrue(e.getMessage().contains("no header line"), e.getMessage());
        }
    }
}
