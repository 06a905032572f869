package tlc2.value.impl;

import java.util.List;
import tlc2.value.impl.PersistentSetNodes.Inner;
import tlc2.value.impl.PersistentSetNodes.Node;

/**
 * Walks of two sorted sets in order, for {@link PersistentSetValue}: the structural difference of two
 * versions of one set (every shared subtree skipped), comparison, union, and the merge walks
 * {@code \} and {@code \cap} take against a sorted set.
 */
final class PersistentSetWalks {
    private PersistentSetWalks() {}

    /**
     * Elements of a not in b and of b not in a (each in order), walking the two trees together and
     * skipping every subtree the two share (the same node object at the same place): O(what differs x
     * log) for two versions of one set. onlyB may be null: b's elements are then only walked past.
     */
    static void difference(Node a, Node b, List<Value> onlyA, List<Value> onlyB) {
        if (a == b) return;
        PersistentSetCursor x = new PersistentSetCursor(a), y = new PersistentSetCursor(b);
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
                if (onlyB != null) onlyB.add(q);
                y.advance();
            }
        }
        while (!x.done) onlyA.add(x.nextElement());
        while (onlyB != null && !y.done) onlyB.add(y.nextElement());
    }

    /** When x and y are both at the start of the same node, moves both past it (true). */
    private static boolean skipShared(PersistentSetCursor x, PersistentSetCursor y) {
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
    static int compareNodes(Node a, Node b, boolean eqOnly) {
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
        PersistentSetCursor p = new PersistentSetCursor(a), q = new PersistentSetCursor(b);
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

    /** The union of the elements under a and b, by one merge walk (both sorted), rebuilt. */
    static PersistentSetValue union(Node a, Node b) {
        Value[] out = new Value[a.size + b.size];
        PersistentSetCursor x = new PersistentSetCursor(a), y = new PersistentSetCursor(b);
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
        return PersistentSetValue.fromSorted(out, w);
    }

    /**
     * The elements under a that the sorted vector b does not hold, in order, by one merge walk (n + m
     * compares, each of a's element with b's, as {@code b.member} would compare them).
     */
    static void notIn(Node a, ValueVec b, List<Value> out) {
        int m = b.size(), j = 0;
        PersistentSetCursor c = new PersistentSetCursor(a);
        for (Value p; (p = c.nextElement()) != null; ) {
            int cmp = 1;
            while (j < m) {
                Value q = b.elementAt(j);
                cmp = p == q ? 0 : p.compareTo(q); // a's element first, as b.member(p) compares
                if (cmp > 0) j++;
                else break;
            }
            if (j < m && cmp == 0) j++;
            else out.add(p);
        }
    }

    /** The elements under a but those of drop (elements of a, the same objects, in order), rebuilt. */
    static PersistentSetValue minus(Node a, List<Value> drop) {
        Value[] out = new Value[a.size - drop.size()];
        int w = 0, d = 0;
        PersistentSetCursor c = new PersistentSetCursor(a);
        for (Value v; (v = c.nextElement()) != null; ) {
            if (d < drop.size() && drop.get(d) == v) d++;
            else out[w++] = v;
        }
        return PersistentSetValue.fromSorted(out, w);
    }
}
