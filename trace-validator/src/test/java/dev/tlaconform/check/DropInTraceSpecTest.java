package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Existing trace-validation specs run unchanged through {@code check}: tlaconform's own fixtures
 * in the styles of EWD998ChanTrace (TLCGet("level") as the position, VIEW, ACTION_CONSTRAINT,
 * POSTCONDITION, ALIAS, CausalOrder over per-node logs) and Traceetcdraft (a position variable,
 * TraceMatched with TLCGet("queue"), -lncheck final), on logs of generated runs of Relay: a
 * matching log holds, a corrupted one is rejected at its original line.
 */
class DropInTraceSpecTest {
    private static final long SEED = 11;
    private static final int NODES = 3;
    private static final int STEPS = 40;

    static Path fixture(Path dir) throws IOException {
        for (String f : new String[] {"Relay.tla", "RelayTrace.tla", "RelayTrace.cfg", "RelayTraceFewSends.cfg",
            "RelayTraceL.tla", "RelayTraceL.cfg", "RelayTraceNoCheck.cfg"}) {
            Files.copy(ModelCheckTest.resource("relay/" + f), dir.resolve(f));
        }
        return dir;
    }

    static CheckReport check(Path dir, String spec, String cfg, Path log) throws InterruptedException {
        return ModelCheck.run(CheckOptions.of(dir.resolve(spec), dir.resolve(cfg)).withTimeout(Duration.ofMinutes(3))
                .withEnvironment(Map.of("JSON", log.toString())), CheckListener.SILENT);
    }

    static RelayLogs.Line nthReceive(List<RelayLogs.Line> lines, int n) {
        return lines.stream().filter(l -> l.event().equals("recv")).skip(n).findFirst().orElseThrow();
    }

    /** The log with this receive made a receive from the node itself: no such channel, no behaviour gets past it. */
    static Path corrupted(Path dir, List<RelayLogs.Line> lines, RelayLogs.Line recv) throws IOException {
        Path bad = dir.resolve("bad.ndjson");
        RelayLogs.write(bad, NODES, RelayLogs.replace(lines, recv.fileLine(),
                recv.text().replace("\"from\":" + recv.peer(), "\"from\":" + recv.node())));
        return bad;
    }

    @Test
    void aMatchingLogHoldsAndACorruptedOneIsRejectedAtItsLine(@TempDir Path dir) throws Exception {
        fixture(dir);
        List<RelayLogs.Line> lines = RelayLogs.generate(SEED, NODES, STEPS);
        assertTrue(RelayLogs.kinds(lines).getOrDefault("recv", 0) >= 5, "a run with receives: " + RelayLogs.kinds(lines));
        Path good = dir.resolve("good.ndjson");
        RelayLogs.write(good, NODES, lines);

        CheckReport ok = check(dir, "RelayTrace.tla", "RelayTrace.cfg", good);
        assertEquals(CheckReport.HOLDS, ok.verdict(), ok::toJson);
        assertNotNull(ok.trace(), ok::toJson);
        assertTrue(ok.trace().complete(), ok::toJson);
        assertEquals(lines.size(), ok.trace().length());
        assertEquals("TLCGet(\"level\")", ok.trace().position());
        assertTrue(ok.modules().stream().anyMatch(m -> m.name().equals("VectorClocks") && m.origin().equals("tlaconform")
                && m.java().contains("CausalOrder")), ok::toJson);

        RelayLogs.Line recv = nthReceive(lines, 2);
        Path bad = corrupted(dir, lines, recv);
        CheckReport rejected = check(dir, "RelayTrace.tla", "RelayTrace.cfg", bad);
        assertEquals(CheckReport.VIOLATION, rejected.verdict(), rejected::toJson);
        assertEquals("postcondition", rejected.violation().kind());
        assertEquals("TraceAccepted", rejected.violation().name());
        assertFalse(rejected.trace().complete());
        assertEquals(List.of(new CheckReport.LogLine(bad.toString(), recv.fileLine())), rejected.trace().origins(),
                rejected::toJson);
    }

    @Test
    void aPositionVariableAndTraceMatchedDecideTheLogToo(@TempDir Path dir) throws Exception {
        fixture(dir);
        List<RelayLogs.Line> lines = RelayLogs.generate(SEED + 1, NODES, STEPS);
        Path good = dir.resolve("good.ndjson");
        RelayLogs.write(good, NODES, lines);
        CheckReport ok = check(dir, "RelayTraceL.tla", "RelayTraceL.cfg", good);
        assertEquals(CheckReport.HOLDS, ok.verdict(), ok::toJson);
        assertEquals("variable l", ok.trace().position());
        assertTrue(ok.trace().complete(), ok::toJson);

        RelayLogs.Line recv = nthReceive(lines, 1);
        Path bad = corrupted(dir, lines, recv);
        CheckReport rejected = check(dir, "RelayTraceL.tla", "RelayTraceL.cfg", bad);
        assertEquals(CheckReport.VIOLATION, rejected.verdict(), rejected::toJson);
        assertEquals("property", rejected.violation().kind(), "TraceMatched, evaluated by TLC in every state");
        assertEquals(List.of(new CheckReport.LogLine(bad.toString(), recv.fileLine())), rejected.trace().origins(),
                rejected::toJson);
    }

    @Test
    void aTraceSpecThatChecksNoAcceptanceIsStillRejectedWhereTheLogIsNotMatched(@TempDir Path dir) throws Exception {
        fixture(dir);
        List<RelayLogs.Line> lines = RelayLogs.generate(SEED + 2, NODES, STEPS);
        RelayLogs.Line recv = nthReceive(lines, 0);
        Path bad = corrupted(dir, lines, recv);
        // RelayTraceNoCheck.cfg: no POSTCONDITION, no property; TLC alone finds no error
        CheckReport r = check(dir, "RelayTrace.tla", "RelayTraceNoCheck.cfg", bad);
        assertEquals(CheckReport.VIOLATION, r.verdict(), r::toJson);
        assertEquals("trace", r.violation().kind());
        assertEquals("TraceLog", r.violation().name());
        assertEquals(List.of(new CheckReport.LogLine(bad.toString(), recv.fileLine())), r.trace().origins(), r::toJson);
    }

    @Test
    void theAliasShowsTheCounterexampleOfAnInvariant(@TempDir Path dir) throws Exception {
        fixture(dir);
        List<RelayLogs.Line> lines = RelayLogs.generate(SEED, NODES, STEPS);
        Path log = dir.resolve("log.ndjson");
        RelayLogs.write(log, NODES, lines);
        CheckReport r = check(dir, "RelayTrace.tla", "RelayTraceFewSends.cfg", log);
        assertEquals(CheckReport.VIOLATION, r.verdict(), r::toJson);
        assertEquals("FewSends", r.violation().name());
        List<CheckReport.Step> ce = r.counterexample();
        assertFalse(ce.isEmpty());
        for (CheckReport.Step s : ce) {
            assertEquals(List.of("position", "active", "sent"), List.copyOf(s.state().keySet()), r::toJson);
            assertEquals(s.step(), s.state().get("position").asInt(), r::toJson);
        }
    }
}
