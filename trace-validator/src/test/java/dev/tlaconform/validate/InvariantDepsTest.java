package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast engine skips an invariant when the variables it reads are unchanged (specs/invdeps:
 * each invariant reads one variable through an operator, LET, a higher-order argument or an
 * INSTANCE substitution). The analysis must find those variables: a step that breaks an invariant
 * by changing only its variable is caught, at the same line as TLC on the trace spec finds it.
 */
class InvariantDepsTest {
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

    @Test
    void eachInvariantReadsExactlyItsVariableAndUnchangedStepsSkipIt() throws Exception {
        Path trace = RESOURCES.resolve("traces/invdeps/valid.ndjson");
        Validator.Loaded l;
        try (Validator own = new Validator(RESOURCES)) { // its own counters
            ValidationResult r = own.validate(trace, null, 1000);
            assertTrue(r.accepted(), r.render());
            try (TraceReader tr = TraceReader.open(trace)) {
                l = own.load(tr, null);
            }
        }
        assertEquals(List.of("SafeX reads [x]", "SafeZ reads [z]", "SafeXY reads [x, y], 2 conjuncts checked apart", "SafeY reads [y]"),
                l.session().invariantReads());
        long[] work = l.session().invariantWork();
        // 8 events (4 IncX, 2 IncY, 2 IncZ) x 4 invariants: each event changes one variable, so only the
        // invariants reading it are evaluated (or answered by the cache): SafeXY on the 6 IncX and IncY;
        // the initial state evaluates all four
        assertEquals(16 + 2, work[0], "skipped");
        assertEquals(8 + 6 + 4, work[1] + work[2], "cache hits + evaluated");
    }

    @ParameterizedTest
    @CsvSource({
        "z-exceeds.ndjson, 8, SafeZ",
        "y-exceeds.ndjson, 8, SafeXY", // the conjunction, before SafeY in the mapping: its y conjunct caught it
    })
    void aViolationInAStepThatChangesOnlyTheReadVariableIsCaughtByBothEngines(String name, long line, String inv)
            throws Exception {
        Path trace = RESOURCES.resolve("traces/invdeps").resolve(name);
        ValidationResult f = fast.validate(trace, null, 1000);
        System.out.println(f.render());
        assertEquals(ValidationResult.Verdict.INVARIANT_VIOLATED, f.verdict(), f.render());
        assertEquals(line, f.failure().line());
        assertEquals(inv, f.failure().details().path("invariant").asText());
        ValidationResult t = new TlcReferenceEngine("256m").validate(trace, null, RESOURCES);
        System.out.println(t.render());
        assertEquals(f.verdict(), t.verdict());
        assertEquals(line, t.failure().line());
    }
}
