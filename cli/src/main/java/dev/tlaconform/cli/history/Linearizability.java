package dev.tlaconform.cli.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a {@link History} of register operations is linearizable: Wing and Gong's
 * search with Lowe's memoization ("Testing for linearizability", 2017: a linearized set and a
 * state seen once are never explored again), one register per key checked on its own (Horn and
 * Kroening's P-compositionality, as Porcupine does). The search walks the history's call/return
 * entries: at a call it tries to linearize that operation next (legal in the register's sequential
 * specification, and the (set, state) pair new), at a return it backtracks, since that operation
 * should have been linearized before. Operations open to the end (info) may be linearized at any
 * point after their call or, in effect, never (last).
 *
 * <p>A non-linearizable key is narrowed to a minimal window: the shortest prefix of its history
 * that is already not linearizable (operations still open at its end counted as indeterminate),
 * then the latest quiescent point (no operation open) after which the rest of that prefix is not
 * linearizable from any register value: the operations between are the evidence.
 */
public final class Linearizability {
    /** Verdict for one key. */
    public record KeyResult(String key, int ops, boolean linearizable, List<History.Op> window, long states) {}

    /** Verdict for a history. */
    public record Result(History history, List<KeyResult> keys) {
        public boolean linearizable() {
            return keys.stream().allMatch(KeyResult::linearizable);
        }

        public long states() {
            return keys.stream().mapToLong(KeyResult::states).sum();
        }
    }

    private Linearizability() {}

    public static Result check(History h) {
        Map<String, List<History.Op>> byKey = new LinkedHashMap<>();
        for (History.Op op : h.ops) {
            byKey.computeIfAbsent(op.key, k -> new ArrayList<>()).add(op);
        }
        List<KeyResult> out = new ArrayList<>();
        for (Map.Entry<String, List<History.Op>> e : new java.util.TreeMap<>(byKey).entrySet()) {
            List<History.Op> ops = unobservedDropped(e.getValue(), Integer.MAX_VALUE);
            Search s = new Search(ops, Integer.MAX_VALUE);
            boolean ok = s.run(NULL);
            out.add(new KeyResult(e.getKey(), ops.size(), ok, ok ? List.of() : window(ops), s.states));
        }
        return new Result(h, out);
    }

    // ---- the minimal window ----------------------------------------------------------------------

    private static List<History.Op> window(List<History.Op> ops) {
        // the ends of completed operations, in order: the shortest non-linearizable prefix ends at one
        int[] ends = ops.stream().filter(o -> !o.open()).mapToInt(History.Op::ret).sorted().toArray();
        int lo = 0;
        int hi = ends.length - 1;
        while (lo < hi) { // smallest end whose prefix is not linearizable (monotone)
            int mid = (lo + hi) >>> 1;
            if (!new Search(prefix(ops, ends[mid], 0), ends[mid]).run(NULL)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int end = ends.length == 0 ? Integer.MAX_VALUE : ends[lo];
        // quiescent points before end: positions where every earlier call has returned
        List<Integer> cuts = new ArrayList<>();
        int maxRet = -1;
        for (History.Op o : ops) { // in call order
            if (o.call > end) {
                break;
            }
            if (maxRet < o.call && maxRet >= 0) {
                cuts.add(o.call);
            }
            maxRet = Math.max(maxRet, o.ret);
        }
        int from = 0;
        int a = 0;
        int b = cuts.size() - 1;
        while (a <= b) { // latest cut from which the rest is not linearizable from any value (monotone)
            int mid = (a + b) >>> 1;
            if (!linearizableFromAnyValue(prefix(ops, end, cuts.get(mid)), end)) {
                from = cuts.get(mid);
                a = mid + 1;
            } else {
                b = mid - 1;
            }
        }
        return prefix(ops, end, from);
    }

    /** Operations called in [from, end]; those returning after end open to the end (reads among them dropped). */
    private static List<History.Op> prefix(List<History.Op> ops, int end, int from) {
        List<History.Op> p = new ArrayList<>();
        for (History.Op o : ops) {
            if (o.call >= from && o.call <= end && (o.ret <= end || !o.f.equals("read"))) {
                p.add(o);
            }
        }
        return unobservedDropped(p, end);
    }

    /**
     * Drops the indeterminate writes and cas (open past {@code end}) whose new value no operation
     * observes (no read returns it, no cas expects it). Sound and complete: such an operation, where
     * ever a linearization puts it, is followed only by operations that do not look at its value
     * until the next write, so it may as well go last, where it changes nothing. Without this, k
     * indeterminate operations in flight together make 2^k linearized sets to remember.
     */
    static List<History.Op> unobservedDropped(List<History.Op> ops, int end) {
        java.util.Set<String> observed = new java.util.HashSet<>();
        for (History.Op o : ops) {
            if (o.f.equals("read") && o.ret <= end) {
                observed.add(o.a);
            } else if (o.f.equals("cas")) {
                observed.add(o.a);
            }
        }
        List<History.Op> out = new ArrayList<>(ops.size());
        for (History.Op o : ops) {
            boolean open = o.open() || o.ret > end;
            String written = o.f.equals("write") ? o.a : o.f.equals("cas") ? o.b : null;
            if (open && written != null && !observed.contains(written)) {
                continue;
            }
            out.add(o);
        }
        return out;
    }

    /** Whether some initial register value makes {@code ops} linearizable: one search from "any value". */
    private static boolean linearizableFromAnyValue(List<History.Op> ops, int end) {
        return new Search(ops, end).run(null);
    }

    static final String NULL = "null";
    /** The state "some value no operation has observed yet": the first read or cas binds it. */
    static final int ANY = -2;

    // ---- the search ----------------------------------------------------------------------------------

    /** One key's operations as a doubly linked list of call and return entries, searched from one initial value. */
    private static final class Search {
        private final int n;
        private final Entry head = new Entry(null, -1, false);
        private final Map<String, Integer> intern = new HashMap<>();
        private final int[] opA;
        private final int[] opB;
        private final byte[] kind; // 0 write, 1 read, 2 cas
        private final boolean[] unknown;
        long states;

        private static final class Entry {
            final History.Op op;
            final int id;
            final boolean call;
            Entry match; // the call's return
            Entry prev;
            Entry next;

            Entry(History.Op op, int id, boolean call) {
                this.op = op;
                this.id = id;
                this.call = call;
            }
        }

        Search(List<History.Op> ops, int end) {
            n = ops.size();
            opA = new int[n];
            opB = new int[n];
            kind = new byte[n];
            unknown = new boolean[n];
            intern.put(NULL, 0);
            List<Entry> entries = new ArrayList<>(2 * n);
            for (int i = 0; i < n; i++) {
                History.Op o = ops.get(i);
                kind[i] = (byte) (o.f.equals("write") ? 0 : o.f.equals("read") ? 1 : 2);
                opA[i] = o.a == null ? 0 : id(o.a);
                opB[i] = o.b == null ? 0 : id(o.b);
                unknown[i] = o.open() || o.ret > end;
                Entry c = new Entry(o, i, true);
                Entry r = new Entry(o, i, false);
                c.match = r;
                entries.add(c);
                entries.add(r);
            }
            // file order: a call at its position, a return at its own; open operations return after everything
            entries.sort((x, y) -> {
                long px = x.call ? x.op.call : unknown[x.id] ? Long.MAX_VALUE - n + x.id : x.op.ret();
                long py = y.call ? y.op.call : unknown[y.id] ? Long.MAX_VALUE - n + y.id : y.op.ret();
                return Long.compare(px, py);
            });
            Entry prev = head;
            for (Entry e : entries) {
                prev.next = e;
                e.prev = prev;
                prev = e;
            }
        }

        private int id(String v) {
            Integer i = intern.get(v);
            if (i == null) {
                i = intern.size();
                intern.put(v, i);
            }
            return i;
        }

        /** The register's sequential specification: the next state, or -1 if the operation cannot go here. */
        private int step(int state, int i) {
            switch (kind[i]) {
                case 0:
                    return opA[i];
                case 1:
                    return state == opA[i] || state == ANY ? opA[i] : -1;
                default:
                    if (state == opA[i] || state == ANY && !unknown[i]) {
                        return opB[i];
                    }
                    // an indeterminate cas may have failed its comparison (from ANY: taken as failed,
                    // which only widens what "linearizable from some value" accepts)
                    return unknown[i] ? state : -1;
            }
        }

        /** Searches from register value {@code initial}; null: from any value. */
        boolean run(String initial) {
            int state = initial == null ? ANY : id(initial);
            BitSet linearized = new BitSet(n);
            Set<Key> seen = new HashSet<>();
            Entry[] stackEntry = new Entry[n];
            int[] stackState = new int[n];
            int depth = 0;
            Entry e = head.next;
            while (head.next != null) {
                if (e != null && e.call) {
                    int next = step(state, e.id);
                    boolean fresh = false;
                    if (next >= 0) {
                        linearized.set(e.id);
                        fresh = seen.add(new Key(linearized, next));
                        states++;
                        if (!fresh) {
                            linearized.clear(e.id);
                        }
                    }
                    if (fresh) {
                        stackEntry[depth] = e;
                        stackState[depth++] = state;
                        state = next;
                        lift(e);
                        e = head.next;
                    } else {
                        e = e.next;
                    }
                } else { // a return (or the end): its operation should have come before; backtrack
                    if (depth == 0) {
                        return false;
                    }
                    e = stackEntry[--depth];
                    state = stackState[depth];
                    linearized.clear(e.id);
                    unlift(e);
                    e = e.next;
                }
            }
            return true;
        }

        private static void lift(Entry c) {
            c.prev.next = c.next;
            if (c.next != null) c.next.prev = c.prev;
            Entry r = c.match;
            r.prev.next = r.next;
            if (r.next != null) r.next.prev = r.prev;
        }

        private static void unlift(Entry c) {
            Entry r = c.match;
            r.prev.next = r;
            if (r.next != null) r.next.prev = r;
            c.prev.next = c;
            if (c.next != null) c.next.prev = c;
        }
    }

    /**
     * A (linearized set, state) pair, stored compactly: the first operation not linearized (all before
     * it are) and the linearized ones after it, so a key costs what is in flight, not the history's length.
     */
    private static final class Key {
        final int frontier;
        final long[] rest;
        final int state;
        final int hash;

        Key(BitSet linearized, int state) {
            this.frontier = linearized.nextClearBit(0);
            this.rest = linearized.get(frontier, Math.max(frontier, linearized.length())).toLongArray();
            this.state = state;
            this.hash = (31 * frontier + Arrays.hashCode(rest)) * 31 + state;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.frontier == frontier && k.state == state
                    && Arrays.equals(k.rest, rest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
