package dev.tlaconform.impl.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NDJSON framing and the per-protocol event shape of specs/paxos and specs/multipaxos EVENTS.md. */
class TraceFormatTest {
    static String run(SimConfig c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Simulation.run(c, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<String> keys(JsonNode o) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            k.add(it.next());
        }
        return k;
    }

    @Test
    void headerEventsAndEndLine() throws Exception {
        SimConfig c = SimConfig.builder("paxos").seed(5).faults(FaultPlan.named("all")).build();
        String text = run(c);
        String[] lines = text.split("\n");
        assertTrue(text.endsWith("\n"));
        assertTrue(lines[0].startsWith("{\"kind\":\"header\",\"schema\":1,\"protocol\":\"paxos\",\"constants\":{\"N\":3,"
                + "\"Values\":[\"v1\",\"v2\"],\"MaxBallot\":59},\"seed\":5,\"faults\":{\"plan\":\"all\""), lines[0]);
        assertTrue(lines[0].contains("\"model\":\"partial\""));
        assertEquals("{\"kind\":\"end\",\"events\":" + (lines.length - 2) + "}", lines[lines.length - 1]);
        TraceReader.Trace t = TraceReader.read(new StringReader(text), "t.ndjson");
        assertEquals(lines.length - 2, t.events().size());
        assertEquals("paxos", t.protocol());
        assertEquals(5, t.seed());
        TraceReader.Event e = t.events().get(0);
        assertEquals(List.of("kind", "seq", "node", "action", "msg", "state", "clock"),
                keys(new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[1])));
        assertEquals(1, e.seq());
    }

    @Test
    void paxosEventsFollowTheContract() throws Exception {
        List<String> stateKeys = List.of("maxBal", "maxVBal", "maxVal", "pBal", "pPhase", "pPromises", "pHighBal",
                "pHighVal", "pInput", "decided");
        List<String> actions = List.of("ClientRequest", "Phase1a", "Phase1b", "HandlePromise", "Phase2a", "Phase2b",
                "Learn", "Restart");
        for (long seed = 1; seed <= 30; seed++) {
            SimConfig c = SimConfig.builder("paxos").seed(seed).nodes(3).faults(FaultPlan.named("all")).build();
            TraceReader.Trace t = TraceReader.read(new StringReader(run(c)), "t");
            int n = t.constants().get("N").asInt();
            int maxBallot = t.constants().get("MaxBallot").asInt();
            for (TraceReader.Event e : t.events()) {
                assertTrue(actions.contains(e.action()), e.action());
                assertEquals(stateKeys, keys(e.state()), "line " + e.line());
                assertTrue(e.node() >= 1 && e.node() <= n);
                assertEquals(n, e.clock().size());
                if (e.action().equals("Restart")) {
                    assertNull(e.msg());
                    continue;
                }
                JsonNode m = e.msg();
                String type = m.get("type").asText();
                List<String> want = switch (type) {
                    case "request" -> List.of("type", "val");
                    case "1a" -> List.of("type", "bal", "from");
                    case "1b" -> List.of("type", "bal", "from", "mbal", "mval");
                    default -> List.of("type", "bal", "val", "from");
                };
                assertEquals(want, keys(m), "line " + e.line());
                if (m.has("bal")) {
                    int bal = m.get("bal").asInt();
                    assertTrue(bal >= 0 && bal <= maxBallot, "ballot within MaxBallot, line " + e.line());
                    if (type.equals("1a") || type.equals("2a")) {
                        assertEquals(bal % n + 1, m.get("from").asInt(), "ballot owner, line " + e.line());
                    }
                }
            }
        }
    }

    @Test
    void multiPaxosEventsFollowTheContract() throws Exception {
        List<String> stateKeys = List.of("maxBal", "aVotes", "pBal", "pPhase", "pPromises", "pHigh", "pNext",
                "pProposed", "pending", "decided");
        for (long seed = 1; seed <= 30; seed++) {
            SimConfig c = SimConfig.builder("multipaxos").seed(seed).faults(FaultPlan.named("all")).build();
            TraceReader.Trace t = TraceReader.read(new StringReader(run(c)), "t");
            int slots = t.constants().get("MaxSlot").asInt();
            assertEquals(List.of("N", "Commands", "MaxBallot", "MaxSlot"), keys(t.constants()));
            for (TraceReader.Event e : t.events()) {
                assertEquals(stateKeys, keys(e.state()), "line " + e.line());
                // per-slot logs as deltas: the log's length and the slots the action wrote (EVENTS.md)
                assertEquals(slots, e.state().get("aVotes").get("len").asInt());
                assertEquals(slots, e.state().get("decided").get("len").asInt());
                assertTrue(e.state().get("decided").get("at").size() <= 1, "line " + e.line());
                if (e.msg() != null && e.msg().get("type").asText().equals("1b")) {
                    assertEquals(slots, e.msg().get("votes").size());
                    assertEquals(List.of("mbal", "mval"), keys(e.msg().get("votes").get(0)));
                }
                assertEquals(e.action().equals("Restart") || e.action().equals("BecomeLeader"), e.msg() == null);
            }
        }
    }

    @Test
    void readerRejectsBrokenTraces() throws Exception {
        String good = run(SimConfig.builder("paxos").seed(2).build());
        String[] lines = good.split("\n");
        String truncated = String.join("\n", java.util.Arrays.copyOf(lines, lines.length - 1)) + "\n";
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> TraceReader.read(new StringReader(truncated), "x.ndjson"));
        assertTrue(e.getMessage().startsWith("x.ndjson:" + (lines.length - 1) + ": no end line"), e.getMessage());
        String swapped = good.replace("\"seq\":2,", "\"seq\":7,");
        e = assertThrows(TraceFormatException.class, () -> TraceReader.read(new StringReader(swapped), "x.ndjson"));
        assertTrue(e.getMessage().startsWith("x.ndjson:3: seq 7, expected 2"), e.getMessage());
        e = assertThrows(TraceFormatException.class,
                () -> TraceReader.read(new StringReader(good.substring(good.indexOf('\n') + 1)), "x.ndjson"));
        assertTrue(e.getMessage().startsWith("x.ndjson:1: the first line must be the header"), e.getMessage());
        e = assertThrows(TraceFormatException.class,
                () -> TraceReader.read(new StringReader(good + "{\"kind\":\"event\"}\n"), "x.ndjson"));
        assertTrue(e.getMessage().contains("content after the end line"), e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> TraceReader.read(new StringReader(lines[0] + "\n{oops\n"), "x"));
        assertTrue(e.getMessage().startsWith("x:2: not JSON"), e.getMessage());
    }

    @Test
    void summaryNamesTheOutcome() {
        SimResult r = Simulation.run(SimConfig.builder("paxos").seed(9).build());
        assertTrue(r.summary().startsWith("paxos seed=9 nodes=3 model=partial faults=none: decided [1="), r.summary());
    }
}
