package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Traces that leave out the acceptors' steps: the mapping's silent actions fill them in, bounded. */
class PartialLoggingTest {
    static final Path TRACES = Path.of("src/test/resources/traces/toypaxos-silent");
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of("src/test/resources"));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    @Test
    void traceWithoutThePromisesIsAcceptedThroughSilentSteps() throws Exception {
        ValidationResult r = validator.validate(TRACES.resolve("no-promises.ndjson"), null, 1000);
        System.out.println(r.render());
        assertTrue(r.accepted(), r.render());
        assertTrue(r.candidatesMax() > 1, "the unlogged promises leave several spec states open");
        assertTrue(r.actionsNeverSeen().contains("Phase1b"));
    }

    @Test
    void aVoteForAMessageNeverSentIsStillRejected() throws Exception {
        ValidationResult r = validator.validate(TRACES.resolve("no-promises-broken.ndjson"), null, 1000);
        System.out.println(r.render());
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict());
        assertEquals(4, r.failure().line());
        assertTrue(r.failure().candidatesBefore() > 1);
    }

    @Test
    void theCandidateBoundIsAClearErrorNotAVerdict() {
        CandidateLimitException e = assertThrows(CandidateLimitException.class,
                () -> validator.validate(TRACES.resolve("no-promises.ndjson"), null, 2));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("no-promises.ndjson:") && e.getMessage().contains("--max-candidates"), e.getMessage());
    }
}
