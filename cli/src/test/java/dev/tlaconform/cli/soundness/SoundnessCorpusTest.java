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
 * no hang, no disagreement.
 */
class SoundnessCorpusTest {
    @Test
    void mutantsAreRejectedRefusedOrLegitimatelyAccepted(@TempDir Path dir) throws Exception {
        Soundness s = new Soundness(dir, 60);
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
        for (Soundness.Row r : rows) {
            if (!List.of("rejected", "refused", "accepted-legitimately").contains(r.cls())) {
                bad.append(r.cls()).append(": ").append(r.m().base()).append(' ').append(r.m().note()).append(": fast ")
                        .append(r.fast()).append(", tlc ").append(r.tlc()).append('\n');
            }
        }
        assertTrue(rows.size() >= 100, table);
        assertEquals("", bad.toString(), table);
        assertTrue(c.get("all").getOrDefault("rejected", 0) > rows.size() / 3, table);
    }
}
