package dev.tlaconform.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reasons why a branch of a protocol core is never taken (docs/coverage-reasons.tsv): every
 * entry names a line that is still in its source (a stale entry fails here, so reasons cannot rot),
 * the automatic categories recognise what they claim and nothing else, and the terminal shows each
 * never-taken line beside its reason, or says it has none.
 */
class CoverageReasonsTest {
    private static final CoverageReasons REASONS = CoverageReasons.load();

    @Test
    void everyWrittenReasonNamesALineStillInItsSource() {
        List<String> stale = new ArrayList<>();
        for (CoverageReasons.Entry e : REASONS.entries()) {
            List<String> src = REASONS.source(e.file());
            if (src.isEmpty()) {
                stale.add("docs/coverage-reasons.tsv:" + e.line() + ": no source " + e.file());
            } else if (src.stream().noneMatch(l -> l.trim().equals(e.text()))) {
                stale.add("docs/coverage-reasons.tsv:" + e.line() + ": " + e.file() + " has no line '" + e.text() + "'");
            }
        }
        assertTrue(stale.isEmpty(), "stale reasons (the code changed: rewrite or remove them):\n" + String.join("\n", stale));
    }

    @Test
    void theProtocolCoresSourcesAreBundled() {
        assertFalse(REASONS.source("paxos/PaxosNode.java").isEmpty());
        assertFalse(REASONS.source("nakamoto/NakamotoNode.java").isEmpty());
        assertTrue(REASONS.source("sim/Simulation.java").isEmpty(), "only the protocol cores");
    }

    @Test
    void aMalformedOrDuplicatedEntryIsRefusedWithItsLine() {
        IllegalArgumentException cat = assertThrows(IllegalArgumentException.class, () -> CoverageReasons.parse(
                in("# c\npaxos/PaxosNode.java\tif (x) {\tbogus\twhy\n"), "r.tsv"));
        assertTrue(cat.getMessage().startsWith("r.tsv:2: unknown category 'bogus'"), cat.getMessage());
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class, () -> CoverageReasons.parse(
                in("paxos/PaxosNode.java\tif (x) {\tmodel\n"), "r.tsv"));
        assertTrue(cols.getMessage().startsWith("r.tsv:1: expected"), cols.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> CoverageReasons.parse(
                in("a/A.java\tif (x) {\tmodel\tone\na/A.java\t  if (x) {\trare\ttwo\n"), "r.tsv"));
        assertTrue(dup.getMessage().startsWith("r.tsv:2: a second entry"), dup.getMessage());
    }

    @Test
    void aGuardOfAThrowIsAContractCheckAndNothingElseIs() {
        assertTrue(CoverageReasons.guardsThrow(List.of("if (m.bal() < 0) {", "    // why", "throw new IllegalStateException();", "}"), 0));
        assertTrue(CoverageReasons.guardsThrow(List.of("if (a", "        || b) {", "throw new X();"), 0));
        assertTrue(CoverageReasons.guardsThrow(List.of("if (a) throw new X();"), 0));
        assertFalse(CoverageReasons.guardsThrow(List.of("if (a) {", "x = 1;", "throw new X();"), 0));
        assertFalse(CoverageReasons.guardsThrow(List.of("return a ? b : c;", "throw new X();"), 0));
    }

    @Test
    void aMutantSwitchExplainsNoMoreNeverTakenBranchesThanItHasComparisons() {
        // PaxosNode: "if (m.bal() <= maxBal && mutant != PaxosMutant.PROMISE_WITHOUT_BALLOT_CHECK) {": one comparison
        List<String> src = REASONS.source("paxos/PaxosNode.java");
        int line = 0;
        for (int i = 0; i < src.size(); i++) {
            if (src.get(i).contains("mutant != PaxosMutant.PROMISE_WITHOUT_BALLOT_CHECK")) {
                line = i + 1;
            }
        }
        assertTrue(line > 0);
        CoverageReasons.Reason one = REASONS.explain("paxos/PaxosNode.java", line, 1);
        assertEquals("mutant", one.category());
        assertTrue(one.automatic());
        // two of its four branches never taken: the ballot test's too, which no mutant comparison explains
        CoverageReasons.Reason two = REASONS.explain("paxos/PaxosNode.java", line, 2);
        assertTrue(two == null || !two.category().equals("mutant"), String.valueOf(two));
        assertNull(REASONS.explain("paxos/NoSuchFile.java", 3, 1));
    }

    @Test
    void theTerminalShowsEachNeverTakenLineBesideItsReasonOrSaysItHasNone() {
        CoverageReasons.Reason mutant = new CoverageReasons.Reason("mutant", "auto text", true);
        CoverageReasons.Reason written = new CoverageReasons.Reason("model", "a follower never follows a leader behind it", false);
        List<Coverage.MissedBranch> m = List.of(
                new Coverage.MissedBranch("A.java", 10, 1, 2, "if (mutant == X) {", mutant),
                new Coverage.MissedBranch("A.java", 12, 1, 2, "if (mutant != Y) {", mutant),
                new Coverage.MissedBranch("A.java", 20, 1, 2, "if (epoch > e) {", written),
                new Coverage.MissedBranch("A.java", 30, 2, 4, "if (a && b) {", null));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Coverage.printMissed(new PrintStream(o, true, StandardCharsets.UTF_8), m, 12);
        String text = o.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("lines with a branch never taken: 4 (2 mutant, 1 model, 1 WITHOUT A REASON)"), text);
        assertTrue(text.contains("mutant, automatic (auto text): A.java:10, A.java:12"), text);
        assertTrue(text.contains("A.java:20 (1/2) model: a follower never follows a leader behind it"), text);
        assertTrue(text.contains("A.java:30 (2/4) NO REASON: if (a && b) {"), text);
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
