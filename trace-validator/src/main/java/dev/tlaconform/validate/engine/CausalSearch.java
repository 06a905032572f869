package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.CausalSession;
import dev.tlaconform.validate.CausalTraces;
import dev.tlaconform.validate.CausalTraces.NodeEvent;
import dev.tlaconform.validate.TraceMapping;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.ValidationResult.Failure;
import dev.tlaconform.validate.ValidationResult.Verdict;
import dev.tlaconform.validate.ValidationWatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tla2sany.semantic.OpDeclNode;
import tlc2.tool.TLCState;

/**
 * The search behind {@code tlaconform validate DIR}: is some linearization of the per-node events
 * that respects their vector clocks a behaviour of the spec? A search node is a position vector (how
 * many events of each node are placed) and one spec state some causal order of exactly those
 * events reaches; an event of node k can come next when every event its clock has seen is placed
 * ({@code clock[j] <= pos[j]} for j != k). Depth first, the enabled event with the smallest clock
 * sum tried first, and every (position vector, spec state fingerprint) expanded at most once: the
 * work is bounded by the number of distinct such pairs, not by the number of interleavings, and
 * the search is exhaustive over them (docs/validate.md argues completeness). Lazy: an expanded
 * pair's enabled events are tried one at a time, the next only once everything below the previous
 * one has failed, so an accepted path without backtracking costs one successor computation per
 * event, as one file does, not one per enabled event. Uses
 * the fast engine's own event preparation and successor generation ({@link Step}); a new class
 * beside {@link FastEngine}, which it leaves untouched.
 */
public final class CausalSearch implements CausalSession {
    private final FastEngine engine;

    public CausalSearch(Object engine) {
        this.engine = (FastEngine) engine;
    }

    /** A position vector with its hash computed once. */
    private static final class Pos {
        final int[] p;
        final int hash;

        Pos(int[] p) {
            this.p = p;
            this.hash = Arrays.hashCode(p);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pos q && q.hash == hash && Arrays.equals(q.p, p);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Override
    public ValidationResult search(CausalTraces t, int maxCandidates, boolean checkInvariants, ValidationWatch watch)
            throws BadTraceException, CandidateLimitException {
        long t0 = System.nanoTime();
        window = Math.max(1, Integer.getInteger("tlaconform.causal.window", 512));
        checkpoint = Math.max(1, Integer.getInteger("tlaconform.causal.checkpoint", 1024));
        TraceMapping mapping = t.mapping;
        List<String> vars = new ArrayList<>();
        for (OpDeclNode d : TLCState.vars) vars.add(d.getName().toString());
        List<ActionSite> all = ActionSite.of(engine.tool(), engine.tool().getActions());
        Map<String, EventKind> kinds = new LinkedHashMap<>();
        for (Map.Entry<String, TraceMapping.EventMapping> e : mapping.events().entrySet()) {
            kinds.put(e.getKey(), engine.kind(e.getKey()));   // the engine's: with the mapping's require conditions
        }
        InvariantChecker inv = checkInvariants ? engine.newInvariantChecker() : null;
        int n = t.n;
        Set<String> unmapped = new TreeSet<>();
        Step[][] steps = new Step[n + 1][];
        List<List<ActionSite>> sites = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>();
        for (int k = 1; k <= n; k++) {
            List<NodeEvent> es = t.events.get(k);
            steps[k] = new Step[es.size()];
            for (int i = 0; i < es.size(); i++) {
                NodeEvent e = es.get(i);
                EventKind kind = kinds.get(e.event().action());
                steps[k][i] = Step.prepare(engine, kind, e.event(), e.reader(), unmapped, maxCandidates);
                counts.merge(kind.specAction, 1L, Long::sum);
            }
        }
        List<TLCState> init = new ArrayList<>();
        Set<Long> initFps = new HashSet<>();
        for (TLCState s : FastEngine.list(engine.tool().getInitStates())) {
            Canon.state(s, null);
            if (initFps.add(s.fingerPrint())) init.add(s);
        }
        Failure bad = invariants(inv, init, null, mapping);
        if (bad != null) return result(t, Verdict.INVARIANT_VIOLATED, 0, init.size(), init.size(), t0, counts, bad, unmapped);
        long total = t.size();
        // depth first, the event with the smallest clock sum first (a linear extension of causality: when
        // concurrent events commute, as they do in message-passing specs, the first path is accepted without
        // backtracking); every (position vector, spec state) is expanded once. Lazily: a node's enabled events
        // are tried one at a time, the next one only once everything below the previous one has failed, so a
        // path that is accepted costs one successor computation (and one invariant check) per event, not one
        // per enabled event
        Map<Pos, Seen> visited = new HashMap<>();
        long pairs = 0;
        java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
        for (int i = init.size() - 1; i >= 0; i--) stack.push(new Frame(new int[n + 1], init.get(i), 0, null, null, i));
        long pending = init.size();   // generated states on the stack not expanded yet
        long deepest = -1;
        List<NodeEvent> stuck = new ArrayList<>();
        long widest = pending;
        // the expanded frames of the current path by depth: when one is expanded at depth d, every
        // frame expanded before at depth >= d has been popped (depth first), so this is the path
        List<Frame> path = new ArrayList<>();
        long reported = 0;   // the deepest level reported to the watch
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.enabled == null) {   // first visit
                pending--;
                if (!visited.computeIfAbsent(new Pos(f.pos), p -> new Seen()).add(f.state)) {
                    stack.pop();
                    continue;
                }
                if (++pairs > maxCandidates) {
                    throw new CandidateLimitException(t.dir + ": more than " + maxCandidates + " (position, spec state) pairs explored by the"
                            + " causal search (deepest: " + deepest + " of " + total + " events); raise --max-candidates");
                }
                if (f.placed > reported) {
                    reported = f.placed;
                    watch.at(reported, f.via == null ? null : f.via.reader().file().toString(), f.via == null ? 0 : f.via.event().line(),
                            (int) Math.min(Integer.MAX_VALUE, pending + 1));
                }
                if (f.placed == total) {
                    return result(t, Verdict.ACCEPTED, total, widest, pairs, t0, counts, null, unmapped);
                }
                List<NodeEvent> enabled = new ArrayList<>();
                for (int k = 1; k <= n; k++) {
                    if (f.pos[k] < steps[k].length && enabled(t.events.get(k).get(f.pos[k]).clock(), f.pos, k, n)) {
                        enabled.add(t.events.get(k).get(f.pos[k]));
                    }
                }
                enabled.sort((a, b) -> Long.compare(sum(a.clock()), sum(b.clock())));
                f.enabled = enabled;
                int d = (int) f.placed;
                while (path.size() > d) path.remove(path.size() - 1);
                path.add(f);
                if (d >= window) release(path.get(d - window), visited);
            }
            if (f.next == f.enabled.size()) {   // every enabled event tried: backtrack
                stack.pop();
                continue;
            }
            NodeEvent e = f.enabled.get(f.next++);
            List<TLCState> succ = new ArrayList<>();
            List<TLCState> parents = new ArrayList<>();
            successors(steps, e, stateOf(f, steps), succ, parents);
            if (succ.isEmpty()) {
                if (f.placed > deepest) {
                    deepest = f.placed;
                    stuck.clear();
                }
                if (f.placed == deepest && !stuck.contains(e)) stuck.add(e);
                continue;
            }
            bad = invariants(inv, succ, parents, mapping);
            tlc2.value.impl.PersistentFcn.sweep(); // TLC's materialisations of persistent functions in this step: dropped
            if (bad != null) {
                bad = new Failure(e.event().line(), e.event().json(), e.event().action(), 1,
                        bad.summary() + " after " + e.where(), bad.details());
                ValidationResult r = result(t, Verdict.INVARIANT_VIOLATED, f.placed + 1, widest, pairs, t0, counts, bad, unmapped);
                return new ValidationResult(e.reader().file().toString(), r.engine(), r.verdict(), r.events(), r.candidatesMax(),
                        r.statesTotal(), r.millis(), r.actionCounts(), r.actionsNeverSeen(), r.failure(), r.warnings());
            }
            int[] q = f.pos.clone();
            q[e.node()]++;
            for (int i = succ.size() - 1; i >= 0; i--) stack.push(new Frame(q, succ.get(i), f.placed + 1, f, e, i));
            pending += succ.size();
            widest = Math.max(widest, pending);
        }
        ValidationResult r = result(t, Verdict.REJECTED, Math.max(0, deepest), widest, pairs, t0, counts,
                rejection(t, stuck, Math.max(0, deepest), 1), unmapped);
        // the verdict line names file:line of the first event refused where the search got furthest
        return stuck.isEmpty() ? r : new ValidationResult(stuck.get(0).reader().file().toString(), r.engine(), r.verdict(), r.events(),
                r.candidatesMax(), r.statesTotal(), r.millis(), r.actionCounts(), r.actionsNeverSeen(), r.failure(), r.warnings());
    }

    /**
     * A search node on the stack: a pair, and once expanded its enabled events and the next one to
     * try. The state of an expanded frame far enough above the top of the path is dropped (see
     * {@link #window}) and recomputed from its nearest ancestor that kept one when the search
     * backtracks to it: the parent frame, the event that led here and the index of this state among
     * that event's successors say how (successor generation is deterministic).
     */
    private static final class Frame {
        final int[] pos;
        TLCState state;
        final long placed;
        final Frame parent;
        final NodeEvent via;
        final int index;
        List<NodeEvent> enabled;
        int next;

        Frame(int[] pos, TLCState state, long placed, Frame parent, NodeEvent via, int index) {
            this.pos = pos;
            this.state = state;
            this.placed = placed;
            this.parent = parent;
            this.via = via;
            this.index = index;
        }
    }

    /**
     * How far above the top of the path expanded frames keep their spec state and their position's
     * dedup entry, and every how many levels one keeps its state for good (a checkpoint that bounds
     * the replay of a dropped one). Spec states of long runs hold message sets and logs that grow
     * with the run and share little (TLC's values are copied by every step), so keeping every state
     * of the path made the search's heap grow quadratically with the events (a 25,559-event
     * three-node Multi-Paxos cluster run: 535 MB live); now it keeps {@code window} states plus one
     * in {@code checkpoint} (the system properties {@code tlaconform.causal.window} and
     * {@code tlaconform.causal.checkpoint} change them, for tests). Dropping a dedup entry costs at most re-exploring pairs if the search
     * backtracks that far (it stays exhaustive and the pair limit still bounds it); a dropped state
     * is recomputed, so no verdict changes.
     */
    private int window = 512;
    private int checkpoint = 1024;

    private void release(Frame g, Map<Pos, Seen> visited) {
        if (g.placed % checkpoint == 0 || g.state == null) return;
        visited.remove(new Pos(g.pos));
        g.state = null;
    }

    /** The frame's spec state, recomputed along its ancestors from the nearest one that kept it. */
    private TLCState stateOf(Frame f, Step[][] steps) throws BadTraceException {
        if (f.state != null) return f.state;
        List<Frame> chain = new ArrayList<>();
        Frame g = f;
        while (g.state == null) {
            chain.add(g);
            g = g.parent;
        }
        TLCState s = g.state;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Frame c = chain.get(i);
            List<TLCState> succ = new ArrayList<>();
            successors(steps, c.via, s, succ, new ArrayList<>());
            if (c.index >= succ.size()) {
                throw new IllegalStateException("causal search: recomputing a dropped state gave " + succ.size()
                        + " successors where " + (c.index + 1) + " were found before (" + c.via.where() + ")");
            }
            s = succ.get(c.index);
        }
        f.state = s;   // kept while the search is at or below it (released again when it is far above)
        return s;
    }

    private static void successors(Step[][] steps, NodeEvent e, TLCState from, List<TLCState> succ, List<TLCState> parents)
            throws BadTraceException {
        Step step = steps[e.node()][e.pos() - 1];
        List<ActionSite> acts = step.kind.sites(step.ctxValues);
        if (acts != null) {
            for (ActionSite a : acts) step.successors(a, from, true, succ, parents);
        }
    }

    /**
     * The spec states expanded at one position vector. A path without backtracking reaches each
     * position vector once, so this is mostly one state, and a new one is compared with the few
     * there value by value (which succeeds by identity on what they share, as the fast engine's
     * candidate dedup does), not fingerprinted: a full fingerprint walks the whole state, whose
     * message sets and logs grow with the run (most of the merged search's time before). Beyond
     * {@link #FEW} states the position switches to fingerprints.
     */
    private static final class Seen {
        private static final int FEW = 8;
        private List<TLCState> few = new ArrayList<>(1);
        private Set<Long> fps;

        boolean add(TLCState s) {
            if (fps != null) return fps.add(s.fingerPrint());
            for (TLCState t : few) {
                if (FastEngine.sameValues(s, t)) return false;
            }
            few.add(s);
            if (few.size() > FEW) {
                fps = new HashSet<>();
                for (TLCState t : few) fps.add(t.fingerPrint());
                few = null;
            }
            return true;
        }
    }

    private static long sum(int[] c) {
        long s = 0;
        for (int x : c) s += x;
        return s;
    }

    private static boolean enabled(int[] clock, int[] pos, int k, int n) {
        for (int j = 1; j <= n; j++) {
            if (j != k && clock[j] > pos[j]) return false;
        }
        return true;
    }

    private static Failure rejection(CausalTraces t, List<NodeEvent> stuck, long placed, long before) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("kind", "causal");
        d.put("placed", placed);
        d.put("events", t.size());
        ArrayNode a = d.putArray("rejectedNext");
        StringBuilder list = new StringBuilder();
        for (NodeEvent e : stuck) {
            a.add(e.where() + " (" + e.event().action() + ")");
            list.append(list.length() == 0 ? "" : ", ").append(e.where()).append(" (").append(e.event().action()).append(')');
        }
        NodeEvent first = stuck.isEmpty() ? null : stuck.get(0);
        String why = "no causal order of the per-node traces is a behaviour of the spec: every order consistent with the clocks"
                + " stops after " + placed + " of " + t.size() + " events; the spec takes none of the events that could come next: " + list;
        return new Failure(first == null ? 0 : first.event().line(), first == null ? null : first.event().json(),
                first == null ? null : first.event().action(), before, why, d);
    }

    private Failure invariants(InvariantChecker inv, List<TLCState> states, List<TLCState> parents, TraceMapping mapping) {
        if (inv == null || inv.invariants().length == 0) return null;
        for (int i = 0; i < states.size(); i++) {
            int b = inv.firstViolated(states.get(i), parents == null ? null : parents.get(i), true);
            if (b >= 0) {
                String name = mapping.invariantOf(inv.invariants()[b].getName().toString());
                ObjectNode d = JsonNodeFactory.instance.objectNode();
                d.put("kind", "invariant");
                d.put("invariant", name);
                d.set("state", FastEngine.stateJson(states.get(i)));
                return new Failure(1, null, null, states.size(), "invariant " + name + " is violated", d);
            }
        }
        return null;
    }

    private ValidationResult result(CausalTraces t, Verdict v, long events, long widest, long pairs, long t0, Map<String, Long> counts,
                                    Failure f, Set<String> unmapped) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> never = new ArrayList<>();
        for (String a : engine.specActionNames()) if (!counts.containsKey(a)) never.add(a);
        List<String> warnings = new ArrayList<>();
        if (!unmapped.isEmpty()) warnings.add("logged state keys the mapping does not map (left unchecked): " + unmapped);
        return new ValidationResult(t.dir.toString(), "fast-causal", v, events, widest, pairs, ms,
                Collections.unmodifiableMap(counts), never, f, warnings);
    }
}
