package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlaconform.cli.SimulateCommandTest.Run;
import dev.tlaconform.community.CausalOrdering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EWD998-format logs {@code bench foreign} generates ({@link Ewd998Logs}): one seed, one log;
 * the length asked for; the implementation's line shapes; clocks that admit a causal order; and,
 * in that order, the run is one of EWD998's: every payload sent is received once, the token is
 * passed only by a passive node, "trm" is sent once every node is passive and no payload is in
 * flight, and every node ends on it. A log with a receive given a clock entry its node already used is refused by the
 * causal ordering (the check goes both ways). {@code bench foreign}'s bad options are one line,
 * exit 2 (its figures are a benchmark's, never a test's).
 */
class Ewd998LogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void oneSeedOneLogOfTheLengthAskedFor() {
        assertEquals(Ewd998Logs.generate(7, 5, 3000), Ewd998Logs.generate(7, 5, 3000));
        assertNotEquals(Ewd998Logs.generate(7, 5, 3000), Ewd998Logs.generate(8, 5, 3000));
        for (int n : new int[] {1, 2, 5, 9}) {
            List<String> log = Ewd998Logs.generate(3, n, 2000);
            assertEquals("{\"N\":" + n + "}", log.get(0));
            assertTrue(n == 1 || log.size() > 2000, n + " nodes: " + log.size() + " lines");
        }
        assertThrows(IllegalArgumentException.class, () -> Ewd998Logs.generate(1, 0, 10));
    }

    @Test
    void theLogsAreRunsOfEwd998InCausalOrder() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            List<String> log = Ewd998Logs.generate(seed, 4, 1500);
            List<JsonNode> lines = new ArrayList<>();
            for (String l : log.subList(1, log.size())) lines.add(JSON.readTree(l));
            int[] order = CausalOrdering.order(clocks(lines));
            replay(lines, order, 4);
        }
    }

    @Test
    void aLineWhoseClockRepeatsAnEntryOfItsNodeHasNoCausalOrder() throws Exception {
        List<String> log = Ewd998Logs.generate(2, 3, 500);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : log.subList(1, log.size())) lines.add(JSON.readTree(l));
        // a receive's clock names the send's: give the receiver a clock entry of its own that it already used
        int recv = -1;
        for (int i = 1; i < lines.size() && recv < 0; i++) {
            JsonNode l = lines.get(i);
            if (l.path("event").asText().equals("<") && l.path("pkt").path("msg").path("type").asText().equals("pl")) recv = i;
        }
        JsonNode moved = lines.get(recv).deepCopy();
        String me = moved.path("node").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) moved.path("pkt").path("vc")).put(me, 1);
        lines.set(recv, moved);
        assertThrows(CausalOrdering.Conflict.class, () -> CausalOrdering.order(clocks(lines)));
    }

    @Test
    void benchForeignBadOptionsAreOneLineAndExitTwo() throws Exception {
        Path fakeEx = tmp.resolve("ex");
        Files.createDirectories(fakeEx);
        for (String[] bad : List.of(new String[] {}, new String[] {"--examples", fakeEx.toString()},
                new String[] {"--examples", fakeEx.toString(), "--events", "x"}, new String[] {"--examples", fakeEx.toString(), "--runs", "0"})) {
            List<String> args = new ArrayList<>(List.of("bench", "foreign"));
            args.addAll(List.of(bad));
            Run r = SimulateCommandTest.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        Run help = SimulateCommandTest.run("bench", "foreign", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--examples") && help.out().contains("--events"), help.out());
    }

    private static List<CausalOrdering.Line> clocks(List<JsonNode> lines) {
        List<CausalOrdering.Line> out = new ArrayList<>();
        for (JsonNode l : lines) {
            Map<String, Long> c = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = l.path("pkt").path("vc").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                c.put(e.getKey(), e.getValue().asLong());
            }
            out.add(new CausalOrdering.Line(l.path("node").asText(), c));
        }
        return out;
    }

    /** Replays the lines in causal order against EWD998's rules; fails at the first line that breaks one. */
    private static void replay(List<JsonNode> lines, int[] order, int n) {
        boolean[] active = new boolean[n];
        java.util.Arrays.fill(active, true);
        int[] inFlight = new int[n];   // payloads sent to each node and not yet received
        int trmSent = 0;
        int trmReceived = 0;
        for (int k : order) {
            JsonNode l = lines.get(k);
            String ev = l.path("event").asText();
            int node = l.path("node").asInt();
            JsonNode pkt = l.path("pkt");
            String type = pkt.path("msg").path("type").asText();
            String at = "line " + (k + 2) + " " + l;
            switch (ev + type) {
                case ">pl" -> {
                    assertTrue(active[node], "a passive node sends: " + at);
                    inFlight[pkt.path("rcv").asInt()]++;
                }
                case "<pl" -> {
                    assertTrue(inFlight[node]-- > 0, "a payload received that was not sent: " + at);
                    active[node] = true;
                }
                case ">tok" -> {
                    assertTrue(node == 0 || !active[node], "an active node passes the token: " + at);
                    assertEquals(node == 0 ? n - 1 : node - 1, pkt.path("rcv").asInt(), at);
                }
                case ">trm" -> {
                    for (int i = 0; i < n; i++) {
                        assertFalse(active[i], "trm sent while node " + i + " is active: " + at);
                        assertEquals(0, inFlight[i], "trm sent with a payload in flight to " + i + ": " + at);
                    }
                    trmSent++;
                }
                case "<trm" -> trmReceived++;
                case "<tok" -> { }
                case "d" -> {
                    assertTrue(active[node], "a passive node deactivates: " + at);
                    active[node] = false;
                }
                default -> throw new AssertionError("not a line of EWD998's implementation: " + at);
            }
        }
        assertEquals(n, trmSent);
        assertEquals(n, trmReceived);
    }
}
