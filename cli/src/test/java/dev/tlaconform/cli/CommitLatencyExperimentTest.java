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
 * {@code experiment commit-latency}: without conflicts every protocol commits in 2 message delays
 * (Multi-Paxos from its leader, Fast Paxos on the fast path, EPaxos on the fast path); with half
 * the commands on one key some EPaxos commands take the slow path (4), and Fast Paxos collides
 * sometimes; Multi-Paxos never changes. Table, JSON and SVG written; bad usage is exit 2.
 */
class CommitLatencyExperimentTest {
    @TempDir
    Path tmp;

    @Test
    void commitLatencyAtZeroAndFiftyPercentConflicts() throws Exception {
        Path json = tmp.resolve("cl.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"experiment", "commit-latency", "--runs", "20", "--conflicts", "0,50", "--json",
                json.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).path("rows");
        assertEquals(6, rows.size(), text);
        for (JsonNode r : rows) {
            String p = r.path("protocol").asText();
            int conflicts = r.path("conflictPercent").asInt();
            assertEquals(p.equals("fastpaxos") ? 20 : 20 * 50, r.path("samples").asInt(), "every command committed: " + r);
            assertEquals(2, r.path("min").asInt(), r.toString());
            if (conflicts == 0 || p.equals("multipaxos")) {
                assertEquals(2, r.path("max").asInt(), "no conflict, or a leader orders them: " + r);
            } else {
                assertEquals(4, r.path("max").asInt(), "conflicts: the slow path (or Fast Paxos's recovery): " + r);
            }
        }
        String svg = Files.readString(tmp.resolve("commit-latency.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("epaxos 50%"), svg);
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertEquals(2, Main.run(new String[] {"experiment", "commit-latency", "--conflicts", "150"},
                new PrintStream(bad, true, StandardCharsets.UTF_8), new PrintStream(bad, true, StandardCharsets.UTF_8)));
    }
}
