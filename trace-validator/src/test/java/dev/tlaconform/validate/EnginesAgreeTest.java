package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast engine and TLC on the trace spec give the same verdict and the same failing line. */
class EnginesAgreeTest {
    static final Path RESOURCES = Path.of("src/test/resources");
    static Validator fast;

    @BeforeAll
    static void open() {
        fast = new Validator(RESOURCES);
    }

    @AfterAll
    static void close() {
        fast.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "toypaxos/valid.ndjson", "toypaxos/partial-nostate.ndjson",
        "toypaxos/broken-ballot.ndjson", "toypaxos/broken-value.ndjson", "toypaxos/broken-dropped.ndjson",
        "toypaxos/broken-swapped.ndjson", "toypaxos/broken-below-promise.ndjson",
        "toypaxos/partial-msg.ndjson", "toypaxos/broken-msg-extra-field.ndjson",
        "toypaxos-buggy/two-values-chosen.ndjson",
    })
    void sameVerdictAndLine(String name) throws Exception {
        Path trace = RESOURCES.resolve("traces").resolve(name);
        ValidationResult f = fast.validate(trace, null, 1000);
        ValidationResult t = new TlcReferenceEngine("256m").validate(trace, null, RESOURCES);
        System.out.println(f.render());
        System.out.println(t.render());
        assertEquals(f.verdict(), t.verdict(), name);
        assertEquals(f.failure() == null ? -1 : f.failure().line(), t.failure() == null ? -1 : t.failure().line(), name);
        assertEquals(f.events(), t.events(), name);
    }

    /**
     * Session 9: TLC first searches with states identified by their position (a VIEW), which merges
     * two states at one position; TraceUnique reports them and the engine searches again without the
     * VIEW. Here the third event's message is logged without its ballot, so node 1 may have promised
     * ballot 1 or 2, and only the first lets the fourth event promise 2: both engines accept, TLC after
     * a second search; the fully logged trace takes one search.
     */
    @org.junit.jupiter.api.Test
    void twoStatesAtAPositionAreSearchedWithoutTheView() throws Exception {
        Path trace = RESOURCES.resolve("traces/toypaxos/partial-two-candidates.ndjson");
        ValidationResult f = fast.validate(trace, null, 1000);
        TlcReferenceEngine tlc = new TlcReferenceEngine("256m");
        ValidationResult t = tlc.validate(trace, null, RESOURCES);
        assertEquals(ValidationResult.Verdict.ACCEPTED, f.verdict(), f.render());
        assertEquals(f.verdict(), t.verdict(), t.render());
        assertEquals(2, tlc.searches(), "a second search, without the VIEW");
        tlc.validate(RESOURCES.resolve("traces/toypaxos/valid.ndjson"), null, RESOURCES);
        assertEquals(1, tlc.searches(), "one search under the VIEW");
    }

    /**
     * Issue 21: a trace the fast engine rejects at line 2 (its first event dropped) whose end line
     * still counts the dropped event is bad input at the end line for both engines (the fast engine
     * reads the rest of the trace after its verdict, as the reference engine reads all of it first).
     */
    @org.junit.jupiter.api.Test
    void badInputAfterARejectionWinsInBothEngines() throws Exception {
        Path trace = RESOURCES.resolve("traces/toypaxos/bad-dropped-count-kept.ndjson");
        BadTraceException f = org.junit.jupiter.api.Assertions.assertThrows(BadTraceException.class, () -> fast.validate(trace, null, 1000));
        BadTraceException t = org.junit.jupiter.api.Assertions.assertThrows(BadTraceException.class,
                () -> new TlcReferenceEngine("256m").validate(trace, null, RESOURCES));
        assertEquals(8, f.line(), f.getMessage());
        assertEquals(f.line(), t.line(), t.getMessage());
    }

    /** The partial-logging rule in both engines: fields left out match, a field the spec lacks does not. */
    @org.junit.jupiter.api.Test
    void partiallyLoggedMessagesAgree() throws Exception {
        ValidationResult ok = fast.validate(RESOURCES.resolve("traces/toypaxos/partial-msg.ndjson"), null, 1000);
        org.junit.jupiter.api.Assertions.assertTrue(ok.accepted(), ok.render());
        ValidationResult extra = fast.validate(RESOURCES.resolve("traces/toypaxos/broken-msg-extra-field.ndjson"), null, 1000);
        assertEquals(ValidationResult.Verdict.REJECTED, extra.verdict(), extra.render());
        assertEquals(4, extra.failure().line(), extra.render());
        org.junit.jupiter.api.Assertions.assertTrue(extra.render().contains("msg.from (not a field of the spec's record)")
                || extra.render().contains("not in"), extra.render());
    }

    @org.junit.jupiter.api.Test
    void aBrokenSpecBreaksAgreementAndBothEnginesSayWhere() throws Exception {
        Path trace = RESOURCES.resolve("traces/toypaxos-buggy/two-values-chosen.ndjson");
        ValidationResult f = fast.validate(trace, null, 1000);
        System.out.println(f.render());
        assertEquals(ValidationResult.Verdict.INVARIANT_VIOLATED, f.verdict());
        assertEquals(8, f.failure().line(), "the second vote for v2 at ballot 2 chooses it");
        assertEquals("Agreement", f.failure().details().path("invariant").asText());
        // checked in the trace-time form the mapping declares, reported under the invariant's name
        assertEquals("AgreementFromVotes", f.failure().details().path("checkedAs").asText());
        org.junit.jupiter.api.Assertions.assertTrue(f.failure().summary().startsWith("invariant Agreement is violated"),
                f.failure().summary());
    }

    /**
     * An invariant's step form (the mapping's invariantSteps) is what the fast engine evaluates on a
     * step: here Agreement's step form re-checks the trace-time form only when a 2b was sent, and the
     * violation is still found at line 8 and reported as Agreement's; a step form that is wrong (TRUE)
     * lets the trace through, so the verdict above came from the step form.
     */
    @org.junit.jupiter.api.Test
    void aStepFormIsEvaluatedOnTheStepAndCanFail(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path trace = RESOURCES.resolve("traces/toypaxos-buggy/two-values-chosen.ndjson");
        for (String step : new String[] {
                "AgreementStep == \\A m \\in msgs' \\ msgs : m.type = \"2b\" => AgreementFromVotes'",
                "AgreementStep == TRUE"}) {
            Path dir = tmp.resolve(step.endsWith("TRUE") ? "wrong" : "right").resolve("toypaxos-buggy");
            java.nio.file.Files.createDirectories(dir);
            Path src = RESOURCES.resolve("specs/toypaxos-buggy");
            String spec = java.nio.file.Files.readString(src.resolve("ToyPaxos.tla"));
            int end = spec.lastIndexOf("\n====") + 1; // the line that ends the module
            java.nio.file.Files.writeString(dir.resolve("ToyPaxos.tla"), spec.substring(0, end) + step + "\n" + spec.substring(end));
            String mapping = java.nio.file.Files.readString(src.resolve("trace-mapping.json")).replace(
                    "\"invariantForms\": {\"Agreement\": \"AgreementFromVotes\"},",
                    "\"invariantForms\": {\"Agreement\": \"AgreementFromVotes\"}, \"invariantSteps\": {\"Agreement\": \"AgreementStep\"},");
            org.junit.jupiter.api.Assertions.assertTrue(mapping.contains("invariantSteps"));
            java.nio.file.Files.writeString(dir.resolve("trace-mapping.json"), mapping);
            try (Validator v = new Validator()) {
                ValidationResult f = v.validate(trace, dir, 1000);
                if (step.endsWith("TRUE")) {
                    assertEquals(ValidationResult.Verdict.ACCEPTED, f.verdict(), f.render());
                } else {
                    assertEquals(ValidationResult.Verdict.INVARIANT_VIOLATED, f.verdict(), f.render());
                    assertEquals(8, f.failure().line(), f.render());
                    assertEquals("Agreement", f.failure().details().path("invariant").asText());
                }
            }
        }
    }
}
