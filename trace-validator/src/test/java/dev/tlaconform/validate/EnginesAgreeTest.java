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
}
