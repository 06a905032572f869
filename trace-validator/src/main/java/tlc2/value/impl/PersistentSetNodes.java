package tlc2.value.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The B-tree under a {@link PersistentSetValue}: immutable nodes of at most {@link #MAX} entries, all
 * leaves at one depth, elements in TLC's normalized order; building one from a sorted array, the
 * descent of a search, and updates that copy one root-to-leaf path and share every other node.
 */
final class PersistentSetNodes {
    private PersistentSetNodes() {}

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

    static final Leaf EMPTY_LEAF = new Leaf(new Value[0]);

    /** The root of a tree of a[0..n) (n > 0), which must be sorted in TLC's order without duplicates. */
    static Node build(Value[] a, int n) {
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
        return level.get(0);
    }

    /** How many of the remaining r entries the next node takes: FILL, or all when they fit one node. */
    private static int chunk(int r) {
        if (r <= MAX) return r;
        if (r < FILL + FILL / 2) return r / 2; // no runt node at the end
        return FILL;
    }

    /** The index of the kid of n whose range holds v: the last kid whose first element is <= v, else 0. */
    static int kid(Inner n, Value v) {
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
    static int find(Value[] e, Value v) {
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

    /** Whether v is under n: a descent comparing v with the elements (v first, as ValueVec.search). */
    static boolean contains(Node n, Value v) {
        while (n instanceof Inner) n = ((Inner) n).kids[kid((Inner) n, v)];
        return find(((Leaf) n).e, v) >= 0;
    }

    /** n with v inserted, as one node or two (split); null when v is in n. */
    static Node[] insert(Node n, Value v) {
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
    static Node delete(Node n, Value v) {
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

    /** The height of n: 0 for a leaf. */
    static int height(Node n) {
        int d = 0;
        for (; n instanceof Inner; n = ((Inner) n).kids[0]) d++;
        return d;
    }

    /**
     * How many elements a and b hold in subtrees they share, as far as one look tells: the nodes one
     * level below the lower root that are also nodes of the other tree at that height (0 when the
     * heights differ by more than one, when one is a single leaf, or when nothing is shared). A lower
     * bound: a subtree shared deeper down (below a copied path) is not counted.
     */
    static long sharedSize(Node a, Node b) {
        if (a == b) return a.size;
        int ha = height(a), hb = height(b);
        if (Math.abs(ha - hb) > 1 || Math.min(ha, hb) == 0) return 0;
        Node lowRoot = ha <= hb ? a : b, highRoot = ha <= hb ? b : a;
        Set<Node> low = Collections.newSetFromMap(new IdentityHashMap<>());
        low.addAll(Arrays.asList(((Inner) lowRoot).kids));
        long shared = 0;
        for (Node k : ((Inner) highRoot).kids) {
            if (ha == hb) {
                if (low.contains(k)) shared += k.size;
            } else {
                for (Node g : ((Inner) k).kids) if (low.contains(g)) shared += g.size;
            }
        }
        return shared;
    }
}
