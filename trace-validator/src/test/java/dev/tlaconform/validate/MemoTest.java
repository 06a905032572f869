package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast engine's memoized definitions (engine/DefMemo) give what TLC's evaluation of their
 * bodies gives (specs/memo: High, a filter of the message set msgs by a bound read from lim,
 * and HighCap, the same as msgs \cap a set of records). Traces grow msgs (the filter is updated with
 * the added message only), shrink it (evaluated again), change lim alone (evaluated again) and
 * fork into two candidate states (Drop of one of two messages with the same v). Each verdict and
 * failing line is checked against an oracle written here in Java and, on some, against --engine tlc.
 */
class MemoTest {
    static final Path RESOURCES = Path.of("src/test/resources");
    static final int MAX = 3;
    static Validator fast;

    @BeforeAll
    static void open() {
        fast = new Validator(RESOURCES);
    }

    @AfterAll
    static void close() {
        fast.close();
    }

    /** A trace of Memo's steps, with the line of the first state where some message has v > lim (0: none). */
    record Trace(List<String> events, long violationLine) {}

    /** Steps "Send v", "Drop v", "Lower", "Raise", applied to Memo's state to log lim and n. */
    static Trace trace(String... steps) {
        TreeSet<Long> msgs = new TreeSet<>(); // v * 1000 + k
        int lim = MAX;
        int n = 0;
        long violation = 0;
        List<String> out = new ArrayList<>();
        for (String s : steps) {
            String[] p = s.split(" ");
            String msg = "";
            switch (p[0]) {
                case "Send" -> {
                    msgs.add(Long.parseLong(p[1]) * 1000 + n++);
                    msg = ",\"msg\":{\"v\":" + p[1] + "}";
                }
                case "Drop" -> {
                    long v = Long.parseLong(p[1]);
                    msgs.remove(msgs.ceiling(v * 1000)); // the validator may keep either twin: lim and n do not tell
                    msg = ",\"msg\":{\"v\":" + p[1] + "}";
                }
                case "Lower" -> lim--;
                case "Raise" -> lim++;
                default -> throw new IllegalArgumentException(s);
            }
            out.add("{\"kind\":\"event\",\"seq\":" + (out.size() + 1) + ",\"action\":\"" + p[0] + "\"" + msg
                    + ",\"state\":{\"lim\":" + lim + ",\"n\":" + n + "}}");
            if (violation == 0 && !msgs.isEmpty() && msgs.last() / 1000 > lim) violation = out.size() + 1;
            if (violation != 0) break;
        }
        return new Trace(out, violation);
    }

    static Path write(Path dir, String name, Trace t) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"kind\":\"header\",\"schema\":1,\"protocol\":\"memo\",\"constants\":{\"Max\":" + MAX + "}}");
        lines.addAll(t.events());
        lines.add("{\"kind\":\"end\",\"events\":" + t.events().size() + "}");
        return Files.write(dir.resolve(name), lines);
    }

    static void assertVerdict(Trace t, ValidationResult r) {
        if (t.violationLine() == 0) {
            assertTrue(r.accepted(), r.render());
        } else {
            assertEquals(ValidationResult.Verdict.INVARIANT_VIOLATED, r.verdict(), r.render());
            assertEquals(t.violationLine(), r.failure().line(), r.render());
            assertEquals("NoHigh", r.failure().details().path("invariant").asText(), r.render());
        }
    }

    @Test
    void filtersAreGrownWithWhatAStepAddsAndEvaluatedAgainOtherwise(@TempDir Path dir) throws Exception {
        Trace t = trace("Send 1", "Send 2", "Lower", "Send 0", "Drop 1", "Send 2", "Raise", "Send 3", "Drop 3",
                "Lower", "Send 1", "Send 1", "Drop 1", "Send 2");
        assertEquals(0, t.violationLine());
        Path p = write(dir, "valid.ndjson", t);
        try (Validator own = new Validator(RESOURCES)) { // its own counters
            ValidationResult r = own.validate(p, null, 1000);
            assertVerdict(t, r);
            assertEquals(2, r.candidatesMax(), "Drop 1 of two messages with v = 1: two candidate states");
            List<String> memos;
            try (TraceReader tr = TraceReader.open(p)) {
                memos = own.load(tr, null).session().definitionMemos();
            }
            System.out.println(memos);
            assertTrue(has(memos, "High reads [lim, msgs] (a filter of msgs): ", true), memos.toString());
            assertTrue(has(memos, "HighCap reads [lim, msgs] (a filter of msgs): ", true), memos.toString());
            assertTrue(has(memos, "Bound reads [lim]: ", false), memos.toString());
            assertTrue(memos.stream().noneMatch(m -> m.startsWith("vars ") || m.startsWith("Init ")),
                    "UNCHANGED's tuple and the initial predicate are left to TLC: " + memos);
        }
    }

    /**
     * A memo that reuses nothing gives up after tlaconform.memoGiveUp evaluations (Spare: Raise's
     * guard, once per state) and its definition is evaluated from its body, the verdict unchanged;
     * one that is reused (Bound, High) keeps memoising.
     */
    @Test
    void aMemoThatNeverHitsGivesUp(@TempDir Path dir) throws Exception {
        Trace t = trace("Send 1", "Raise", "Raise", "Raise", "Raise", "Raise", "Send 2", "Lower", "Send 3");
        Path p = write(dir, "raises.ndjson", t);
        String before = System.getProperty("tlaconform.memoGiveUp");
        System.setProperty("tlaconform.memoGiveUp", "3"); // read when the spec's engine classes are loaded, below
        try (Validator own = new Validator(RESOURCES)) {
            assertVerdict(t, own.validate(p, null, 1000));
            List<String> memos;
            try (TraceReader tr = TraceReader.open(p)) {
                memos = own.load(tr, null).session().definitionMemos();
            }
            System.out.println(memos);
            assertTrue(memos.contains("Spare reads [lim]: 0 reused, 0 grown, 3 evaluated, given up"), memos.toString());
            assertTrue(has(memos, "Bound reads [lim]: ", false), memos.toString());
            assertTrue(memos.stream().noneMatch(m -> m.startsWith("Bound ") && m.endsWith("given up")), memos.toString());
            assertTrue(memos.stream().noneMatch(m -> m.startsWith("High ") && m.endsWith("given up")), memos.toString());
        } finally {
            if (before == null) System.clearProperty("tlaconform.memoGiveUp");
            else System.setProperty("tlaconform.memoGiveUp", before);
        }
    }

    /** The memo line for name shows reuse, and growth when grows (or none). */
    private static boolean has(List<String> memos, String prefix, boolean grows) {
        for (String m : memos) {
            if (!m.startsWith(prefix)) continue;
            String[] c = m.substring(prefix.length()).split("[^0-9]+");
            long reused = Long.parseLong(c[0]);
            long grown = Long.parseLong(c[1]);
            return grows ? grown > 0 : reused > 0 && grown == 0;
        }
        return false;
    }

    @Test
    void aViolationInEachKindOfStepIsFoundAtItsLineByBothEngines(@TempDir Path dir) throws Exception {
        Trace[] ts = {
            trace("Send 1", "Lower", "Send 2", "Send 3"), // msgs grows by a high message
            trace("Send 2", "Send 1", "Lower", "Lower"), // only lim changes
            trace("Send 1", "Send 0", "Lower", "Drop 1", "Send 3"), // msgs shrinks, then grows
            trace("Send 1", "Send 1", "Drop 1", "Lower", "Lower", "Lower"), // two candidates, both violate
        };
        for (int i = 0; i < ts.length; i++) {
            assertTrue(ts[i].violationLine() > 0);
            Path p = write(dir, "t" + i + ".ndjson", ts[i]);
            ValidationResult f = fast.validate(p, null, 1000);
            System.out.println(f.render());
            assertVerdict(ts[i], f);
            ValidationResult tlc = new TlcReferenceEngine("256m").validate(p, null, RESOURCES);
            assertEquals(f.verdict(), tlc.verdict(), tlc.render());
            assertEquals(f.failure().line(), tlc.failure().line(), tlc.render());
        }
    }

    @Test
    void randomTracesGetTheOraclesVerdict(@TempDir Path dir) throws Exception {
        Random rnd = new Random(11);
        int violated = 0;
        for (int round = 0; round < 40; round++) {
            List<String> steps = new ArrayList<>();
            int lim = MAX;
            List<Integer> vs = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int c = rnd.nextInt(10);
                int v = rnd.nextInt(20) == 0 ? MAX : rnd.nextInt(Math.min(lim, MAX) + 1); // mostly not above lim
                if (c < 5 && !vs.contains(v)) { // distinct v: Drop v names one message (no forks to bound)
                    steps.add("Send " + v);
                    vs.add(v);
                } else if (c < 7 && !vs.isEmpty()) {
                    steps.add("Drop " + vs.remove(rnd.nextInt(vs.size())));
                } else if (c < 8 && lim > 0) {
                    steps.add("Lower");
                    lim--;
                } else {
                    steps.add("Raise");
                    lim++;
                }
            }
            Trace t = trace(steps.toArray(new String[0]));
            if (t.violationLine() > 0) violated++;
            assertVerdict(t, fast.validate(write(dir, "r" + round + ".ndjson", t), null, 1000));
        }
        assertTrue(violated > 5 && violated < 35, "both verdicts among the random traces: " + violated + " of 40 violate");
    }
}
