package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State keys logged as what the step changed (the mapping's {@code "delta"}): Multi-Paxos's
 * per-slot logs and pending, Zab's history. A simulator trace is accepted by both engines; the same
 * trace with one delta broken — a wrong entry, a wrong length, an extra entry, a missing entry, a
 * set's add or del changed — is rejected by both at that event's line, the diagnosis naming the key.
 */
class DeltaTracesTest {
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of(".."));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    private static List<ObjectNode> run(Path dir, String protocol, long seed, int values, String name) throws Exception {
        SimConfig cfg = SimConfig.builder(protocol).seed(seed).values(values).faults(FaultPlan.parse("none"))
                .untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
        Path out = dir.resolve(name);
        SimResult r;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            r = Simulation.run(cfg, os);
        }
        assertTrue(r.ok(), r.summary());
        List<String> lines = Files.readAllLines(out);
        List<ObjectNode> ev = new ArrayList<>();
        ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(lines.get(0)));
        for (String l : lines.subList(1, lines.size() - 1)) ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(l));
        ValidationResult fast = validator.validate(out, null, 1000);
        assertTrue(fast.accepted(), fast.render());
        ValidationResult tlc = new TlcReferenceEngine("512m").validate(out, null, Path.of(".."));
        assertTrue(tlc.accepted(), tlc.render());
        return ev; // header first
    }

    /** The index (in the list, header = 0) of the first event of action whose state key satisfies p. */
    private static int first(List<ObjectNode> ev, String action, String key, Predicate<JsonNode> p) {
        for (int i = 1; i < ev.size(); i++) {
            if (ev.get(i).path("action").asText().equals(action) && p.test(ev.get(i).at("/state/" + key))) return i;
        }
        throw new AssertionError("no " + action + " with such a " + key);
    }

    private static void rejected(Path dir, String name, List<ObjectNode> ev, int i, String key) throws Exception {
        Path t = SimulatedTracesConformTest.write(dir.resolve(name), ev.get(0), ev.subList(1, ev.size()));
        SimulatedTracesConformTest.rejectedAt(validator, t, i + 1, key, true);
        ValidationResult r = validator.validate(t, null, 1000);
        assertTrue(r.render().contains("logged state differs") && r.render().contains(key), r.render());
    }

    private static List<ObjectNode> copy(List<ObjectNode> ev) {
        return SimulatedTracesConformTest.deepCopy(ev);
    }

    private static ArrayNode at(List<ObjectNode> ev, int i, String key) {
        return (ArrayNode) ev.get(i).at("/state/" + key + "/at");
    }

    @Test
    void multiPaxosLogDeltasAreCheckedByBothEngines(@TempDir Path dir) throws Exception {
        List<ObjectNode> ev = run(dir, "multipaxos", 3, 4, "mp.ndjson");
        Predicate<JsonNode> wrote = d -> d.path("at").size() == 1;

        // a wrong entry: the first vote logs another value than the 2a's
        List<ObjectNode> b = copy(ev);
        int i = first(b, "Phase2b", "aVotes", wrote);
        ((ObjectNode) at(b, i, "aVotes").get(0).get(1)).put("mval", "c-other");
        rejected(dir, "wrong-entry.ndjson", b, i, "aVotes");

        // a wrong length: the log one slot longer than MaxSlot
        b = copy(ev);
        i = first(b, "Phase2b", "aVotes", wrote);
        ((ObjectNode) b.get(i).at("/state/aVotes")).put("len", b.get(i).at("/state/aVotes/len").asInt() + 1);
        rejected(dir, "wrong-length.ndjson", b, i, "aVotes");

        // an extra entry: a Learn that decides a slot logs a second slot decided
        b = copy(ev);
        i = first(b, "Learn", "decided", wrote);
        int slot = at(b, i, "decided").get(0).get(0).asInt();
        at(b, i, "decided").addArray().add(slot == 1 ? 2 : 1).add("noop");
        rejected(dir, "extra-entry.ndjson", b, i, "decided");

        // a missing entry: the Learn that decides leaves its slot out (unchanged, says the trace)
        b = copy(ev);
        i = first(b, "Learn", "decided", wrote);
        at(b, i, "decided").removeAll();
        rejected(dir, "missing-entry.ndjson", b, i, "decided");

        // sets: a ClientRequest that adds nothing, and a Phase2a that takes no command out of pending
        b = copy(ev);
        i = first(b, "ClientRequest", "pending", d -> d.path("add").size() == 1);
        ((ArrayNode) b.get(i).at("/state/pending/add")).removeAll();
        rejected(dir, "pending-add.ndjson", b, i, "pending");
        b = copy(ev);
        i = first(b, "Phase2a", "pending", d -> d.path("del").size() == 1);
        ((ArrayNode) b.get(i).at("/state/pending/del")).removeAll();
        rejected(dir, "pending-del.ndjson", b, i, "pending");
    }

    @Test
    void zabHistoryDeltasAreCheckedByBothEngines(@TempDir Path dir) throws Exception {
        List<ObjectNode> ev = run(dir, "zab", 3, 3, "zab.ndjson");
        Predicate<JsonNode> appended = d -> d.path("at").size() == 1;

        // a missing entry: the leader's first write is not appended (the log length says it is)
        List<ObjectNode> b = copy(ev);
        int i = first(b, "LeaderProcessRequest", "history", appended);
        at(b, i, "history").removeAll();
        rejected(dir, "missing-txn.ndjson", b, i, "history");

        // a wrong length: the history one shorter than the append made it
        b = copy(ev);
        i = first(b, "LeaderProcessRequest", "history", appended);
        ((ObjectNode) b.get(i).at("/state/history")).put("len", b.get(i).at("/state/history/len").asInt() - 1);
        rejected(dir, "short-history.ndjson", b, i, "history");

        // an extra entry: a follower's PROPOSE step logs a second position rewritten
        b = copy(ev);
        i = first(b, "FollowerProcessPROPOSE", "history", appended);
        ArrayNode a = at(b, i, "history");
        int pos = a.get(0).get(0).asInt();
        assertTrue(pos >= 1);
        ObjectNode txn = ((ObjectNode) a.get(0).get(1)).deepCopy();
        txn.put("value", txn.get("value").asInt() + 1000);
        a.insertArray(0).add(pos).add(txn); // the same position twice, two values
        rejected(dir, "extra-txn.ndjson", b, i, "history");
        assertEquals(2, a.size());

        // an entry beyond the logged length
        b = copy(ev);
        i = first(b, "FollowerProcessPROPOSE", "history", appended);
        a = at(b, i, "history");
        a.addArray().add(b.get(i).at("/state/history/len").asInt() + 1).add(a.get(0).get(1).deepCopy());
        rejected(dir, "beyond-len.ndjson", b, i, "history");
    }

    private static void badInput(Path dir, String name, List<ObjectNode> ev, int i, String says) throws Exception {
        Path t = SimulatedTracesConformTest.write(dir.resolve(name), ev.get(0), ev.subList(1, ev.size()));
        BadTraceException fast = assertThrows(BadTraceException.class, () -> validator.validate(t, null, 1000));
        assertEquals(i + 1, fast.line(), fast.getMessage());
        assertTrue(fast.reason().contains(says), fast.reason());
        BadTraceException tlc = assertThrows(BadTraceException.class,
                () -> new TlcReferenceEngine("512m").validate(t, null, Path.of("..")));
        assertEquals(i + 1, tlc.line(), tlc.getMessage());
    }

    /**
     * A delta that is not a delta (an entry that is not an [index, value] pair, a set's delta with a
     * sequence's keys, a negative length) is bad input in both engines, at its line; a well-formed
     * delta or state value of another kind than the spec's (a string for a number, a number for a
     * record, in a delta, a set or a plain key) is another run: both reject it at its line. (Issue 21:
     * the two engines once split on the first, TLC stopping on a type error where the fast engine
     * rejected.)
     */
    @Test
    void malformedDeltasAreBadInputAndValuesOfAnotherKindAreRejectedByBothEngines(@TempDir Path dir) throws Exception {
        List<ObjectNode> ev = run(dir, "multipaxos", 3, 4, "mp.ndjson");
        Predicate<JsonNode> wrote = d -> d.path("at").size() == 1;
        int i = first(ev, "Phase2b", "aVotes", wrote);

        List<ObjectNode> b = copy(ev);
        at(b, i, "aVotes").removeAll().add(1);
        badInput(dir, "not-a-pair.ndjson", b, i, "[index, value] pair");
        b = copy(ev);
        ((ArrayNode) at(b, i, "aVotes").get(0)).add(9);
        badInput(dir, "a-triple.ndjson", b, i, "[index, value] pair");
        b = copy(ev);
        ((ObjectNode) b.get(i).at("/state/aVotes")).put("len", -1);
        badInput(dir, "negative-len.ndjson", b, i, "\"len\"");
        b = copy(ev);
        int j = first(ev, "ClientRequest", "pending", d -> d.path("add").size() == 1);
        ((ObjectNode) b.get(j).at("/state/pending")).put("len", 3);
        badInput(dir, "set-with-len.ndjson", b, j, "a set's delta");

        b = copy(ev);
        ((ArrayNode) at(b, i, "aVotes").get(0)).set(1, com.fasterxml.jackson.databind.node.TextNode.valueOf("a vote"));
        rejected(dir, "entry-of-another-kind.ndjson", b, i, "aVotes");
        b = copy(ev);
        ((ArrayNode) b.get(j).at("/state/pending/add")).removeAll().add(7);
        rejected(dir, "set-element-of-another-kind.ndjson", b, j, "pending");
        b = copy(ev);
        ((ObjectNode) b.get(i).get("state")).put("maxBal", "one");
        rejected(dir, "plain-key-of-another-kind.ndjson", b, i, "maxBal");
    }
}
