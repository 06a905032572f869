package dev.tlaconform.cli.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which detection came first, as the report's "first" column says. */
class MutantOutcomeTest {
    static MutantOutcome.Detection at(int runs, long inRun) {
        return new MutantOutcome.Detection(runs, 100, inRun, 7, "all", "partial", 0, null, "why", "replay", null);
    }

    static String first(MutantOutcome.Detection v, MutantOutcome.Detection i) {
        return new MutantOutcome("paxos", "m", "d", 10, 10, v, i, 0, null).first();
    }

    @Test
    void earlierRunThenEarlierEventWins() {
        assertEquals("-", first(null, null));
        assertEquals("validation", first(at(3, 50), null));
        assertEquals("invariants", first(null, at(3, 50)));
        assertEquals("validation", first(at(2, 50), at(3, 1)));
        assertEquals("invariants", first(at(4, 1), at(3, 50)));
        assertEquals("validation", first(at(3, 10), at(3, 50)));
        assertEquals("invariants", first(at(3, 51), at(3, 50)));
        assertEquals("same event", first(at(3, 50), at(3, 50)));
    }

    @Test
    void aTraceCutShortByAThrowKeepsItsCompleteLinesAndGetsAnEndLine() {
        String partial = "{\"kind\":\"header\"}\n{\"kind\":\"event\",\"seq\":1}\n{\"kind\":\"event\",\"seq\":2}\n{\"kind\":\"ev";
        assertEquals("{\"kind\":\"header\"}\n{\"kind\":\"event\",\"seq\":1}\n{\"kind\":\"event\",\"seq\":2}\n"
                + "{\"kind\":\"end\",\"events\":2}\n", new String(MutantBench.prefix(partial), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("{\"kind\":\"end\",\"events\":0}\n", new String(MutantBench.prefix(""), java.nio.charset.StandardCharsets.UTF_8));
    }
}
