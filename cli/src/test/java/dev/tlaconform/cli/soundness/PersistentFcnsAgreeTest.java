package dev.tlaconform.cli.soundness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private static final String PROP = "tlaconform.persistentFcnMin";

    private static String outcome(Validator v, Path f) {
        try {
            ValidationResult r = v.validate(f, null, Validator.DEFAULT_MAX_CANDIDATES);
            return r.verdict() + " line " + (r.failure() == null ? -1 : r.failure().line()) + " events " + r.events();
        } catch (BadTraceException e) {
            return "bad input line " + e.line();
        } catch (CandidateLimitException e) {
            return "limit";
        }
    }

    @Test
    void everyFunctionPersistentGivesTheSameVerdicts(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        int k = 0;
        for (MutantCorpus.Base b : MutantCorpus.bases(MutantCorpus.PROTOCOLS, List.of("none", "all"), 1)) {
            Path base = dir.resolve(b.name() + ".ndjson");
            Files.writeString(base, b.text());
            files.add(base);
            for (MutantCorpus.Mutant m : MutantCorpus.mutants(b, 6, 8)) {
                Path f = dir.resolve("m" + (k++) + ".ndjson");
                Files.writeString(f, m.text());
                files.add(f);
            }
        }
        List<String> all = new ArrayList<>();
        String before = System.getProperty(PROP);
        System.setProperty(PROP, "0"); // read when a spec's engine classes are first used, below
        try (Validator v = new Validator(Path.of(".").toAbsolutePath())) {
            for (Path f : files) all.add(outcome(v, f));
        } finally {
            if (before == null) System.clearProperty(PROP);
            else System.setProperty(PROP, before);
        }
        int accepted = 0, rejected = 0;
        try (Validator v = new Validator(Path.of(".").toAbsolutePath())) {
            for (int i = 0; i < files.size(); i++) {
                String o = outcome(v, files.get(i));
                assertEquals(o, all.get(i), files.get(i).getFileName().toString());
                if (o.startsWith("ACCEPTED")) accepted++;
                if (o.startsWith("REJECTED")) rejected++;
            }
        }
        assertTrue(accepted >= 8 && rejected >= 8, accepted + " accepted, " + rejected + " rejected of " + files.size());
    }
}
