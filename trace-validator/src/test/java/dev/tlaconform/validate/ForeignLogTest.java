package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system's own log read by the fast engine through its mapping's "log" section
 * (specs/bagnet in the test resources): lines classified by rules, skipped lines, constants from
 * the first line or from outside, a step that changes nothing with pre-state conditions, state keys
 * written as TLA+ expressions over the variables and the line E, msgIn over a bag, line numbers of
 * the original file. Each feature is shown able to accept and to reject.
 */
class ForeignLogTest {
    static final Path SPEC = Path.of("src/test/resources/specs/bagnet");

    static List<String> good() throws Exception {
        return Files.readAllLines(SPEC.resolve("good.ndjson"), StandardCharsets.UTF_8);
    }

    static ValidationResult run(Path dir, List<String> lines) throws Exception {
        return run(dir, lines, null);
    }

    static ValidationResult run(Path dir, List<String> lines, String constants) throws Exception {
        return FastRuns.lines(dir, lines, SPEC, 1000, constants);
    }

    /** good.ndjson with line n (1-based) replaced. */
    static List<String> with(int n, String text) throws Exception {
        List<String> l = new ArrayList<>(good());
        l.set(n - 1, text);
        return l;
    }

    @Test
    void theLogIsAcceptedAsItIs(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, good());
        assertTrue(r.accepted(), r.render());
        assertEquals(7, r.events(), "8 lines after the constants: one debug line skipped, one blank");
        assertEquals(3L, r.actionCounts().get("Send"));
        assertEquals(2L, r.actionCounts().get("UNCHANGED"));
    }

    @Test
    void aStateKeyWrittenAsAnExpressionIsCheckedAtTheOriginalLine(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, with(8, "{\"tag\":\"net\",\"ev\":\"rcv\",\"who\":2,\"payload\":{\"from\":1,\"val\":2},\"st\":{\"len\":3,\"last\":2}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(8, r.failure().line(), r.render());
        assertTrue(r.failure().summary().contains("len"), r.render());
    }

    @Test
    void aPreStateConditionOfAStepThatChangesNothingCanFail(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, with(5, "{\"tag\":\"net\",\"ev\":\"hb\",\"who\":2,\"sent\":1,\"got\":0}"));
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(5, r.failure().line(), r.render());
        assertEquals("require", r.failure().details().path("kind").asText(), r.render());
        assertTrue(r.failure().summary().contains("sent = E.sent"), r.render());
    }

    @Test
    void msgInOverABagNeedsTheMessageTheStepAdded(@TempDir Path dir) throws Exception {
        // node 1 logs a message from node 2: the bag gains [from |-> 1, val |-> 2], not that one
        ValidationResult r = run(dir, with(2, "{\"tag\":\"net\",\"ev\":\"snd\",\"who\":1,\"payload\":{\"from\":2,\"val\":2}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(2, r.failure().line(), r.render());
        assertEquals("message-not-sent", r.failure().details().path("kind").asText(), r.render());
    }

    @Test
    void aReceiveOfAMessageNobodySentIsRejected(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, with(6, "{\"tag\":\"net\",\"ev\":\"rcv\",\"who\":2,\"payload\":{\"from\":1,\"val\":3},\"st\":{\"len\":1,\"last\":3}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(6, r.failure().line(), r.render());
    }

    @Test
    void constantsComeFromTheFirstLineOrFromOutside(@TempDir Path dir) throws Exception {
        // without its constants line the log's first event is read as constants: N is missing, at line 1
        BadTraceException e = assertThrows(BadTraceException.class, () -> run(dir, good().subList(1, good().size())));
        assertTrue(e.getMessage().contains("log.ndjson:1:") && e.getMessage().contains("\"N\""), e.getMessage());
        // --constants wins over the first line: N = 3 still has nodes 1 and 2; N = 1 has no node 2
        ValidationResult r = run(dir, good(), "{\"N\": 3}");
        assertTrue(r.accepted(), r.render());
        ValidationResult one;
        try {
            one = run(dir, good(), "{\"N\": 1}");
        } catch (BadTraceException bad) {
            assertTrue(bad.getMessage().contains("log.ndjson:5:"), bad.getMessage());   // log[2] does not exist
            return;
        }
        assertEquals(ValidationResult.Verdict.REJECTED, one.verdict(), one.render());
    }

    @Test
    void aLineNoRuleClassifiesIsBadInputAtItsLine(@TempDir Path dir) throws Exception {
        BadTraceException e = assertThrows(BadTraceException.class, () -> run(dir, with(3, "{\"tag\":\"trace\",\"text\":\"x\"}")));
        assertTrue(e.getMessage().contains("log.ndjson:3: no kind of the mapping's \"log\" matches this line"), e.getMessage());
    }

    @Test
    void aLoggedFieldNothingChecksIsBadInput(@TempDir Path dir) throws Exception {
        BadTraceException e = assertThrows(BadTraceException.class,
                () -> run(dir, with(5, "{\"tag\":\"net\",\"ev\":\"hb\",\"who\":2,\"sent\":2,\"got\":0,\"extra\":1}")));
        assertTrue(e.getMessage().contains("log.ndjson:5: field \"extra\" of Heartbeat"), e.getMessage());
    }

    @Test
    void aTraceWithoutHeaderNeedsASpecDirectory(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.ndjson");
        Files.write(log, good(), StandardCharsets.UTF_8);
        try (Validator v = new Validator(dir)) {
            BadTraceException e = assertThrows(BadTraceException.class, () -> v.validate(log, null, 1000));
            assertTrue(e.getMessage().contains("no header line"), e.getMessage());
        }
    }

    static final Path RELAY = Path.of("src/test/resources/check/relay");

    /** A spec directory with Relay.tla and this mapping. */
    static Path relayDir(Path dir, String mapping) throws Exception {
        Path d = Files.createDirectories(dir.resolve("spec"));
        Files.copy(RELAY.resolve("Relay.tla"), d.resolve("Relay.tla"));
        Files.writeString(d.resolve("trace-mapping.json"), mapping);
        return d;
    }

    static ValidationResult runIn(Path spec, Path dir, List<String> lines) throws Exception {
        return FastRuns.lines(dir, lines, spec, 100_000, null);
    }

    @Test
    void aCandidateSetThatKeepsGrowingIsWarnedAbout(@TempDir Path dir) throws Exception {
        // "tick" may be any send (no parameter bound) or nothing: every line multiplies the states
        Path spec = relayDir(dir, "{\"spec\": \"Relay\", \"constants\": {\"N\": {\"value\": 3}}, \"log\": {\"action\": \"event\"},"
                + " \"events\": {\"tick\": {\"action\": [\"Send\", \"UNCHANGED\"]},"
                + " \"send\": {\"action\": \"Send\", \"params\": {\"i\": \"node\", \"j\": \"to\"}}}}");
        List<String> ticks = new ArrayList<>();
        for (int i = 0; i < 8; i++) ticks.add("{\"event\":\"tick\"}");
        ValidationResult grows = runIn(spec, dir, ticks);
        assertTrue(grows.accepted(), grows.render());
        assertTrue(grows.warnings().stream().anyMatch(w -> w.startsWith("the candidate set kept growing")), grows.render());
        List<String> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) sends.add("{\"event\":\"send\",\"node\":" + (i % 3) + ",\"to\":" + ((i + 1) % 3) + "}");
        ValidationResult pinned = runIn(spec, dir, sends);
        assertTrue(pinned.accepted(), pinned.render());
        assertTrue(pinned.warnings().isEmpty(), pinned.render());
    }

    @Test
    void aMessageTakenBeforeIsNamedWithTheLineThatTookIt(@TempDir Path dir) throws Exception {
        List<String> l = with(4, "{\"tag\":\"debug\",\"text\":\"the second send is not there\"}");
        l.set(4, "{\"tag\":\"net\",\"ev\":\"hb\",\"who\":2,\"sent\":1,\"got\":0}");
        l.set(9, "{\"tag\":\"net\",\"ev\":\"hb\",\"who\":1,\"sent\":2,\"got\":0}");
        ValidationResult r = run(dir, l);
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict(), r.render());
        assertEquals(8, r.failure().line(), r.render());
        assertTrue(r.failure().summary().contains("the same payload was taken by the event at line 6 (Recv)"), r.render());
    }

    @Test
    void aMappedActionWithNoInstanceForTheseConstantsIsAWarning(@TempDir Path dir) throws Exception {
        // one node: Next has no Send or Recv (Node \ {i} is empty)
        Path spec = relayDir(dir, Files.readString(RELAY.resolve("trace-mapping.json")));
        ValidationResult ok = runIn(spec, dir, List.of("{\"N\":1}", "{\"event\":\"passive\",\"node\":0,\"vc\":{\"0\":1}}"));
        assertTrue(ok.accepted(), ok.render());
        assertTrue(ok.warnings().contains("events.send: Next has no instance of Send for these constants; a send event is rejected"),
                ok.render());
        ValidationResult no = runIn(spec, dir, List.of("{\"N\":1}", "{\"event\":\"send\",\"node\":0,\"to\":0,\"vc\":{\"0\":1}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, no.verdict(), no.render());
        assertEquals(2, no.failure().line(), no.render());
        assertTrue(no.failure().summary().contains("Next has none for these constants"), no.render());
    }

    /** good.ndjson and a line standing for two steps (a receive, then a send), then a heartbeat. */
    static List<String> forwarding(String forward) throws Exception {
        List<String> l = new ArrayList<>(good());
        l.add(forward);
        l.add("{\"tag\":\"net\",\"ev\":\"hb\",\"who\":2,\"sent\":4,\"got\":2}");
        return l;
    }

    @Test
    void aLineMayStandForSeveralSpecSteps(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, forwarding("{\"tag\":\"net\",\"ev\":\"fwd\",\"who\":1,\"payload\":{\"from\":2,\"val\":3},"
                + "\"out\":{\"from\":1,\"val\":1},\"st\":{\"len\":1}}"));
        assertTrue(r.accepted(), r.render());
        assertEquals(9, r.events());
        assertEquals(3L, r.actionCounts().get("Recv"), "two receives and the forward's");
        assertEquals(4L, r.actionCounts().get("Send"), "three sends and the forward's");
        // the second step's condition, at the line
        ValidationResult from = run(dir, forwarding("{\"tag\":\"net\",\"ev\":\"fwd\",\"who\":1,\"payload\":{\"from\":2,\"val\":3},"
                + "\"out\":{\"from\":2,\"val\":1},\"st\":{\"len\":1}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, from.verdict(), from.render());
        assertEquals(11, from.failure().line(), from.render());
        assertTrue(from.failure().summary().contains("events.Forward.then[0].require[0]"), from.render());
        // the logged state is the state after the last step
        ValidationResult len = run(dir, forwarding("{\"tag\":\"net\",\"ev\":\"fwd\",\"who\":1,\"payload\":{\"from\":2,\"val\":3},"
                + "\"out\":{\"from\":1,\"val\":1},\"st\":{\"len\":0}}"));
        assertEquals(ValidationResult.Verdict.REJECTED, len.verdict(), len.render());
        assertEquals(11, len.failure().line(), len.render());
        assertTrue(len.failure().summary().contains("len"), len.render());
    }

    /** good.ndjson, one more send by node 2, then node 1 drains what others sent (logging how many it holds). */
    static List<String> draining(int len) throws Exception {
        List<String> l = new ArrayList<>(good());
        l.add("{\"tag\":\"net\",\"ev\":\"snd\",\"who\":2,\"payload\":{\"from\":2,\"val\":1}}");
        l.add("{\"tag\":\"net\",\"ev\":\"drain\",\"who\":1,\"st\":{\"len\":" + len + "}}");
        l.add("{\"tag\":\"net\",\"ev\":\"hb\",\"who\":2,\"sent\":4,\"got\":2}");
        return l;
    }

    @Test
    void aStepMayRepeatUntilItsConditionHolds(@TempDir Path dir) throws Exception {
        ValidationResult r = run(dir, draining(2));   // two receives empty the bag of node 2's messages
        assertTrue(r.accepted(), r.render());
        assertEquals(10, r.events());
        assertEquals(3L, r.actionCounts().get("Recv"), "two receives and the drain");
        ValidationResult one = run(dir, draining(1));   // one receive leaves a message: the condition is FALSE there
        assertEquals(ValidationResult.Verdict.REJECTED, one.verdict(), one.render());
        assertEquals(12, one.failure().line(), one.render());
        assertEquals("repeat", one.failure().details().path("kind").asText(), one.render());
        assertTrue(one.failure().summary().contains("events.Drain.until"), one.render());
    }

    @Test
    void anErrorInTheMappingsTlaNamesTheEntryWithSanysText(@TempDir Path dir) throws Exception {
        String mapping = Files.readString(SPEC.resolve("trace-mapping.json"));
        int n = 0;
        for (String[] c : new String[][] {
            {"\"sent = E.sent\"", "\"sent = = E.sent\"", "events.Heartbeat.require[0]"},            // syntax
            {"\"sent = E.sent\"", "\"sent = NoSuchThing\"", "events.Heartbeat.require[0]"},         // semantics: unknown name
            {"\"Len(log[E.who])\"", "\"Len(log[E.who]\"", "events.Recv.state.len"}}) {
            Path d = Files.createDirectories(dir.resolve("m" + n++));
            Files.copy(SPEC.resolve("BagNet.tla"), d.resolve("BagNet.tla"));
            Files.writeString(d.resolve("trace-mapping.json"), mapping.replace(c[0], c[1]));
            Path log = dir.resolve("log.ndjson");
            Files.write(log, good(), StandardCharsets.UTF_8);
            try (Validator v = new Validator(dir)) {
                BadTraceException e = assertThrows(BadTraceException.class, () -> v.validate(log, d, 1000));
                assertTrue(e.getMessage().contains("trace-mapping.json") && e.getMessage().contains(c[2])
                        && e.getMessage().contains("TLC cannot load the mapping's TLA+: "), e.getMessage());
                System.out.println(e.getMessage());
            }
        }
    }
}
