package dev.tlaconform.validate.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.TLCState;
import tlc2.tool.coverage.CostModel;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;
import tla2sany.semantic.OpApplNode;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.ToolGlobals;
import tlc2.value.impl.EvaluatingValue;
import tlc2.value.impl.PersistentSetValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.SetPredValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * Evaluates each state-level definition without arguments once per distinct value of the state
 * variables it reads. Such a definition ({@code CommittedPairs == {<<c.seq, c.req>> : c \in
 * commitLog}}) is a function of those variables only ({@link StateVarDeps}); the engine moves a
 * candidate state forward one event at a time and TLC's UNCHANGED and EXCEPT, and {@link Canon},
 * keep a variable's value object when the step leaves it as it was. So TLC re-evaluates the
 * definition, in every invariant and guard that names it, on states where what it reads is the
 * very same objects: here the last two results per thread are kept with those objects, and
 * reused when they are identical.
 *
 * <p>Installed as TLC's own hook for a definition: its tool object, an {@link EvaluatingValue}
 * (what TLC calls for a Java override of an operator, given the unevaluated arguments, the context
 * and the states); TLC's evaluator looks it up before the definition's body. Only for plain
 * evaluation of the current state ({@code EvalControl.Clear}, all variables it reads assigned):
 * primed, ENABLED and initial-state evaluation go to the body as before. Results are immutable
 * values, so sharing one between states is sound; a result TLC left lazy (a set filter holding the
 * state it was built in) holds a state that agrees on every variable it reads. A definition that
 * distributes over union in one set variable ({@link #growing}: a filter or image of msgs) is
 * grown when only that variable changed and only by additions: the old result plus the body on
 * the added elements alone.
 */
final class DefMemo extends EvaluatingValue {
    private static final int CLEAR = 0; // tlc2.tool.EvalControl.Clear
    /** Per thread: evaluating a body on a delta state (memos read, and keep nothing). */
    private static final ThreadLocal<int[]> ON_DELTA = ThreadLocal.withInitial(() -> new int[1]);

    final OpDefNode def;
    private final UniqueString[] reads;
    private final ThreadLocal<Object[][]> last;
    /** The index in reads of a set variable the body filters ({@link #growing}), or -1. */
    private final int grows;
    final LongAdder hits = new LongAdder();
    final LongAdder grown = new LongAdder();
    final LongAdder misses = new LongAdder();
    /**
     * Evaluations with nothing reused or grown after which a memo gives up (Multi-Paxos 10k: Sent2a,
     * 65,670 evaluations, none reused, each result normalized for nothing); its definition is then
     * evaluated by TLC from its body, as without a memo. {@code tlaconform.memoGiveUp} sets it.
     */
    static final int GIVE_UP = Integer.getInteger("tlaconform.memoGiveUp", 4096);
    /** Given up: every evaluation goes to the body. */
    private volatile boolean off;

    private DefMemo(OpDefNode def, UniqueString[] reads, int grows) {
        super(null, describedAs(), 0);
        this.def = def;
        this.reads = reads;
        this.grows = grows;
        this.last = ThreadLocal.withInitial(() -> new Object[2][]);
    }

    /**
     * Installs a memo on every state-level definition of arity 0 in the spec that TLC evaluates from
     * its body (not overridden, not a constant it precomputed) and whose variables the dependency
     * walk can name. Returns what it installed, for reports.
     */
    static List<DefMemo> install(Tool tool, OpDeclNode[] vars) {
        List<DefMemo> out = new ArrayList<>();
        // TLC takes the initial predicate apart to assign variables (x = e, x \in S), through the
        // definitions it names: those are not values to look up
        Set<OpDefNode> init = new java.util.HashSet<>();
        tlc2.util.Vect<tlc2.tool.Action> preds = tool.getInitStateSpec();
        for (int i = 0; i < preds.size(); i++) {
            tla2sany.semantic.SemanticNode pred = preds.elementAt(i).pred;
            named(pred, init, 0);
            for (OpDefNode d : tool.getRootModule().getOpDefs()) if (d.getBody() == pred) init.add(d);
        }
        for (OpDefNode d : tool.getRootModule().getOpDefs()) {
            if (d.getKind() != ASTConstants.UserDefinedOpKind || d.getArity() != 0 || d.getLevel() != 1) continue;
            if (init.contains(d)) continue;
            if (d.getInRecursive() || d.getBody() == null || variableTuple(d.getBody(), 0)) continue;
            Object now;
            try {
                now = tool.lookup(d, Context.Empty, false);
            } catch (RuntimeException e) {
                continue;
            }
            if (now != d) continue; // overridden or substituted: leave it to TLC
            Set<Integer> deps = StateVarDeps.of(tool, d.getBody(), vars);
            if (deps == null || deps.isEmpty()) continue;
            UniqueString[] reads = new UniqueString[deps.size()];
            int i = 0;
            for (int k : deps) reads[i++] = vars[k].getName();
            int g = -1;
            OpDeclNode v = growing(tool, d.getBody(), vars);
            for (int k = 0; k < reads.length && v != null; k++) if (reads[k] == v.getName()) g = k;
            DefMemo m = new DefMemo(d, reads, g);
            d.setToolObject(tool.getId(), m);
            out.add(m);
        }
        return out;
    }

    /** Adds the user definitions n names, transitively through their bodies. */
    private static void named(tla2sany.semantic.SemanticNode n, Set<OpDefNode> out, int depth) {
        if (n == null || depth > 400) return;
        if (n instanceof OpApplNode) {
            OpApplNode app = (OpApplNode) n;
            if (app.getOperator() instanceof OpDefNode) {
                OpDefNode d = (OpDefNode) app.getOperator();
                if (d.getKind() == ASTConstants.UserDefinedOpKind && out.add(d)) named(d.getBody(), out, depth + 1);
            }
            tla2sany.semantic.ExprNode[] bounds = app.getBdedQuantBounds();
            if (bounds != null) for (tla2sany.semantic.ExprNode b : bounds) named(b, out, depth + 1);
            for (ExprOrOpArgNode a : app.getArgs()) named(a, out, depth + 1);
        } else if (n instanceof tla2sany.semantic.OpArgNode) {
            tla2sany.semantic.SymbolNode op = ((tla2sany.semantic.OpArgNode) n).getOp();
            if (op instanceof OpDefNode && out.add((OpDefNode) op)) named(((OpDefNode) op).getBody(), out, depth + 1);
        } else if (n instanceof tla2sany.semantic.LetInNode) {
            for (OpDefNode d : ((tla2sany.semantic.LetInNode) n).getLets()) named(d.getBody(), out, depth + 1);
            named(((tla2sany.semantic.LetInNode) n).getBody(), out, depth + 1);
        } else if (n instanceof tla2sany.semantic.SubstInNode) {
            for (tla2sany.semantic.Subst x : ((tla2sany.semantic.SubstInNode) n).getSubsts()) named(x.getExpr(), out, depth + 1);
            named(((tla2sany.semantic.SubstInNode) n).getBody(), out, depth + 1);
        } else if (n instanceof tla2sany.semantic.LabelNode) {
            named(((tla2sany.semantic.LabelNode) n).getBody(), out, depth + 1);
        }
    }

    /**
     * True for a body made of variables, tuples and definitions of such ({@code vars == <<x, y>>}):
     * what UNCHANGED takes apart, and TLC's UNCHANGED wants the definition, not a value.
     */
    private static boolean variableTuple(tla2sany.semantic.SemanticNode n, int depth) {
        if (!(n instanceof tla2sany.semantic.OpApplNode) || depth > 50) return false;
        tla2sany.semantic.OpApplNode app = (tla2sany.semantic.OpApplNode) n;
        tla2sany.semantic.SymbolNode op = app.getOperator();
        if (op instanceof OpDeclNode) return ((OpDeclNode) op).getKind() == ASTConstants.VariableDeclKind;
        if (op instanceof OpDefNode && ((OpDefNode) op).getKind() == ASTConstants.UserDefinedOpKind) {
            return ((OpDefNode) op).getArity() == 0 && variableTuple(((OpDefNode) op).getBody(), depth + 1);
        }
        if (tlc2.tool.BuiltInOPs.getOpCode(op.getName()) != tlc2.tool.ToolGlobals.OPCODE_tup) return false;
        for (ExprOrOpArgNode a : app.getArgs()) if (!variableTuple(a, depth + 1)) return false;
        return true;
    }

    /** "Name reads [vars] (grows with v): R reused, G grown, E evaluated". */
    String describe() {
        StringBuilder b = new StringBuilder(def.getName().toString()).append(" reads [");
        for (int i = 0; i < reads.length; i++) b.append(i == 0 ? "" : ", ").append(reads[i]);
        b.append(']');
        if (grows >= 0) b.append(" (a filter of ").append(reads[grows]).append(')');
        return b.append(": ").append(hits.sum()).append(" reused, ").append(grown.sum()).append(" grown, ")
                .append(misses.sum()).append(" evaluated").append(off ? ", given up" : "").toString();
    }

    @Override
    public Value eval(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0, TLCState s1, int control, CostModel cm) {
        if (off || control != CLEAR || s0 == null) return body(tool, s0, s1, control, cm);
        Object[] key = new Object[reads.length];
        for (int i = 0; i < reads.length; i++) {
            Object v = s0.lookup(reads[i]);
            if (v == null) return body(tool, s0, s1, control, cm); // a state under construction
            key[i] = v;
        }
        Object[][] memo = last.get();
        for (int e = 0; e < memo.length; e++) {
            Object[] m = memo[e];
            if (m != null && same(m, key)) {
                hits.increment();
                if (e != 0) { // most recent first
                    memo[1] = memo[0];
                    memo[0] = m;
                }
                return (Value) m[reads.length];
            }
        }
        if (ON_DELTA.get()[0] > 0) return body(tool, s0, s1, control, cm); // a delta state: keep no entry for it
        Value v = memo[0] == null || grows < 0 ? null : grow(tool, memo[0], key, s0, s1, cm);
        if (v == null) {
            misses.increment();
            if (hits.sum() == 0 && grown.sum() == 0 && misses.sum() >= GIVE_UP) off = true;
            v = settled(body(tool, s0, s1, control, cm));
        }
        Object[] entry = java.util.Arrays.copyOf(key, reads.length + 1);
        entry[reads.length] = v;
        memo[1] = memo[0];
        memo[0] = entry;
        return v;
    }

    /**
     * The body's value where only the filtered set variable differs from entry's state and holds
     * its elements plus others (delta): entry's result plus the body on delta alone (the body is
     * distributive in that variable, {@link #growing}); null when that is not the case.
     */
    private Value grow(Tool tool, Object[] entry, Object[] key, TLCState s0, TLCState s1, CostModel cm) {
        for (int i = 0; i < key.length; i++) if (i != grows && entry[i] != key[i]) return null;
        Object old = entry[key.length];
        if (!(old instanceof SetEnumValue) && !(old instanceof PersistentSetValue)) return null;
        SetEnumValue delta;
        if (entry[grows] instanceof PersistentSetValue && key[grows] instanceof PersistentSetValue) {
            // two versions of one persistent set: what differs, shared subtrees skipped
            List<Value> gone = new ArrayList<>(), added = new ArrayList<>();
            PersistentSetValue.difference((PersistentSetValue) entry[grows], (PersistentSetValue) key[grows], gone, added);
            if (!gone.isEmpty()) return null;
            delta = new SetEnumValue(added.toArray(new Value[0]), true); // in order: normalized
        } else if (entry[grows] instanceof SetEnumValue && key[grows] instanceof SetEnumValue) {
            delta = SetOps.added((SetEnumValue) entry[grows], (SetEnumValue) key[grows]);
        } else {
            return null;
        }
        if (delta == null) return null;
        if (delta.size() == 0) return (Value) old;
        TLCState onDelta = s0.copy();
        onDelta.bind(reads[grows], delta);
        int[] depth = ON_DELTA.get();
        Value more;
        depth[0]++;
        try {
            more = settled(body(tool, onDelta, s1, CLEAR, cm));
        } finally {
            depth[0]--;
        }
        if (!(more instanceof SetEnumValue) && !(more instanceof PersistentSetValue)) return null;
        grown.increment();
        if (old instanceof PersistentSetValue) return ((PersistentSetValue) old).cup(more);
        return Canon.persistent(SetOps.union((SetEnumValue) old, (SetEnumValue) more.toSetEnum()));
    }

    /**
     * A result as it is best kept: a set filter TLC leaves lazy ({x \in S : P} over an enumerated S)
     * enumerated, sets sorted, so later membership tests are binary searches.
     */
    private static Value settled(Value v) {
        try {
            if (v instanceof SetPredValue && ((SetPredValue) v).inVal instanceof SetEnumValue) v = ((SetPredValue) v).toSetEnum();
            v.deepNormalize();
            v = Canon.persistent(v); // a large result grown by union: persistent, not copied on every growth
        } catch (RuntimeException e) {
            // not enumerable or not comparable: keep it as TLC made it
        }
        return v;
    }

    /**
     * The state variable V when body, as a function of V, distributes over union: body(V1 \\cup V2)
     * = body(V1) \\cup body(V2). So it is when body is V, {x \\in S : P}, {e : x \\in S}, S \\cap T,
     * T \\cap S, S \\ T, or a definition without arguments (or LET) whose body is, where S is such an
     * expression in V and P, e, T do not read V. Else null.
     */
    private static OpDeclNode growing(Tool tool, tla2sany.semantic.SemanticNode body, OpDeclNode[] vars) {
        List<tla2sany.semantic.SemanticNode> rest = new ArrayList<>();
        OpDeclNode v = grows(body, rest, 0);
        return v == null || reads(tool, rest, vars, v) ? null : v;
    }

    /** V when n distributes over union in V, adding to rest what must not read V; else null. */
    private static OpDeclNode grows(tla2sany.semantic.SemanticNode n, List<tla2sany.semantic.SemanticNode> rest, int depth) {
        // LET d == e IN b: the d are evaluated lazily where b names them (as a definition, below)
        while (n instanceof tla2sany.semantic.LetInNode) n = ((tla2sany.semantic.LetInNode) n).getBody();
        if (!(n instanceof OpApplNode) || depth > 30) return null;
        OpApplNode app = (OpApplNode) n;
        tla2sany.semantic.SymbolNode op = app.getOperator();
        if (op instanceof OpDeclNode) {
            return ((OpDeclNode) op).getKind() == ASTConstants.VariableDeclKind ? (OpDeclNode) op : null;
        }
        if (op instanceof OpDefNode && ((OpDefNode) op).getKind() == ASTConstants.UserDefinedOpKind) {
            OpDefNode d = (OpDefNode) op;
            return d.getArity() == 0 && !d.getInRecursive() ? grows(d.getBody(), rest, depth + 1) : null;
        }
        ExprOrOpArgNode[] a = app.getArgs();
        switch (BuiltInOPs.getOpCode(op.getName())) {
            case ToolGlobals.OPCODE_sso: // {x \in S : P}
            case ToolGlobals.OPCODE_soa: { // {e : x \in S}
                tla2sany.semantic.ExprNode[] bounds = app.getBdedQuantBounds();
                if (bounds == null || bounds.length != 1 || app.getBdedQuantSymbolLists()[0].length != 1
                        || app.isBdedQuantATuple()[0]) return null;
                rest.add(a[0]);
                return grows(bounds[0], rest, depth + 1);
            }
            case ToolGlobals.OPCODE_cap: {
                for (int side = 0; side < 2; side++) {
                    List<tla2sany.semantic.SemanticNode> r = new ArrayList<>();
                    OpDeclNode v = grows(a[side], r, depth + 1);
                    if (v != null) {
                        rest.addAll(r);
                        rest.add(a[1 - side]);
                        return v;
                    }
                }
                return null;
            }
            case ToolGlobals.OPCODE_setdiff: {
                rest.add(a[1]);
                return grows(a[0], rest, depth + 1);
            }
            default:
                return null;
        }
    }

    /** True when any of nodes may read v (or the walk cannot tell). */
    private static boolean reads(Tool tool, List<tla2sany.semantic.SemanticNode> nodes, OpDeclNode[] vars, OpDeclNode v) {
        for (tla2sany.semantic.SemanticNode n : nodes) {
            Set<Integer> d = StateVarDeps.of(tool, n, vars);
            if (d == null) return true;
            for (int k : d) if (vars[k] == v) return true;
        }
        return false;
    }

    private Value body(Tool tool, TLCState s0, TLCState s1, int control, CostModel cm) {
        return tool.eval(def.getBody(), Context.Empty, s0, s1, control, cm);
    }

    private boolean same(Object[] entry, Object[] key) {
        for (int i = 0; i < key.length; i++) if (entry[i] != key[i]) return false;
        return true;
    }

    /** A method for TLC's printing of an override (it names its Java method); never invoked. */
    private static java.lang.reflect.Method describedAs() {
        try {
            return Object.class.getMethod("toString");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
