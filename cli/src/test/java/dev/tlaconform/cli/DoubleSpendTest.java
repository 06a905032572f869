package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlaconform experiment double-spend}: the paper's formula gives the paper's own table
 * (Nakamoto 2008, section 11), the exact one of this race by hand; a strong attacker double-spends in
 * some runs and a weak one in none at a depth it cannot reach; JSON and HTML hold the table.
 */
class DoubleSpendTest {
    @TempDir
    Path tmp;

    @Test
    void nakamotosFormulaReproducesTheTableOfSection11() {
        assertEquals(1.0, DoubleSpend.nakamoto(0.1, 0), 1e-7);
        assertEquals(0.2045873, DoubleSpend.nakamoto(0.1, 1), 1e-7);
        assertEquals(0.0509779, DoubleSpend.nakamoto(0.1, 2), 1e-7);
        assertEquals(0.0009137, DoubleSpend.nakamoto(0.1, 5), 1e-7);
        assertEquals(0.1773523, DoubleSpend.nakamoto(0.3, 5), 1e-7);
        assertEquals(0.0416605, DoubleSpend.nakamoto(0.3, 10), 1e-7);
        // this race, by hand: z = 0 (the payment's block alone), q = 0.5 - e: the attacker needs one block more
        double q = 0.2;
        double p = 1 - q;
        assertEquals(1 - (p * (1 - (q / p) * (q / p)) + p * q * (1 - q / p)), DoubleSpend.exact(q, 0), 1e-12);
        assertTrue(DoubleSpend.exact(0.3, 5) < DoubleSpend.nakamoto(0.3, 5), "one more block to win than the paper counts");
    }

    @Test
    void aStrongAttackerDoubleSpendsAWeakOneDoesNot() throws Exception {
        Path json = tmp.resolve("ds.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.run(new String[] {"experiment", "double-spend", "--shares", "0.05,0.45", "--deltas", "1", "--z", "1,4",
            "--runs", "30", "--give-up", "6", "--json", json.toString()}, ps, ps);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).path("rows");
        assertEquals(4, rows.size(), text);
        for (JsonNode r : rows) {
            assertEquals(30, r.path("runs").asInt());
            if (r.path("share").asDouble() > 0.4 && r.path("z").asInt() == 1) {
                assertTrue(r.path("doubleSpends").asInt() > 0, "q = 0.45 against one confirmation: " + r);
            }
            if (r.path("share").asDouble() < 0.1 && r.path("z").asInt() == 4) {
                assertEquals(0, r.path("doubleSpends").asInt(), "q = 0.05 against four confirmations: " + r);
            }
        }
        String html = Files.readString(json.resolveSibling("double-spend.html"));
        assertTrue(html.contains("<svg") && html.contains("Nakamoto (2008)"), html);
    }
}
