package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec-level coverage below the action (engine/ActionBranches), on specs/branchy: the two disjuncts
 * of Tick (split by TLC into two sub-actions), the IF inside the first, and the disjunctive guard
 * Low that Reset applies. A trace counts an alternative only when an accepted step took it; one
 * that never did shows 0, and a later trace that does take it moves it off 0. Without recording
 * asked for, nothing is recorded.
 */
class ActionBranchesTest {
    static final Path RESOURCES = Path.of("src/test/resources");

    static Path trace(Path dir, String name, String... steps) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"kind\":\"header\",\"schema\":1,\"protocol\":\"branchy\",\"constants\":{}}");
        for (String s : steps) {
            String[] p = s.split(" ");   // "Tick 1 up"
            lines.add("{\"kind\":\"event\",\"seq\":" + lines.size() + ",\"action\":\"" + p[0] + "\",\"state\":{\"x\":" + p[1]
                    + ",\"mode\":\"" + p[2] + "\"}}");
        }
        lines.add("{\"kind\":\"end\",\"events\":" + steps.length + "}");
        return Files.write(dir.resolve(name), lines);
    }

    /** The count of the one alternative of action whose label contains part. */
    static long count(Map<String, Map<String, Long>> b, String action, String part) {
        List<Long> found = new ArrayList<>();
        b.getOrDefault(action, Map.of()).forEach((label, n) -> {
            if (label.contains(part)) found.add(n);
        });
        assertEquals(1, found.size(), action + " '" + part + "' in " + b);
        return found.get(0);
    }

    @Test
    void eachAlternativeCountsTheAcceptedStepsThatTookItAndZeroShowsOneNeverTaken(@TempDir Path dir) throws Exception {
        Path spec = RESOURCES.resolve("specs/branchy");
        try (Validator v = new Validator(RESOURCES).recordActionBranches()) {
            assertTrue(v.validate(trace(dir, "a.ndjson", "Tick 1 up", "Reset 0 up", "Tick 1 up", "Tick 2 up"), null, 100)
                    .accepted());
            Map<String, Map<String, Long>> b = v.actionBranches(spec);
            assertEquals(3, count(b, "Tick", "\\/ 1 of 2"));
            assertEquals(0, count(b, "Tick", "\\/ 2 of 2"), "no step went down yet: " + b);
            assertEquals(0, count(b, "Tick", "IF ... THEN"));
            assertEquals(3, count(b, "Tick", " ELSE: "));
            assertEquals(1, count(b, "Reset", "Branchy.tla:11:"), "x < 2 held at the Reset (x = 1): " + b);
            assertEquals(0, count(b, "Reset", "Branchy.tla:12:"), "x > 5 never: " + b);

            assertTrue(v.validate(trace(dir, "b.ndjson", "Tick 1 up", "Tick 2 up", "Tick 3 down", "Tick 2 down"), null, 100)
                    .accepted());
            b = v.actionBranches(spec);
            assertEquals(1, count(b, "Tick", "IF ... THEN"), "x = 2 went down: " + b);
            assertEquals(1, count(b, "Tick", "\\/ 2 of 2"), "and came back one: " + b);
            assertEquals(6, count(b, "Tick", "\\/ 1 of 2"));
            assertEquals(0, count(b, "Reset", "Branchy.tla:12:"));
        }
    }

    @Test
    void nothingIsRecordedUnlessAsked(@TempDir Path dir) throws Exception {
        try (Validator v = new Validator(RESOURCES)) {
            assertTrue(v.validate(trace(dir, "a.ndjson", "Tick 1 up"), null, 100).accepted());
            assertTrue(v.actionBranches(RESOURCES.resolve("specs/branchy")).isEmpty());
        }
    }
}
