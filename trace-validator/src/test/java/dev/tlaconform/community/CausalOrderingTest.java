package dev.tlaconform.community;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link CausalOrdering#order}, indexed (processes numbered, each line's waits computed once), gives
 * exactly the order and the conflicts of the straightforward rounds it replaced ({@link Reference},
 * kept here as the oracle): on logs of consistent clocks (a simulated message-passing run, lines
 * shuffled) and on logs of random clocks (conflicts of every kind: no own entry, a repeated entry,
 * a wait nobody logged; entries of processes not in the log, zero and negative entries). A
 * reference with a changed rule is caught (the comparison goes both ways).
 */
class CausalOrderingTest {
    @Test
    void sameOrderAndConflictsAsTheStraightforwardRounds() {
        SplittableRandom rnd = new SplittableRandom(22);
        int orders = 0;
        int conflicts = 0;
        for (int round = 0; round < 600; round++) {
            List<CausalOrdering.Line> log = round % 2 == 0 ? consistent(rnd) : random(rnd);
            String want = outcome(() -> Reference.order(log));
            String got = outcome(() -> CausalOrdering.order(log));
            assertEquals(want, got, "log " + round + ": " + log);
            if (want.startsWith("conflict")) conflicts++;
            else orders++;
        }
        assertTrue(orders > 250 && conflicts > 100, orders + " orders, " + conflicts + " conflicts");
    }

    @Test
    void aChangedRuleIsCaught() {
        SplittableRandom rnd = new SplittableRandom(5);
        boolean differs = false;
        for (int round = 0; round < 200 && !differs; round++) {
            List<CausalOrdering.Line> log = consistent(rnd);
            Reference.reversed = true;
            try {
                differs = !outcome(() -> Reference.order(log)).equals(outcome(() -> CausalOrdering.order(log)));
            } finally {
                Reference.reversed = false;
            }
        }
        assertTrue(differs, "visiting the processes in reverse key order gave the same orders");
    }

    @Test
    void anOrderRespectsTheClocks() throws Exception {
        List<CausalOrdering.Line> log = List.of(line("b", "b", 1, "a", 1), line("a", "a", 1), line("a", "a", 2, "b", 1));
        assertArrayEquals(new int[] {1, 0, 2}, CausalOrdering.order(log));
    }

    private interface Order {
        int[] run() throws CausalOrdering.Conflict;
    }

    private static String outcome(Order o) {
        try {
            return java.util.Arrays.toString(o.run());
        } catch (CausalOrdering.Conflict e) {
            return "conflict at " + e.index + ": " + e.getMessage();
        }
    }

    private static CausalOrdering.Line line(String node, Object... clock) {
        Map<String, Long> c = new LinkedHashMap<>();
        for (int i = 0; i < clock.length; i += 2) c.put((String) clock[i], ((Integer) clock[i + 1]).longValue());
        return new CausalOrdering.Line(node, c);
    }

    /** A run of 1-5 processes sending and receiving, every step logged with its clock; the lines shuffled. */
    private static List<CausalOrdering.Line> consistent(SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(5);
        long[][] vc = new long[n][n];
        List<List<long[]>> inbox = new ArrayList<>();
        for (int i = 0; i < n; i++) inbox.add(new ArrayList<>());
        List<CausalOrdering.Line> out = new ArrayList<>();
        int steps = 1 + rnd.nextInt(40);
        for (int s = 0; s < steps; s++) {
            int p = rnd.nextInt(n);
            vc[p][p] += 1 + (rnd.nextInt(4) == 0 ? 1 : 0);   // clocks may skip values (lines left out)
            if (!inbox.get(p).isEmpty() && rnd.nextBoolean()) {
                long[] m = inbox.get(p).remove(rnd.nextInt(inbox.get(p).size()));
                for (int k = 0; k < n; k++) vc[p][k] = Math.max(vc[p][k], m[k]);
            } else if (n > 1) {
                inbox.get(rnd.nextInt(n)).add(vc[p].clone());
            }
            Map<String, Long> c = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) if (vc[p][k] > 0 || k == p) c.put("p" + k, vc[p][k]);
            out.add(new CausalOrdering.Line("p" + p, c));
        }
        java.util.Collections.shuffle(out, new java.util.Random(rnd.nextLong()));
        return out;
    }

    /** Lines of random clocks: entries of 0-4 processes (some not in the log), values -1..6. */
    private static List<CausalOrdering.Line> random(SplittableRandom rnd) {
        List<CausalOrdering.Line> out = new ArrayList<>();
        int lines = 1 + rnd.nextInt(12);
        for (int i = 0; i < lines; i++) {
            String node = "p" + rnd.nextInt(3);
            Map<String, Long> c = new LinkedHashMap<>();
            if (rnd.nextInt(10) > 0) c.put(node, (long) rnd.nextInt(8) - 1);
            for (int k = rnd.nextInt(4); k > 0; k--) c.put("p" + rnd.nextInt(5), (long) rnd.nextInt(8) - 1);
            out.add(new CausalOrdering.Line(node, c));
        }
        return out;
    }

    /** The rounds as first written (a scan of the clock's entries with a TreeMap lookup per entry, per visit). */
    static final class Reference {
        static boolean reversed;

        private static long own(CausalOrdering.Line l) {
            Long o = l.clock().get(l.node());
            return o == null ? Long.MIN_VALUE : o;
        }

        private static CausalOrdering.Conflict conflict(int index, String message) {
            return new CausalOrdering.Conflict(index, message);
        }

        static int[] order(List<CausalOrdering.Line> lines) throws CausalOrdering.Conflict {
            Map<String, Deque<Integer>> byNode = new TreeMap<>(reversed ? Comparator.<String>reverseOrder() : Comparator.<String>naturalOrder());
            Map<String, TreeMap<Long, Integer>> byTime = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                CausalOrdering.Line l = lines.get(i);
                if (!l.clock().containsKey(l.node())) {
                    throw conflict(i, "the line's clock has no entry for its own process");
                }
                byNode.computeIfAbsent(l.node(), k -> new ArrayDeque<>()).add(i);
                Integer before = byTime.computeIfAbsent(l.node(), k -> new TreeMap<>()).put(own(l), i);
                if (before != null) {
                    throw conflict(i, "two lines of process " + l.node() + " carry the same clock entry " + own(l));
                }
            }
            for (Deque<Integer> q : byNode.values()) {
                List<Integer> sorted = new ArrayList<>(q);
                sorted.sort(Comparator.comparingLong(i -> own(lines.get(i))));
                q.clear();
                q.addAll(sorted);
            }
            Map<String, Long> taken = new HashMap<>();   // the largest own entry of each process taken so far
            int[] out = new int[lines.size()];
            int n = 0;
            while (n < lines.size()) {
                boolean progress = false;
                for (Map.Entry<String, Deque<Integer>> e : byNode.entrySet()) {
                    Integer head = e.getValue().peek();
                    if (head != null && ready(lines.get(head), taken, byTime)) {
                        e.getValue().poll();
                        taken.put(e.getKey(), own(lines.get(head)));
                        out[n++] = head;
                        progress = true;
                    }
                }
                if (!progress) {
                    int stuck = byNode.values().stream().filter(q -> !q.isEmpty()).map(Deque::peek).findFirst().orElseThrow();
                    throw conflict(stuck, "no order is consistent with the clocks: the line (process " + lines.get(stuck).node()
                            + ", clock " + lines.get(stuck).clock() + ") waits for a line no process has logged");
                }
            }
            return out;
        }

        /** Every line the clock of l says happened before it (of other processes) has been taken. */
        private static boolean ready(CausalOrdering.Line l, Map<String, Long> taken, Map<String, TreeMap<Long, Integer>> byTime) {
            for (Map.Entry<String, Long> c : l.clock().entrySet()) {
                String k = c.getKey();
                long need = c.getValue();
                if (k.equals(l.node()) || need <= 0) continue;
                TreeMap<Long, Integer> of = byTime.get(k);
                if (of == null || of.isEmpty()) continue;   // nothing of that process is in the log: nothing to wait for
                Long latest = of.floorKey(need);   // the latest logged line of that process at or below the clock entry
                if (latest != null && latest >= 0 && taken.getOrDefault(k, Long.MIN_VALUE) < latest) return false;
            }
            return true;
        }
    }
}
