package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlaconform.impl.sim.SimConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlaconform experiment decision-delays}: Lamport's figures come out of the simulator
 * (Fast Paxos decides in 2 message delays without a collision, 4 with coordinated recovery;
 * single-decree Paxos, phase 1 included, in 4), and the JSON holds what the table shows.
 */
class ExperimentCommandTest {
    @TempDir
    Path tmp;

    private int run(ByteArrayOutputStream out, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void decisionDelaysPaxosAgainstFastPaxos() throws Exception {
        Path json = tmp.resolve("dd.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = run(out, "experiment", "decision-delays", "--runs", "30", "--clients", "1,2", "--json", json.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).path("rows");
        assertEquals(4, rows.size(), text);
        for (JsonNode r : rows) {
            assertEquals(30, r.path("decided").asInt(), r.toString());
            String p = r.path("protocol").asText();
            int clients = r.path("clients").asInt();
            if (p.equals("paxos")) {
                assertEquals(4, r.path("min").asInt(), "phase 1 and phase 2: " + r);
            } else if (clients == 1) {
                assertEquals(2, r.path("max").asInt(), "no collision: the fast path, always: " + r);
                assertEquals(0, r.path("collided").asInt(), r.toString());
            } else {
                assertTrue(r.path("collided").asInt() > 0, "two clients at once collide sometimes: " + r);
                assertEquals(2, r.path("min").asInt(), "a 3-1 split still decides fast: " + r);
                assertEquals(4, r.path("max").asInt(), "a 2-2 split is recovered in 2 more delays: " + r);
            }
        }
        assertTrue(text.contains("fastpaxos        2"), text);
        String html = java.nio.file.Files.readString(tmp.resolve("decision-delays.html"));
        assertTrue(html.contains("<svg") && html.contains("Fast Paxos, 2 clients") && html.contains("median 2.0"), html);
    }

    @Test
    void badUsageIsExit2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, run(out, "experiment"));
        assertEquals(2, run(out, "experiment", "decision-delays", "--protocols", "zab"));
        assertEquals(2, run(out, "experiment", "decision-delays", "--clients", "5"));
    }

    @Test
    void theLeastDelayIsPartOfTheReplayCommand() {
        SimConfig c = SimConfig.builder("fastpaxos").model(dev.tlaconform.impl.sim.SystemModel.SYNC).deltaTicks(110)
                .minDelayTicks(100).build();
        assertTrue(c.replayCommand().contains("--delta 110 --min-delay 100"), c.replayCommand());
    }
}
