package dev.tlaconform.cli.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker on small histories written here in the shape of the published examples: Porcupine's
 * README register (a read of the initial value overlapping a write is fine; after a read of the
 * new value, it is not), Knossos's cas-register histories (a cas that cannot have seen the value it
 * expected; an indeterminate write that explains a read, or cannot), Jepsen's info and fail
 * conventions, per-key independence; and random histories from a real register (always
 * linearizable) with one read corrupted (never).
 */
class LinearizabilityTest {
    @TempDir
    Path dir;

    /** Lines "p type f key value" with value as JSON; the line order is the history's. */
    History history(String... lines) throws Exception {
        StringBuilder b = new StringBuilder();
        int t = 0;
        for (String l : lines) {
            String[] w = l.trim().split("\\s+", 5);
            b.append("{\"process\":").append(w[0]).append(",\"type\":\"").append(w[1]).append("\",\"f\":\"").append(w[2])
                    .append("\",\"key\":\"").append(w[3]).append("\",\"value\":").append(w.length > 4 ? w[4] : "null")
                    .append(",\"time\":").append(t++).append("}\n");
        }
        Path f = Files.createTempFile(dir, "h", ".ndjson");
        Files.writeString(f, b.toString());
        return History.read(f);
    }

    Linearizability.Result check(List<String> ndjson) throws Exception {
        Path f = Files.createTempFile(dir, "g", ".ndjson");
        Files.write(f, ndjson);
        return Linearizability.check(History.read(f));
    }

    boolean linearizable(String... lines) throws Exception {
        return Linearizability.check(history(lines)).linearizable();
    }

    @Test
    void aReadOfTheOldValueOverlappingTheWriteIsLinearizable() throws Exception {
        assertTrue(linearizable(
                "0 invoke write x 100",
                "1 invoke read x",
                "2 invoke read x",
                "2 ok read x null",
                "1 ok read x 100",
                "0 ok write x 100"));
    }

    @Test
    void aReadOfTheOldValueAfterAReadOfTheNewOneIsNot() throws Exception {
        Linearizability.Result r = Linearizability.check(history(
                "0 invoke write x 200",
                "1 invoke read x",
                "1 ok read x 200",
                "2 invoke read x",
                "2 ok read x null",
                "0 ok write x 200"));
        assertFalse(r.linearizable());
        assertEquals(3, r.keys().get(0).window().size(), "the window: the write and the two reads");
    }

    /**
     * Porcupine's zero-duration case: reads whose invocation and completion are adjacent (the same
     * instant) still take effect between them. Two instant reads of the initial value while the
     * write is open, with a longer read of the new value around them: linearizable (the instant
     * reads first). Two instant reads of the new value, then a read of the initial value invoked
     * after them: not.
     */
    @Test
    void instantOperationsTakeEffectAtTheirInstant() throws Exception {
        assertTrue(linearizable(
                "0 invoke write x 100",
                "1 invoke read x",
                "2 invoke read x",
                "2 ok read x null",
                "3 invoke read x",
                "3 ok read x null",
                "1 ok read x 100",
                "0 ok write x 100"));
        Linearizability.Result r = Linearizability.check(history(
                "0 invoke write x 200",
                "1 invoke read x",
                "1 ok read x 200",
                "2 invoke read x",
                "2 ok read x 200",
                "3 invoke read x",
                "3 ok read x null",
                "0 ok write x 200"));
        assertFalse(r.linearizable());
    }

    /**
     * Knossos's small WGL cases (knossos/wgl_test.clj), in our format: a write that crashed
     * (invoke, info) and nothing else is fine; a read of the initial value alone is fine; a first
     * read of a value nobody wrote is not, and its window is that one read; a write of 1 then a read
     * of 2 is not, the window is both (from no register value does the write then that read work).
     */
    @Test
    void knossosSmallCases() throws Exception {
        assertTrue(linearizable("0 invoke write x 1", "0 info write x 1"));
        assertTrue(linearizable("0 invoke read x", "0 ok read x null"));
        Linearizability.Result fresh = Linearizability.check(history("0 invoke read x", "0 ok read x 1"));
        assertFalse(fresh.linearizable());
        assertEquals(1, fresh.keys().get(0).window().size());
        Linearizability.Result seq = Linearizability.check(history(
                "0 invoke write x 1", "0 ok write x 1", "0 invoke read x", "0 ok read x 2"));
        assertFalse(seq.linearizable());
        assertEquals(2, seq.keys().get(0).window().size(), "the write and the read, as Knossos's op and previous-ok");
    }

    /**
     * Knossos's cas-failure shape (data/cas-register/bad/cas-failure.edn, written anew): the value
     * is 0; reads of 0 run concurrently with a write of 2 and an indeterminate cas 1 -> 1; once the
     * write has completed, a new read of 0 cannot be linearized (the cas cannot bring 0 back).
     */
    @Test
    void aReadOfTheOldValueAfterAConcurrentWriteCompletedIsNotEvenWithAnIndeterminateCas() throws Exception {
        assertFalse(linearizable(
                "9 invoke write x 0", "9 ok write x 0",
                "74 invoke read x",
                "76 invoke write x 2",
                "77 invoke cas x [1,1]",
                "74 ok read x 0",
                "76 ok write x 2",
                "77 info cas x [1,1]",
                "70 invoke read x",
                "70 ok read x 0"));
        assertTrue(linearizable(
                "9 invoke write x 0", "9 ok write x 0",
                "74 invoke read x",
                "76 invoke write x 2",
                "77 invoke cas x [2,0]",
                "74 ok read x 0",
                "76 ok write x 2",
                "77 info cas x [2,0]",
                "70 invoke read x",
                "70 ok read x 0"), "an indeterminate cas 2 -> 0 can explain the last read");
    }

    @Test
    void aCasSucceedsOnlyOnTheValueItExpects() throws Exception {
        assertTrue(linearizable(
                "0 invoke write x 1", "0 ok write x 1",
                "1 invoke cas x [1,2]", "1 ok cas x [1,2]",
                "2 invoke read x", "2 ok read x 2"));
        assertFalse(linearizable(
                "0 invoke write x 1", "0 ok write x 1",
                "1 invoke cas x [3,2]", "1 ok cas x [3,2]"), "nothing ever wrote 3");
        assertFalse(linearizable(
                "0 invoke write x 1", "0 ok write x 1",
                "1 invoke cas x [1,2]", "1 ok cas x [1,2]",
                "2 invoke cas x [1,3]", "2 ok cas x [1,3]"), "both cas saw 1");
        assertTrue(linearizable(
                "0 invoke write x 1", "0 ok write x 1",
                "1 invoke cas x [1,2]", "2 invoke cas x [2,3]",
                "2 ok cas x [2,3]", "1 ok cas x [1,2]",
                "0 invoke read x", "0 ok read x 3"), "concurrent cas chain in the only order that works");
    }

    @Test
    void aFailedOperationDidNotHappen() throws Exception {
        assertFalse(linearizable(
                "0 invoke write x 1", "0 fail write x 1",
                "1 invoke read x", "1 ok read x 1"));
        assertTrue(linearizable(
                "0 invoke write x 1", "0 ok write x 1",
                "1 invoke cas x [5,2]", "1 fail cas x [5,2]",
                "2 invoke read x", "2 ok read x 1"));
    }

    @Test
    void anIndeterminateWriteMayTakeEffectAnyTimeAfterItsCallOrNever() throws Exception {
        assertTrue(linearizable(
                "0 invoke write x 1", "0 info write x 1",
                "1 invoke read x", "1 ok read x null",
                "2 invoke read x", "2 ok read x 1",
                "3 invoke read x", "3 ok read x 1"), "it took effect between the reads");
        assertTrue(linearizable(
                "0 invoke write x 1", "0 info write x 1",
                "1 invoke read x", "1 ok read x null"), "or never");
        assertFalse(linearizable(
                "1 invoke read x", "1 ok read x 1",
                "0 invoke write x 1", "0 info write x 1"), "but not before its call");
        assertTrue(linearizable(
                "0 invoke write x 1",
                "1 invoke read x", "1 ok read x 1"), "an operation open at the end is indeterminate too");
        assertFalse(linearizable(
                "0 invoke write x 1", "0 info write x 1",
                "1 invoke read x", "1 ok read x 1",
                "2 invoke read x", "2 ok read x null"), "once seen, it cannot be unseen");
    }

    @Test
    void keysAreIndependentRegisters() throws Exception {
        Linearizability.Result r = Linearizability.check(history(
                "0 invoke write x 1", "0 ok write x 1",
                "1 invoke read y", "1 ok read y null",
                "2 invoke write y 2", "2 ok write y 2",
                "3 invoke read x", "3 ok read x 2"));
        assertFalse(r.linearizable());
        assertEquals(2, r.keys().size());
        assertTrue(r.keys().get(1).linearizable(), "y is fine");
        assertFalse(r.keys().get(0).linearizable(), "x read a value only y had");
    }

    @Test
    void theWindowStartsAtTheLastQuiescentPointThatStillShowsTheViolation() throws Exception {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // a long correct past
            l.add("0 invoke write x " + i);
            l.add("0 ok write x " + i);
            l.add("1 invoke read x");
            l.add("1 ok read x " + i);
        }
        l.add("2 invoke write x 100");
        l.add("2 ok write x 100");
        l.add("1 invoke read x");
        l.add("1 ok read x 49"); // stale
        for (int i = 0; i < 20; i++) { // and a correct future
            l.add("0 invoke write x " + (200 + i));
            l.add("0 ok write x " + (200 + i));
        }
        Linearizability.Result r = Linearizability.check(history(l.toArray(new String[0])));
        assertFalse(r.linearizable());
        List<History.Op> w = r.keys().get(0).window();
        assertEquals(2, w.size(), "write 100 then the stale read: " + w);
        assertEquals("\"100\"".replace("\"", ""), w.get(0).a);
    }

    @Test
    void randomHistoriesOfARealRegisterAreLinearizableAndOneCorruptedReadIsNot() throws Exception {
        for (long seed = 1; seed <= 30; seed++) {
            int info = seed % 3 == 0 ? 7 : 0; // some with timeouts
            assertTrue(check(RegisterHistories.generate(seed, 6, 300, 2, info, false)).linearizable(), "seed " + seed);
            assertFalse(check(RegisterHistories.generate(seed, 6, 300, 2, info, true)).linearizable(),
                    "seed " + seed + " corrupted");
        }
    }

    @Test
    void malformedLinesNameFileAndLine() throws Exception {
        Path f = dir.resolve("bad.ndjson");
        Files.writeString(f, "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"x\",\"value\":1,\"time\":0}\n"
                + "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"key\":\"x\",\"value\":1,\"time\":1}\n");
        History.BadHistoryException e = assertThrows(History.BadHistoryException.class, () -> History.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: "), e.getMessage());
        for (String[] c : new String[][] {
                {"{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"key\":\"x\",\"value\":1}", "never invoked"},
                {"{\"process\":\"a\",\"type\":\"invoke\",\"f\":\"write\",\"key\":\"x\",\"value\":1}", "process"},
                {"{\"process\":0,\"type\":\"start\",\"f\":\"write\",\"key\":\"x\",\"value\":1}", "type"},
                {"{\"process\":0,\"type\":\"invoke\",\"f\":\"append\",\"key\":\"x\",\"value\":1}", "\"f\""},
                {"{\"process\":0,\"type\":\"invoke\",\"f\":\"cas\",\"key\":\"x\",\"value\":1}", "[expected, new]"},
                {"not json", "not JSON"}}) {
            Files.writeString(f, c[0] + "\n");
            e = assertThrows(History.BadHistoryException.class, () -> History.read(f));
            assertTrue(e.getMessage().startsWith(f + ":1: ") && e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
