package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No search of the fast engine is unbounded (issue 21): a Multi-Paxos HandlePromise whose logged
 * message is not a spec message (an extra field, a ballot out of range) is rejected at its line
 * with the field that breaks it, where the engine used to enumerate ~10^16 candidate messages; a
 * legal partial log (votes left out) is decided from the messages sent; a partially logged message
 * of an action that does not require it to be in a state variable is refused by --max-candidates,
 * and decided when the limit allows the search.
 */
class BoundedSearchTest {
    static final Path BIGSET = Path.of("../trace-validator/src/test/resources/specs/bigset");
    static final Path BIGSET_TRACE = Path.of("../trace-validator/src/test/resources/traces/bigset/partial.ndjson");

    private static Path mutated(Path dir, String name, java.util.function.Consumer<ObjectNode> change) throws Exception {
        Path t = SimulatedTracesConformTest.simulate(dir, "multipaxos", "none", 1);
        List<String> lines = Files.readAllLines(t);
        JsonNode header = SimulatedTracesConformTest.JSON.readTree(lines.get(0));
        List<ObjectNode> ev = new ArrayList<>();
        for (String l : lines.subList(1, lines.size() - 1)) ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(l));
        int i = SimulatedTracesConformTest.first(ev, "HandlePromise");
        change.accept((ObjectNode) ev.get(i).get("msg"));
        return SimulatedTracesConformTest.write(dir.resolve(name + ".ndjson"), header, ev);
    }

    private static int lineOfFirstHandlePromise(Path t) throws Exception {
        List<String> lines = Files.readAllLines(t);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("\"action\":\"HandlePromise\"")) return i + 1;
        throw new AssertionError("no HandlePromise");
    }

    @Test
    void aLoggedMessageWithAFieldTheSpecsMessagesLackIsRejectedNamingTheField(@TempDir Path dir) throws Exception {
        Path t = mutated(dir, "extra", m -> m.put("extra", 1));
        ValidateCommandTest.Run r = ValidateCommandTest.run("validate", t.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains(t + ":" + lineOfFirstHandlePromise(t) + ": REJECTED"), r.out());
        assertTrue(r.out().contains("msg.extra is not a field of these records (their fields: type, bal, from, votes)"), r.out());
    }

    @Test
    void aLoggedBallotOutOfRangeIsRejectedNamingTheFieldAndItsSet(@TempDir Path dir) throws Exception {
        Path t = mutated(dir, "bal", m -> m.put("bal", 999));
        ValidateCommandTest.Run r = ValidateCommandTest.run("validate", t.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains(t + ":" + lineOfFirstHandlePromise(t) + ": REJECTED"), r.out());
        assertTrue(r.out().contains("msg.bal 999 is not in 0.."), r.out());
    }

    @Test
    void votesLeftOutIsALegalPartialLogDecidedFromTheMessagesSent(@TempDir Path dir) throws Exception {
        Path t = mutated(dir, "novotes", m -> m.remove("votes"));
        ValidateCommandTest.Run r = ValidateCommandTest.run("validate", t.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("ACCEPTED"), r.out());
        // and a partial message no sent message agrees with is rejected, not searched for
        Path u = mutated(dir, "novotes-wrongfrom", m -> {
            m.remove("votes");
            m.put("bal", m.get("bal").asInt() + 1);
        });
        ValidateCommandTest.Run s = ValidateCommandTest.run("validate", u.toString());
        assertEquals(1, s.exit(), s.out() + s.err());
        assertTrue(s.out().contains(u + ":" + lineOfFirstHandlePromise(u) + ": REJECTED"), s.out());
    }

    @Test
    void aPartialMessageDrawnFromAHugeSetIsRefusedByMaxCandidatesAndDecidedBelowIt() {
        ValidateCommandTest.Run r = ValidateCommandTest.run("validate", "--spec", BIGSET.toString(), BIGSET_TRACE.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("partial.ndjson:3: the quantifier m of Recv (logged partially: {\"type\":\"x\",\"a\":5}) "
                + "ranges over 1000000 elements, more than --max-candidates 100000"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        ValidateCommandTest.Run ok = ValidateCommandTest.run("validate", "--max-candidates", "1000000", "--spec", BIGSET.toString(),
                BIGSET_TRACE.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("ACCEPTED 2 events"), ok.out());
    }
}
