package dev.tlaconform.community;

import java.util.ArrayList;
import java.util.Comparator;
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
        int n = lines.size();
        // processes numbered in the order of their keys (the order of the rounds)
        TreeMap<String, Integer> procs = new TreeMap<>(Comparator.naturalOrder());
        for (Line l : lines) procs.putIfAbsent(l.node(), 0);
        int np = 0;
        for (Map.Entry<String, Integer> e : procs.entrySet()) e.setValue(np++);
        int[] proc = new int[n];
        long[] own = new long[n];
        List<TreeMap<Long, Integer>> byTime = new ArrayList<>(np);   // per process: its lines by own entry
        for (int p = 0; p < np; p++) byTime.add(new TreeMap<>());
        for (int i = 0; i < n; i++) {
            Line l = lines.get(i);
            if (!l.clock().containsKey(l.node())) {
                throw new Conflict(i, "the line's clock has no entry for its own process");
            }
            proc[i] = procs.get(l.node());
            own[i] = l.own();
            if (byTime.get(proc[i]).put(own[i], i) != null) {
                throw new Conflict(i, "two lines of process " + l.node() + " carry the same clock entry " + own[i]);
            }
        }
        // per process, its lines in the order of their own entries; per process, those entries sorted
        int[][] seq = new int[np][];
        long[][] times = new long[np][];
        for (int p = 0; p < np; p++) {
            TreeMap<Long, Integer> t = byTime.get(p);
            seq[p] = new int[t.size()];
            times[p] = new long[t.size()];
            int k = 0;
            for (Map.Entry<Long, Integer> e : t.entrySet()) {
                times[p][k] = e.getKey();
                seq[p][k++] = e.getValue();
            }
        }
        // what each line waits for: per other process in its clock, the latest line of that process at
        // or below the clock's entry (fixed by the log; only which lines are taken changes)
        int[] reqStart = new int[n + 1];
        int[] reqProc = new int[Math.max(16, n)];
        long[] reqAt = new long[reqProc.length];
        int nr = 0;
        for (int i = 0; i < n; i++) {
            reqStart[i] = nr;
            Line l = lines.get(i);
            for (Map.Entry<String, Long> c : l.clock().entrySet()) {
                long need = c.getValue();
                if (c.getKey().equals(l.node()) || need <= 0) continue;
                Integer k = procs.get(c.getKey());
                if (k == null) continue;   // nothing of that process is in the log: nothing to wait for
                int at = java.util.Arrays.binarySearch(times[k], need);
                int floor = at >= 0 ? at : -at - 2;
                if (floor < 0 || times[k][floor] < 0) continue;
                if (nr == reqProc.length) {
                    reqProc = java.util.Arrays.copyOf(reqProc, 2 * nr);
                    reqAt = java.util.Arrays.copyOf(reqAt, 2 * nr);
                }
                reqProc[nr] = k;
                reqAt[nr++] = times[k][floor];
            }
        }
        reqStart[n] = nr;
        long[] taken = new long[np];   // the largest own entry of each process taken so far
        java.util.Arrays.fill(taken, Long.MIN_VALUE);
        int[] head = new int[np];
        int[] out = new int[n];
        int m = 0;
        while (m < n) {
            boolean progress = false;
            for (int p = 0; p < np; p++) {
                if (head[p] == seq[p].length) continue;
                int line = seq[p][head[p]];
                boolean ready = true;
                for (int r = reqStart[line]; r < reqStart[line + 1] && ready; r++) ready = taken[reqProc[r]] >= reqAt[r];
                if (ready) {
                    head[p]++;
                    taken[p] = own[line];
                    out[m++] = line;
                    progress = true;
                }
            }
            if (!progress) {
                int stuck = -1;
                for (int p = 0; p < np && stuck < 0; p++) if (head[p] < seq[p].length) stuck = seq[p][head[p]];
                throw new Conflict(stuck, "no order is consistent with the clocks: the line (process " + lines.get(stuck).node()
                        + ", clock " + lines.get(stuck).clock() + ") waits for a line no process has logged");
            }
        }
        return out;
    }

}
