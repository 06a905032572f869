package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs of the fast engine ({@link Validator}) for the tests: a log given as a file or as lines, its verdict printed. */
final class FastRuns {
    private FastRuns() {}

    /** Validates log against spec (a spec directory) with at most maxCandidates states at once; constants (JSON) may be null. */
    static ValidationResult validate(Path dir, Path log, Path spec, int maxCandidates, String constants) throws Exception {
        try (Validator v = new Validator(dir)) {
            if (constants != null) v.constants(new ObjectMapper().readTree(constants));
            ValidationResult r = v.validate(log, spec, maxCandidates);
            System.out.println(r.render());
            return r;
        }
    }

    /** The same for a log of these lines, written to dir/log.ndjson first. */
    static ValidationResult lines(Path dir, List<String> lines, Path spec, int maxCandidates, String constants) throws Exception {
        Path log = dir.resolve("log.ndjson");
        Files.write(log, lines, StandardCharsets.UTF_8);
        return validate(dir, log, spec, maxCandidates, constants);
    }
}
