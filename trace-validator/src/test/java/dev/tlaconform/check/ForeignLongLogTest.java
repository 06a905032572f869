package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign log longer than the window the fast engine reads lines through (ForeignLog keeps each
 * line's place in the file and reads it again when the engine reaches it, in causal order, not
 * file order): accepted whole, and a line corrupted far into the file rejected at its own line.
 */
class ForeignLongLogTest {
    private static ValidationResult fast(Path dir, Path log) throws Exception {
        try (Validator v = new Validator(dir)) {
            return v.validate(log, dir, 100_000);
        }
    }

    private static Path write(Path dir, int nodes, List<RelayLogs.Line> lines) throws Exception {
        Path good = dir.resolve("good.ndjson");
        RelayLogs.write(good, nodes, lines);
        return good;
    }

    @Test
    void aLogOfManyWindowsIsReadInCausalOrderAndRejectedAtTheOriginalLine(@TempDir Path dir) throws Exception {
        Files.copy(ModelCheckTest.resource("relay/Relay.tla"), dir.resolve("Relay.tla"));
        Files.copy(ModelCheckTest.resource("relay/trace-mapping.json"), dir.resolve("trace-mapping.json"));
        // runs end when every node is passive: the first seed whose run is longer than three windows
        int nodes = 8;
        List<RelayLogs.Line> lines = List.of();
        Path good = dir.resolve("good.ndjson");
        for (long seed = 1; seed <= 200 && Files.size(good = write(dir, nodes, lines)) <= 3 * 65536; seed++) {
            lines = RelayLogs.generate(seed, nodes, 20_000);
        }
        assertTrue(Files.size(good) > 3 * 65536, "longer than three windows: " + Files.size(good));
        ValidationResult ok = fast(dir, good);
        assertTrue(ok.accepted(), ok.render());
        assertEquals(lines.size(), ok.events());

        List<RelayLogs.Line> recvs = lines.stream().filter(l -> l.event().equals("recv")).toList();
        RelayLogs.Line late = recvs.get(recvs.size() - 3);
        assertTrue(late.fileLine() > lines.size() / 2, "far into the file: " + late.fileLine());
        Path bad = dir.resolve("bad.ndjson");
        RelayLogs.write(bad, nodes, RelayLogs.replace(lines, late.fileLine(),
                late.text().replace("\"from\":" + late.peer(), "\"from\":" + late.node())));
        ValidationResult no = fast(dir, bad);
        assertEquals(ValidationResult.Verdict.REJECTED, no.verdict(), no.render());
        assertEquals(late.fileLine(), no.failure().line(), no.render());
    }
}
