package dev.tlaconform.cli.soundness;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast engine's persistent sets change no verdict (docs/validate.md, "Persistent values, session
 * 8"): the simulator's traces of the four protocols and mutants of them, validated once with every
 * set of the spec states kept as a {@code PersistentSetValue} (threshold 0) and once with the
 * default threshold (the short traces' sets then stay TLC's arrays), give the same verdict, failing
 * line and event count. The base traces are accepted and some mutants rejected, so both verdicts are
 * compared.
 */
class PersistentSetsAgreeTest {
    @Test
    void everySetPersistentGivesTheSameVerdicts(@TempDir Path dir) throws Exception {
        ThresholdAgreement.assertSameVerdicts(dir, "tlaconform.persistentSetMin");
    }
}
