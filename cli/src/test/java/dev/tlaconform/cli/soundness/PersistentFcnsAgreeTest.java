package dev.tlaconform.cli.soundness;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast engine's persistent functions change no verdict (docs/validate.md, "Persistent functions,
 * session 9"): the simulator's traces of the four protocols and mutants of them, validated once with
 * every function on 1..n of the variables ExceptScan allows kept as a {@code PersistentFcn} lambda
 * (threshold 0: even the functions over the nodes, nested ones too) and once with the default
 * threshold (the short traces' functions then stay TLC's tuples), give the same verdict, failing
 * line and event count. The base traces are accepted and some mutants rejected, so both verdicts
 * are compared.
 */
class PersistentFcnsAgreeTest {
    @Test
    void everyFunctionPersistentGivesTheSameVerdicts(@TempDir Path dir) throws Exception {
        ThresholdAgreement.assertSameVerdicts(dir, "tlaconform.persistentFcnMin");
    }
}
