package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast engine, reading a system's own log through a mapping (check/relay/trace-mapping.json,
 * 12 lines, no converter), and the drop-in TLC run of the EWD998-style trace spec RelayTrace.tla
 * decide the same per-node logs alike: a log of a generated run is accepted by both; mutated copies
 * (a receive from the node itself, a dropped send, a send to another node) are rejected by both at
 * the same line of the file; and so does {@code --engine tlc}, whose trace spec is generated from
 * the same mapping (TraceSpecGenerator).
 */
class ForeignEnginesAgreeTest {
    private static final int NODES = 3;

    /** fast: the fast engine with the mapping; tlc: the drop-in run of RelayTrace.tla; gen: --engine tlc, its trace spec generated from the mapping. */
    record Verdicts(ValidationResult fast, CheckReport tlc, ValidationResult gen) {}

    static Verdicts both(Path dir, Path log) throws Exception {
        ValidationResult fast;
        try (Validator v = new Validator(dir)) {
            fast = v.validate(log, dir, 10_000);
        }
        System.out.println(fast.render());
        CheckReport tlc = DropInTraceSpecTest.check(dir, "RelayTrace.tla", "RelayTrace.cfg", log);
        ValidationResult gen = new dev.tlaconform.validate.TlcReferenceEngine("512m").validate(log, dir, dir);
        System.out.println(gen.render());
        return new Verdicts(fast, tlc, gen);
    }

    static void assertRejectedAlike(Verdicts v, String what) {
        assertEquals(ValidationResult.Verdict.REJECTED, v.fast().verdict(), what + ": " + v.fast().render());
        assertEquals(CheckReport.VIOLATION, v.tlc().verdict(), what + ": " + v.tlc().toJson());
        assertNotNull(v.tlc().trace(), v.tlc()::toJson);
        assertEquals(1, v.tlc().trace().origins().size(), v.tlc()::toJson);
        assertEquals(v.tlc().trace().origins().get(0).line(), v.fast().failure().line(),
                what + ": the same line of the file; fast: " + v.fast().render() + "\ntlc: " + v.tlc().toJson());
        assertEquals(ValidationResult.Verdict.REJECTED, v.gen().verdict(), what + ": " + v.gen().render());
        assertEquals(v.fast().failure().line(), v.gen().failure().line(), what + ": --engine tlc names the same line: " + v.gen().render());
    }

    @Test
    void bothEnginesAcceptTheLogAndRejectMutatedCopiesAtTheSameLine(@TempDir Path dir) throws Exception {
        DropInTraceSpecTest.fixture(dir);
        Files.copy(ModelCheckTest.resource("relay/trace-mapping.json"), dir.resolve("trace-mapping.json"));
        List<RelayLogs.Line> lines = RelayLogs.generate(23, NODES, 40);
        assertTrue(RelayLogs.kinds(lines).getOrDefault("recv", 0) >= 5, "a run with receives: " + RelayLogs.kinds(lines));
        Path good = dir.resolve("good.ndjson");
        RelayLogs.write(good, NODES, lines);
        Verdicts ok = both(dir, good);
        assertTrue(ok.fast().accepted(), ok.fast().render());
        assertEquals(lines.size(), ok.fast().events());
        assertEquals(CheckReport.HOLDS, ok.tlc().verdict(), ok.tlc()::toJson);
        assertTrue(ok.gen().accepted(), ok.gen().render());
        assertEquals(lines.size(), ok.gen().events());

        // a receive from the node itself: there is no such channel
        RelayLogs.Line recv = DropInTraceSpecTest.nthReceive(lines, 2);
        Verdicts self = both(dir, DropInTraceSpecTest.corrupted(dir, lines, recv));
        assertRejectedAlike(self, "receive from itself");
        assertEquals(recv.fileLine(), self.fast().failure().line());

        // a send dropped from the log: the receive of its message finds the channel empty (or the wrong count)
        RelayLogs.Line send = firstReceivedSend(lines);
        List<RelayLogs.Line> dropped = new ArrayList<>(lines);
        dropped.remove(send);
        Path d = dir.resolve("dropped.ndjson");
        RelayLogs.write(d, NODES, dropped);
        assertRejectedAlike(both(dir, d), "dropped send");

        // a send logged to another node than the one that receives it
        int other = 3 - send.node() - send.peer();
        Path t = dir.resolve("redirected.ndjson");
        RelayLogs.write(t, NODES, RelayLogs.replace(lines, send.fileLine(),
                send.text().replace("\"to\":" + send.peer(), "\"to\":" + other)));
        assertRejectedAlike(both(dir, t), "send to another node");
    }

    /** The first send whose message some receive takes (a send from i to j before a receive at j from i). */
    static RelayLogs.Line firstReceivedSend(List<RelayLogs.Line> lines) {
        for (RelayLogs.Line s : lines) {
            if (!s.event().equals("send")) continue;
            for (RelayLogs.Line r : lines) {
                if (r.event().equals("recv") && r.node() == s.peer() && r.peer() == s.node()) return s;
            }
        }
        throw new AssertionError("no send is received in this run");
    }
}
