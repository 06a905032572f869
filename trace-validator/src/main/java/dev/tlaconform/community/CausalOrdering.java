package dev.tlaconform.community;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one implementation of putting a log merged from several processes in an order consistent
 * with the vector clocks its lines carry (the approach of ShiViz, and of the community's
 * VectorClocks!CausalOrder): each process's lines in the order of its own clock entry; a line waits
 * until every line its clock says happened before it has been taken. Processes are visited in rounds
 * in the order of their keys, each taking its next line when that line's predecessors are all taken:
 * the same log always gives the same order. Used by the TLA+ operator {@code CausalOrder}
 * ({@link VectorClocksOps}) and by the fast engine's reading of foreign logs
 * ({@code dev.tlaconform.validate.ForeignLog}), so both engines walk a log in the same order.
 */
public final class CausalOrdering {
    private CausalOrdering() {}

    /**
     * One line of the log.
     *
     * @param node  the process's key (compared as a string; the caller makes keys sort as it wants)
     * @param clock the line's vector clock: process key → entry (the line's own process included)
     */
    public record Line(String node, Map<String, Long> clock) {
        long own() {
            Long o = clock.get(node);
            return o == null ? Long.MIN_VALUE : o;
        }
    }

    /**
     * The key of a process named by a string (a JSON object's key, a TLA+ string): strings sort
     * after integers in {@link VectorClocksOps}'s keys, among themselves as strings.
     */
    public static String stringKey(String name) {
        return "1" + name;
    }

    /** The log admits no causal order; index is the line (0-based, into the input) it names. */
    public static final class Conflict extends Exception {
        public final int index;

        Conflict(int index, String message) {
            super(message);
            this.index = index;
        }
    }

    /**
     * The positions of lines in a causal order (out[k] = index of the k-th line).
     *
     * @throws Conflict a line without its own clock entry, two lines of a process with the same
     *                  entry, or a line waiting for one nobody logged
     */
    public static int[] order(List<Line> lines) throws Conflict {
        Map<String, Deque<Integer>> byNode = new TreeMap<>(Comparator.naturalOrder());
        Map<String, TreeMap<Long, Integer>> byTime = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (!l.clock().containsKey(l.node())) {
                throw new Conflict(i, "the line's clock has no entry for its own process");
            }
            byNode.computeIfAbsent(l.node(), k -> new ArrayDeque<>()).add(i);
            Integer before = byTime.computeIfAbsent(l.node(), k -> new TreeMap<>()).put(l.own(), i);
            if (before != null) {
                throw new Conflict(i, "two lines of process " + l.node() + " carry the same clock entry " + l.own());
            }
        }
        for (Deque<Integer> q : byNode.values()) {
            List<Integer> sorted = new ArrayList<>(q);
            sorted.sort(Comparator.comparingLong(i -> lines.get(i).own()));
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
                    taken.put(e.getKey(), lines.get(head).own());
                    out[n++] = head;
                    progress = true;
                }
            }
            if (!progress) {
                int stuck = byNode.values().stream().filter(q -> !q.isEmpty()).map(Deque::peek).findFirst().orElseThrow();
                throw new Conflict(stuck, "no order is consistent with the clocks: the line (process " + lines.get(stuck).node()
                        + ", clock " + lines.get(stuck).clock() + ") waits for a line no process has logged");
            }
        }
        return out;
    }

    /** Every line the clock of l says happened before it (of other processes) has been taken. */
    private static boolean ready(Line l, Map<String, Long> taken, Map<String, TreeMap<Long, Integer>> byTime) {
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
