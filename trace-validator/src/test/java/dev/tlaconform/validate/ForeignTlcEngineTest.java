package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system's own log decided by both engines from one mapping (specs/bagnet: no converter, no
 * hand-written trace spec): --engine tlc checks the trace spec generated from the mapping, with the
 * log normalized in the fast engine's order. Every feature of ForeignLogTest that accepts or rejects
 * — state keys written as TLA+ (after a step, after a line of two steps, after a repeated step),
 * require on the pre-state of a step that changes nothing, msgIn over a bag, a receive nobody sent,
 * then, until, a line where the system logged a failure (log.failure) — gives the same verdict at
 * the same line of the file in both.
 */
class ForeignTlcEngineTest {
    static Map<String, List<String>> logs() throws Exception {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("good", ForeignLogTest.good());
        m.put("state-expression-len", ForeignLogTest.with(8, "{\"tag\":\"net\",\"ev\":\"rcv\",\"who\":2,\"payload\":{\"from\":1,\"val\":2},\"st\":{\"len\":3,\"last\":2}}"));
        m.put("require-pre-state", ForeignLogTest.with(5, "{\"tag\":\"net\",\"ev\":\"hb\",\"who\":2,\"sent\":1,\"got\":0}"));
        m.put("msgIn-bag", ForeignLogTest.with(2, "{\"tag\":\"net\",\"ev\":\"snd\",\"who\":1,\"payload\":{\"from\":2,\"val\":2}}"));
        m.put("unsent-receive", ForeignLogTest.with(6, "{\"tag\":\"net\",\"ev\":\"rcv\",\"who\":2,\"payload\":{\"from\":1,\"val\":3},\"st\":{\"len\":1,\"last\":3}}"));
        m.put("then", ForeignLogTest.forwarding("{\"tag\":\"net\",\"ev\":\"fwd\",\"who\":1,\"payload\":{\"from\":2,\"val\":3},"
                + "\"out\":{\"from\":1,\"val\":1},\"st\":{\"len\":1}}"));
        m.put("then-require", ForeignLogTest.forwarding("{\"tag\":\"net\",\"ev\":\"fwd\",\"who\":1,\"payload\":{\"from\":2,\"val\":3},"
                + "\"out\":{\"from\":2,\"val\":1},\"st\":{\"len\":1}}"));
        m.put("then-state", ForeignLogTest.forwarding("{\"tag\":\"net\",\"ev\":\"fwd\",\"who\":1,\"payload\":{\"from\":2,\"val\":3},"
                + "\"out\":{\"from\":1,\"val\":1},\"st\":{\"len\":0}}"));
        m.put("until", ForeignLogTest.draining(2));
        m.put("until-state", ForeignLogTest.draining(1));
        List<String> failed = new ArrayList<>(ForeignLogTest.good());
        failed.set(5, "{\"tag\":\"net\",\"ev\":\"rcv\",\"who\":2,\"payload\":{\"from\":1,\"val\":2},\"st\":{\"len\":1,\"last\":2},\"failure\":\"assertion\"}");
        m.put("logged-failure", failed);
        return m;
    }

    @Test
    void bothEnginesDecideEachLogAlikeAtTheSameLine(@TempDir Path dir) throws Exception {
        List<String> disagree = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;
        for (Map.Entry<String, List<String>> e : logs().entrySet()) {
            Path log = dir.resolve(e.getKey() + ".ndjson");
            Files.write(log, e.getValue(), StandardCharsets.UTF_8);
            ValidationResult fast;
            try (Validator v = new Validator(dir)) {
                fast = v.validate(log, ForeignLogTest.SPEC, 1000);
            }
            ValidationResult tlc = new TlcReferenceEngine("256m").validate(log, ForeignLogTest.SPEC, dir);
            System.out.println(fast.render() + "\n" + tlc.render());
            long fl = fast.failure() == null ? 0 : fast.failure().line();
            long tl = tlc.failure() == null ? 0 : tlc.failure().line();
            if (fast.verdict() != tlc.verdict() || fl != tl) disagree.add(e.getKey() + ": fast " + fast.verdict() + " " + fl + ", tlc " + tlc.verdict() + " " + tl);
            if (fast.accepted()) accepted++;
            else rejected++;
        }
        assertEquals(List.of(), disagree);
        assertEquals(3, accepted, "good, then, until");
        assertEquals(8, rejected);
    }

    @Test
    void aLineWhereTheSystemLoggedAFailureIsARejectionAtThatLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("failed.ndjson");
        Files.write(log, logs().get("logged-failure"), StandardCharsets.UTF_8);
        try (Validator v = new Validator(dir)) {
            ValidationResult r = v.validate(log, ForeignLogTest.SPEC, 1000);
            assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
            assertEquals(6, r.failure().line(), r.render());
            assertEquals("logged-failure", r.failure().details().path("kind").asText(), r.render());
            assertTrue(r.failure().summary().contains("the system logged a failure here"), r.render());
        }
    }
}
