package dev.tlaconform.validate.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.ToolGlobals;
import tlc2.util.Context;
import tlc2.value.impl.BoolValue;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.tool.impl.Tool;
import tlc2.util.FP64;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * Checks the spec's invariants on candidate states without evaluating what cannot have changed.
 * An invariant is a state predicate: its value depends only on the state variables it reads
 * ({@link StateVarDeps}, computed once from SANY's semantic tree). So
 * <ul>
 *   <li>a state that agrees, on those variables, with the predecessor it was generated from (which
 *       satisfied every invariant) satisfies it too: no evaluation. Agreement is tested by identity
 *       first (TLC's UNCHANGED and EXCEPT share the predecessor's value objects), then by value;</li>
 *   <li>an invariant that is a conjunction (its top-level {@code /\}, through definitions without
 *       arguments and labels) is checked conjunct by conjunct the same way: the predecessor satisfied
 *       every conjunct, so a conjunct whose variables the step left as they were still holds and is
 *       not evaluated (Multi-Paxos's TraceAgreement: the chosen pairs read msgs, the learners'
 *       agreement reads decided; a Learn that decides changes only the second);</li>
 *   <li>otherwise a small per-invariant cache of fingerprints of those variables' values, for which the
 *       invariant held, answers revisits; only then does TLC evaluate it. Fingerprinting costs time
 *       linear in the values (a set of messages that only grows: every new state misses), so, per
 *       thread, the cache of an invariant switches itself off once it has missed {@value #TRIAL} times
 *       and hit fewer than one in {@value #MIN_HIT_RATIO} (revisits happen when several candidate
 *       states converge, under partial logging; a fully logged trace moves one state forward). While
 *       off it still probes one check in {@value #PROBE_EVERY}, so it comes back when hits do. Where
 *       one candidate state moves forward alone (one before the step, one after), the cache is only
 *       probed: short fully logged traces paid for the trial on every trace. An invariant checked by
 *       its step form on a known predecessor (below) is never cached: the step form costs what the
 *       step changed, a fingerprint the whole of what the invariant reads.</li>
 * </ul>
 * An invariant with a step form (the mapping's {@code "invariantSteps"}: an action-level definition
 * with {@code Inv => (Inv' <=> Step)} on every step, checked by TLC on the spec's CI model) is checked,
 * when the predecessor is known, by evaluating its step form on (predecessor, state) instead of the
 * invariant on the state, conjunct by conjunct as above: a step form checks only what the step
 * changed (the slots a Learn decided, not every slot), and each of its conjuncts is TRUE on a step
 * that leaves the variables it reads unchanged (the spec's obligation, stated with the mapping key).
 * Without a predecessor (the initial states) the invariant itself is evaluated.
 *
 * <p>Sound for any spec: a construct the dependency walk does not know makes the invariant read every
 * variable. Thread-safe (caches are per thread).
 */
final class InvariantChecker {
    private final Tool tool;
    private final Action[] invariants;
    /** Per invariant, the names of the variables it reads. */
    private final UniqueString[][] reads;
    private final List<String> readNames = new ArrayList<>();
    /** Per invariant, its top-level conjuncts (null: not a conjunction), and the variables each reads. */
    private final SemanticNode[][] conjuncts;
    private final UniqueString[][][] conjunctReads;
    /** Per invariant, the top-level conjuncts of its step form (null: none), and the variables each reads. */
    private final SemanticNode[][] stepConjuncts;
    private final UniqueString[][][] stepReads;
    final LongAdder stepsEvaluated = new LongAdder();
    final LongAdder conjunctsSkipped = new LongAdder();
    final LongAdder skippedUnchanged = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder evaluated = new LongAdder();

    private static final int CACHE_BITS = 12;
    static final int TRIAL = 64;
    static final int MIN_HIT_RATIO = 8;
    private final ThreadLocal<long[][]> caches;
    /** Per thread and invariant, in the current trace: cache misses and hits. */
    private final ThreadLocal<int[]> misses;
    private final ThreadLocal<int[]> hits;
    static final int PROBE_EVERY = 256;
    private final ThreadLocal<int[]> offChecks;

    InvariantChecker(Tool tool, Action[] invariants, OpDeclNode[] vars) {
        this(tool, invariants, vars, new SemanticNode[invariants.length]);
    }

    /** steps[i]: the body of invariant i's step form (an action-level definition without arguments), or null. */
    InvariantChecker(Tool tool, Action[] invariants, OpDeclNode[] vars, SemanticNode[] steps) {
        this.tool = tool;
        this.invariants = invariants;
        this.reads = new UniqueString[invariants.length][];
        for (int i = 0; i < invariants.length; i++) {
            reads[i] = readsOf(tool, invariants[i].pred, vars);
            readNames.add(invariants[i].getName() + " reads " + java.util.Arrays.toString(reads[i])
                    + (StateVarDeps.of(tool, invariants[i].pred, vars) == null ? " (all: not analysable)" : ""));
        }
        this.conjuncts = new SemanticNode[invariants.length][];
        this.conjunctReads = new UniqueString[invariants.length][][];
        for (int i = 0; i < invariants.length; i++) {
            List<SemanticNode> cs = new ArrayList<>();
            split(invariants[i].pred, cs, 0);
            if (cs.size() < 2) continue;
            conjuncts[i] = cs.toArray(new SemanticNode[0]);
            conjunctReads[i] = new UniqueString[cs.size()][];
            for (int j = 0; j < cs.size(); j++) conjunctReads[i][j] = readsOf(tool, cs.get(j), vars);
            readNames.set(i, readNames.get(i) + ", " + cs.size() + " conjuncts checked apart");
        }
        this.stepConjuncts = new SemanticNode[invariants.length][];
        this.stepReads = new UniqueString[invariants.length][][];
        for (int i = 0; i < invariants.length; i++) {
            if (steps[i] == null) continue;
            List<SemanticNode> cs = new ArrayList<>();
            split(steps[i], cs, 0);
            stepConjuncts[i] = cs.toArray(new SemanticNode[0]);
            stepReads[i] = new UniqueString[cs.size()][];
            for (int j = 0; j < cs.size(); j++) stepReads[i][j] = readsOf(tool, cs.get(j), vars);
            readNames.set(i, readNames.get(i) + ", checked on a step by its step form (" + cs.size() + " conjuncts)");
        }
        this.caches = ThreadLocal.withInitial(() -> new long[invariants.length][1 << CACHE_BITS]);
        this.misses = ThreadLocal.withInitial(() -> new int[invariants.length]);
        this.hits = ThreadLocal.withInitial(() -> new int[invariants.length]);
        this.offChecks = ThreadLocal.withInitial(() -> new int[invariants.length]);
    }

    Action[] invariants() { return invariants; }

    private static UniqueString[] readsOf(Tool tool, SemanticNode n, OpDeclNode[] vars) {
        Set<Integer> deps = StateVarDeps.of(tool, n, vars);
        List<UniqueString> names = new ArrayList<>();
        if (deps == null) {
            for (OpDeclNode v : vars) names.add(v.getName());
        } else {
            for (int k : deps) names.add(vars[k].getName());
        }
        return names.toArray(new UniqueString[0]);
    }

    /**
     * The conjuncts cs (reading the variables reads[j]) hold, given parent, which satisfied them:
     * only those whose variables changed are evaluated, on s, or, for a step form's (step), on the
     * step from parent to s.
     */
    private boolean conjunctsHold(SemanticNode[] cs, UniqueString[][] reads, Context con, TLCState s, TLCState parent, boolean step) {
        for (int j = 0; j < cs.length; j++) {
            if (agree(s, parent, reads[j])) {
                conjunctsSkipped.increment();
                continue;
            }
            if (step) stepsEvaluated.increment();
            Object v = step ? tool.eval(cs[j], con, parent, s, EVAL_CLEAR) : tool.eval(cs[j], con, s);
            if (!(v instanceof BoolValue) || !((BoolValue) v).val) return false;
        }
        return true;
    }

    private static final int EVAL_CLEAR = 0; // tlc2.tool.EvalControl.Clear

    /** The top-level conjuncts of n, through labels and definitions without arguments; n itself otherwise. */
    private static void split(SemanticNode n, List<SemanticNode> out, int depth) {
        if (depth < 16 && n instanceof LabelNode) {
            split(((LabelNode) n).getBody(), out, depth + 1);
            return;
        }
        if (depth < 16 && n instanceof OpApplNode) {
            OpApplNode app = (OpApplNode) n;
            int op = BuiltInOPs.getOpCode(app.getOperator().getName());
            if (op == ToolGlobals.OPCODE_cl || op == ToolGlobals.OPCODE_land) {
                for (ExprOrOpArgNode a : app.getArgs()) split(a, out, depth + 1);
                return;
            }
            if (op == 0 && app.getOperator() instanceof OpDefNode) {
                OpDefNode d = (OpDefNode) app.getOperator();
                if (d.getArity() == 0 && d.getBody() != null && !d.getInRecursive()) {
                    split(d.getBody(), out, depth + 1);
                    return;
                }
            }
        }
        out.add(n);
    }

    /** For each invariant, which variables it reads (for the benchmark's report). */
    List<String> describe() { return readNames; }

    /**
     * The index of the first invariant s violates, or -1. parent is the state s was generated from
     * (it satisfied every invariant), or null; several: there are other candidate states now or
     * just before (revisits are likely: the cache is tried).
     */
    int firstViolated(TLCState s, TLCState parent, boolean several) {
        long[][] cache = caches.get();
        int[] miss = misses.get();
        int[] hit = hits.get();
        int[] off = offChecks.get();
        for (int i = 0; i < invariants.length; i++) {
            UniqueString[] vs = reads[i];
            if (parent != null && agree(s, parent, vs)) {
                skippedUnchanged.increment();
                continue;
            }
            boolean paying = hit[i] > 0 && (long) hit[i] * MIN_HIT_RATIO >= miss[i];
            // with a step form and the parent the check looks at what the step changed only: cheaper
            // than fingerprinting what the invariant reads (a log, every message), so no cache then
            boolean stepForm = parent != null && stepConjuncts[i] != null;
            boolean cached = !stepForm && (several ? miss[i] < TRIAL || paying || ++off[i] % PROBE_EVERY == 0
                    : ++off[i] % PROBE_EVERY == 0); // one candidate moving forward: rarely a revisit
            if (miss[i] > 1 << 20) { // recent behaviour counts more
                miss[i] >>= 1;
                hit[i] >>= 1;
            }
            long fp = 0;
            int slot = 0;
            long[] c = cache[i];
            if (cached) {
                fp = FP64.New();
                for (UniqueString v : vs) fp = ((Value) s.lookup(v)).fingerPrint(fp);
                slot = (int) (fp ^ (fp >>> 29)) & (c.length - 1);
                if (c[slot] == fp && fp != 0) {
                    cacheHits.increment();
                    hit[i]++;
                    continue;
                }
                miss[i]++;
            }
            evaluated.increment();
            boolean ok;
            try {
                Context con = invariants[i].con;
                ok = parent != null && stepConjuncts[i] != null ? conjunctsHold(stepConjuncts[i], stepReads[i], con, s, parent, true)
                        : parent != null && conjuncts[i] != null ? conjunctsHold(conjuncts[i], conjunctReads[i], con, s, parent, false)
                        : tool.isValid(invariants[i], s);
            } catch (RuntimeException ex) {
                ok = false;
            }
            if (!ok) return i;
            if (cached) c[slot] = fp;
        }
        return -1;
    }

    private static boolean agree(TLCState s, TLCState parent, UniqueString[] vs) {
        for (UniqueString v : vs) {
            Object a = s.lookup(v);
            Object b = parent.lookup(v);
            if (a == b) continue;
            try {
                if (!(a instanceof Value) || !(b instanceof Value) || !same((Value) a, (Value) b)) return false;
            } catch (RuntimeException e) {
                return false; // values TLC cannot compare: treat as different
            }
        }
        return true;
    }

    /**
     * TLC's equality, comparing the entries of tuples, records and sets pairwise by identity first: a
     * step's successor shares every entry it did not change with its predecessor (EXCEPT, {@link Canon}),
     * where TLC's {@code TupleValue.equals} compares each shared entry by value (the whole log of every
     * node whenever one entry of one node changed).
     */
    static boolean same(Value a, Value b) {
        return Changes.same(a, b);
    }

}
