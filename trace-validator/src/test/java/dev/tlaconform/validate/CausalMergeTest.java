package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-node traces merged by vector clocks (specs/ticket: concurrent takes of a shared counter do
 * not commute). A single file sorted by timestamp or by clock sum is rejected where a causal order
 * exists and the causal search accepts; without one it rejects; bad input names both lines.
 */
class CausalMergeTest {
    static Validator validator;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        // the events' wall-clock "ts" is there for the naive sort to be tried on: no spec variable holds
        // time, so it is accepted unchecked, knowingly (the verdicts then say so)
        validator = new Validator(Path.of("src/test/resources")).allowUnchecked(java.util.List.of("ts"));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    static final String HEADER = "{\"kind\":\"header\",\"schema\":1,\"protocol\":\"ticket\",\"constants\":{\"N\":2},\"node\":%d,\"segment\":%d,\"firstSeq\":%d}";

    static String ev(int node, int seq, String action, int ticket, int local, int c1, int c2, long ts) {
        return String.format("{\"kind\":\"event\",\"seq\":%d,\"node\":%d,\"action\":\"%s\",\"state\":{\"ticket\":%d,\"local\":%d},"
                + "\"clock\":{\"1\":%d,\"2\":%d},\"ts\":%d}", seq, node, action, ticket, local, c1, c2, ts);
    }

    private void write(String name, int node, int segment, int firstSeq, String... events) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(HEADER, node, segment, firstSeq));
        lines.addAll(List.of(events));
        lines.add("{\"kind\":\"end\",\"events\":" + events.length + "}");
        Files.write(dir.resolve(name), lines);
    }

    /** Node 1 takes first by its clock sum and its (skewed) timestamp, but node 2 took number 1. */
    private void skewedRun(int node2Ticket) throws IOException {
        write("n1.s0.ndjson", 1, 0, 1, ev(1, 1, "Take", 2, 0, 1, 0, 100));
        write("n2.s0.ndjson", 2, 0, 1, ev(2, 1, "Work", 0, 1, 0, 1, 150), ev(2, 2, "Work", 0, 2, 0, 2, 160),
                ev(2, 3, "Take", node2Ticket, 2, 0, 3, 170));
    }

    /** The naive merge: all events of the run in one file, sorted by {@code key}. */
    private ValidationResult naive(Comparator<String> key) throws Exception {
        List<String> all = new ArrayList<>();
        for (String f : List.of("n1.s0.ndjson", "n2.s0.ndjson")) {
            for (String l : Files.readAllLines(dir.resolve(f))) if (l.contains("\"kind\":\"event\"")) all.add(l);
        }
        all.sort(key);
        List<String> lines = new ArrayList<>();
        lines.add("{\"kind\":\"header\",\"schema\":1,\"protocol\":\"ticket\",\"constants\":{\"N\":2}}");
        lines.addAll(all);
        lines.add("{\"kind\":\"end\",\"events\":" + all.size() + "}");
        Path merged = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-naive")).resolve("merged.ndjson");
        Files.write(merged, lines);
        return validator.validate(merged, null, 1000);
    }

    private static long num(String line, String key) {
        int i = line.indexOf("\"" + key + "\":") + key.length() + 3;
        int j = i;
        while (Character.isDigit(line.charAt(j))) j++;
        return Long.parseLong(line.substring(i, j));
    }

    @Test
    void aCausalOrderIsFoundWhereSortingByTimestampOrClockSumIsRejected() throws Exception {
        skewedRun(1);
        ValidationResult byTs = naive(Comparator.comparingLong(l -> num(l, "ts")));
        assertEquals(ValidationResult.Verdict.REJECTED, byTs.verdict(), byTs.render());
        ValidationResult bySum = naive(Comparator.comparingLong(l -> num(l, "1") + num(l, "2")));
        assertEquals(ValidationResult.Verdict.REJECTED, bySum.verdict(), bySum.render());
        ValidationResult causal = CausalTraces.validate(validator, dir, null, 1000, true);
        System.out.println(causal.render());
        assertTrue(causal.accepted(), causal.render());
        assertEquals(4, causal.events());
    }

    @Test
    void withoutACausalOrderTheRunIsRejected() throws Exception {
        skewedRun(3); // two takes cannot hand out 2 and 3
        ValidationResult r = CausalTraces.validate(validator, dir, null, 1000, true);
        System.out.println(r.render());
        assertEquals(ValidationResult.Verdict.REJECTED, r.verdict());
        assertTrue(r.failure().summary().contains("no causal order"), r.failure().summary());
    }

    @Test
    void aReceiveWhoseSendIsInNoFileIsBadInputNamingBothFiles() throws Exception {
        write("n1.s0.ndjson", 1, 0, 1, ev(1, 1, "Take", 1, 0, 1, 0, 1));
        write("n2.s0.ndjson", 2, 0, 1, ev(2, 1, "Take", 2, 0, 2, 1, 2)); // has seen 2 events of node 1
        BadTraceException e = assertThrows(BadTraceException.class, () -> CausalTraces.validate(validator, dir, null, 1000, true));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("n2.s0.ndjson:2") && e.getMessage().contains("n1.s0.ndjson:2")
                && e.getMessage().contains("send is in no file"), e.getMessage());
    }

    @Test
    void clocksThatContradictEachOtherAreBadInput() throws Exception {
        write("n1.s0.ndjson", 1, 0, 1, ev(1, 1, "Take", 1, 0, 1, 1, 1));
        write("n2.s0.ndjson", 2, 0, 1, ev(2, 1, "Take", 2, 0, 1, 1, 2)); // each has seen the other
        BadTraceException e = assertThrows(BadTraceException.class, () -> CausalTraces.validate(validator, dir, null, 1000, true));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("contradictory clocks") && e.getMessage().contains("n1.s0.ndjson:2")
                && e.getMessage().contains("n2.s0.ndjson:2"), e.getMessage());
        write("n1.s0.ndjson", 1, 0, 1, ev(1, 1, "Work", 0, 1, 1, 0, 1), ev(1, 2, "Work", 0, 2, 3, 0, 2));
        write("n2.s0.ndjson", 2, 0, 1, ev(2, 1, "Work", 0, 1, 0, 1, 1));
        BadTraceException own = assertThrows(BadTraceException.class, () -> CausalTraces.validate(validator, dir, null, 1000, true));
        assertTrue(own.getMessage().contains("n1.s0.ndjson:3") && own.getMessage().contains("n1.s0.ndjson:2"), own.getMessage());
    }

    @Test
    void aMissingNodeFileIsBadInput() throws Exception {
        write("n1.s0.ndjson", 1, 0, 1, ev(1, 1, "Take", 1, 0, 1, 0, 1));
        BadTraceException e = assertThrows(BadTraceException.class, () -> CausalTraces.validate(validator, dir, null, 1000, true));
        assertTrue(e.getMessage().contains("n2.s0.ndjson") && e.getMessage().contains("no trace file of node 2")
                && e.getMessage().contains("n1.s0.ndjson:1"), e.getMessage());
    }

    @Test
    void segmentsOutOfOrderAreBadInput() throws Exception {
        write("n1.s0.ndjson", 1, 0, 1, ev(1, 1, "Work", 0, 1, 1, 0, 1));
        write("n1.s2.ndjson", 1, 2, 2, ev(1, 2, "Work", 0, 2, 2, 0, 1));
        write("n2.s0.ndjson", 2, 0, 1, ev(2, 1, "Take", 1, 0, 0, 1, 2));
        BadTraceException gap = assertThrows(BadTraceException.class, () -> CausalTraces.validate(validator, dir, null, 1000, true));
        assertTrue(gap.getMessage().contains("n1.s2.ndjson:1") && gap.getMessage().contains("no segment 1")
                && gap.getMessage().contains("n1.s0.ndjson:2"), gap.getMessage());
        Files.delete(dir.resolve("n1.s2.ndjson"));
        write("n1.s1.ndjson", 1, 1, 5, ev(1, 5, "Work", 0, 2, 5, 0, 1));
        BadTraceException seq = assertThrows(BadTraceException.class, () -> CausalTraces.validate(validator, dir, null, 1000, true));
        assertTrue(seq.getMessage().contains("n1.s1.ndjson:1") && seq.getMessage().contains("n1.s0.ndjson:2"), seq.getMessage());
        write("n1.s1.ndjson", 1, 1, 2, ev(1, 2, "Work", 0, 2, 2, 0, 1));
        assertTrue(CausalTraces.validate(validator, dir, null, 1000, true).accepted(), "segments in order are one sequence");
    }

    /**
     * Two nodes' {@code Work}s, all concurrent (each clock has seen only its own node), then a
     * {@code Take} by node 1 handing out {@code ticket}. Accepted (ticket 1): one path, one state
     * expanded per event and one generated state waiting at most (the enabled events are tried one
     * at a time). Rejected (ticket 2, no order gives it): every order is tried, yet each (position
     * vector, state) pair is expanded once, (k+1)^2 pairs, not the C(2k, k) interleavings.
     */
    private ValidationResult concurrentWork(int k, int ticket) throws Exception {
        String[] a = new String[k + 1];
        String[] b = new String[k];
        for (int i = 1; i <= k; i++) {
            a[i - 1] = ev(1, i, "Work", 0, i, i, 0, i);
            b[i - 1] = ev(2, i, "Work", 0, i, 0, i, i);
        }
        a[k] = ev(1, k + 1, "Take", ticket, k, k + 1, 0, k + 1);
        write("n1.s0.ndjson", 1, 0, 1, a);
        write("n2.s0.ndjson", 2, 0, 1, b);
        return CausalTraces.validate(validator, dir, null, 1000, true);
    }

    @Test
    void concurrentEventsCostOneExpansionEachWhenTheyCommuteAndEachPairIsExpandedOnce() throws Exception {
        int k = 6;
        ValidationResult ok = concurrentWork(k, 1);
        assertTrue(ok.accepted(), ok.render());
        assertEquals(2 * k + 2, ok.statesTotal(), ok.render());
        assertEquals(1, ok.candidatesMax(), ok.render());
        ValidationResult no = concurrentWork(k, 2);
        System.out.println(no.render());
        assertEquals(ValidationResult.Verdict.REJECTED, no.verdict(), no.render());
        assertEquals((long) (k + 1) * (k + 1), no.statesTotal(), no.render());
        assertEquals(2 * k, no.events(), no.render());
    }

    /**
     * specs/latch: node 1 opens a latch (clock sum 1, tried first), node 2 steps k times and then
     * takes a final step that needs the latch closed ({@code finalNeedsClosed}; otherwise a plain
     * step). The order tried first fails only at node 2's last event, so the search backtracks from
     * the end of the path to its first levels. With a window of one level (and no checkpoint but the
     * start) every state of the path was dropped on the way down and is recomputed on the way back,
     * by replaying the events from the start: the verdicts are those of the search that keeps them.
     */
    private ValidationResult deepBacktrack(int k, boolean finalNeedsClosed, String window) throws Exception {
        String h = "{\"kind\":\"header\",\"schema\":1,\"protocol\":\"latch\",\"constants\":{\"N\":2},\"node\":%d,\"segment\":0,\"firstSeq\":1}";
        String e = "{\"kind\":\"event\",\"seq\":%d,\"node\":%d,\"action\":\"%s\",\"state\":{\"open\":%s,\"count\":%d},\"clock\":{\"1\":%d,\"2\":%d}}";
        Files.write(dir.resolve("n1.s0.ndjson"), List.of(String.format(h, 1), String.format(e, 1, 1, "Open", "true", 0, 1, 0),
                "{\"kind\":\"end\",\"events\":1}"));
        List<String> b = new ArrayList<>(List.of(String.format(h, 2)));
        for (int i = 1; i <= k + 1; i++) {
            String action = i == k + 1 && finalNeedsClosed ? "Final" : "Step";
            b.add(String.format(e, i, 2, action, i == k + 1 && finalNeedsClosed ? "false" : "true", i, 0, i).replace("\"open\":true,", ""));
        }
        b.add("{\"kind\":\"end\",\"events\":" + (k + 1) + "}");
        Files.write(dir.resolve("n2.s0.ndjson"), b);
        String w = System.getProperty("tlaconform.causal.window");
        String c = System.getProperty("tlaconform.causal.checkpoint");
        try {
            if (window != null) {
                System.setProperty("tlaconform.causal.window", window);
                System.setProperty("tlaconform.causal.checkpoint", "1000000");
            }
            return CausalTraces.validate(validator, dir, null, 100_000, true);
        } finally {
            restore("tlaconform.causal.window", w);
            restore("tlaconform.causal.checkpoint", c);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    @Test
    void statesDroppedFromThePathAreRecomputedWhenTheSearchBacktracksToThem() throws Exception {
        int k = 30;
        long keptAll = -1;
        for (String window : new String[] {null, "1", "3"}) {
            ValidationResult plain = deepBacktrack(k, false, window);
            assertTrue(plain.accepted(), window + ": " + plain.render());
            assertEquals(k + 3, plain.statesTotal(), "no backtracking: " + plain.render());
            ValidationResult deep = deepBacktrack(k, true, window);
            System.out.println(window + ": " + deep.render());
            assertTrue(deep.accepted(), window + ": " + deep.render());
            assertEquals(k + 2, deep.events(), deep.render());
            if (window == null) keptAll = deep.statesTotal();
            assertTrue(deep.statesTotal() > 2L * k, "it backtracked: " + deep.render());
            // with the window, the dedup entries of the dropped levels are gone: the search re-expands pairs it
            // had expanded (the sign that it dropped them), and still reaches the same verdict
            if (window != null) assertTrue(deep.statesTotal() > keptAll, "entries dropped: " + deep.render());
        }
    }
}
