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

/**
 * A fast-engine representation switched by a threshold property changes no verdict: the corpus
 * validated with the threshold at 0 (everything in the new form) and at its default gives the same
 * outcomes (PersistentSetsAgreeTest, PersistentFcnsAgreeTest).
 */
final class ThresholdAgreement {
    private ThresholdAgreement() {}

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

    /**
     * Validates the corpus (the simulator's traces of the four protocols under the fault plans none
     * and all, 6 mutants of each) once with the system property prop at 0 and once at its default,
     * and asserts the same verdict, line and event count on every trace, accepted and rejected both
     * occurring (at least 8 each).
     */
    static void assertSameVerdicts(Path dir, String prop) throws Exception {
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
        String before = System.getProperty(prop);
        System.setProperty(prop, "0"); // read when a spec's engine classes are first used, below
        try (Validator v = new Validator(Path.of(".").toAbsolutePath())) {
            for (Path f : files) all.add(outcome(v, f));
        } finally {
            if (before == null) System.clearProperty(prop);
            else System.setProperty(prop, before);
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
