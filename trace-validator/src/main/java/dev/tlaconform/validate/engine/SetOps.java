package dev.tlaconform.validate.engine;

import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueVec;

/** Merge-walks over sorted (normalized) TLC sets. */
final class SetOps {
    private SetOps() {}

    /**
     * The elements of now that are not in before, as a sorted set, when before is a subset of now;
     * null when it is not (an element was removed) or a set is not sorted.
     */
    static SetEnumValue added(SetEnumValue before, SetEnumValue now) {
        if (!before.isNormalized() || !now.isNormalized()) return null;
        ValueVec b = before.elems;
        ValueVec n = now.elems;
        int bs = b.size();
        int ns = n.size();
        if (bs > ns) return null;
        Value[] out = new Value[ns - bs];
        int i = 0, j = 0, w = 0;
        while (i < bs && j < ns) {
            Value x = b.elementAt(i);
            Value y = n.elementAt(j);
            int c = x == y ? 0 : x.compareTo(y);
            if (c == 0) {
                i++;
                j++;
            } else if (c > 0) {
                if (w == out.length) return null;
                out[w++] = y;
                j++;
            } else {
                return null; // x is not in now
            }
        }
        if (i < bs) return null;
        while (j < ns) {
            if (w == out.length) return null;
            out[w++] = n.elementAt(j++);
        }
        return w == out.length ? new SetEnumValue(out, true) : null;
    }

    /** The union of two sorted sets, sorted. */
    static SetEnumValue union(SetEnumValue a, SetEnumValue b) {
        if (b.size() == 0) return a;
        if (a.size() == 0) return b;
        ValueVec x = a.elems;
        ValueVec y = b.elems;
        int xs = x.size();
        int ys = y.size();
        if (ys <= SMALL && xs > 4 * SMALL) return insert(a, b);
        Value[] out = new Value[xs + ys];
        int i = 0, j = 0, w = 0;
        while (i < xs && j < ys) {
            Value p = x.elementAt(i);
            Value q = y.elementAt(j);
            int c = p == q ? 0 : p.compareTo(q);
            if (c == 0) {
                out[w++] = p;
                i++;
                j++;
            } else if (c < 0) {
                out[w++] = p;
                i++;
            } else {
                out[w++] = q;
                j++;
            }
        }
        while (i < xs) out[w++] = x.elementAt(i++);
        while (j < ys) out[w++] = y.elementAt(j++);
        return new SetEnumValue(w == out.length ? out : java.util.Arrays.copyOf(out, w), true);
    }

    /** b's size up to which union inserts b's elements by binary search instead of a merge walk. */
    private static final int SMALL = 8;

    /**
     * a with the few elements of b inserted, each at the place a binary search of a finds (O(|b| log |a|)
     * comparisons and one copy of a's array; a merge walk compares about half of a's elements per
     * element of b: a set that grows by one message a step was O(|msgs|) comparisons a step).
     */
    private static SetEnumValue insert(SetEnumValue a, SetEnumValue b) {
        ValueVec x = a.elems;
        ValueVec y = b.elems;
        int xs = x.size();
        int ys = y.size();
        int[] at = new int[ys];
        int k = 0;
        Value[] ins = new Value[ys];
        for (int j = 0; j < ys; j++) {
            Value q = y.elementAt(j);
            int lo = 0, hi = xs - 1;
            boolean found = false;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Value p = x.elementAt(mid);
                int c = p == q ? 0 : p.compareTo(q);
                if (c == 0) {
                    found = true;
                    break;
                } else if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found) continue;
            at[k] = lo; // b is sorted, so the places are non-decreasing
            ins[k++] = q;
        }
        if (k == 0) return a;
        Value[] out = new Value[xs + k];
        int from = 0, w = 0;
        for (int j = 0; j < k; j++) {
            int n = at[j] - from;
            for (int i = 0; i < n; i++) out[w++] = x.elementAt(from + i);
            from = at[j];
            out[w++] = ins[j];
        }
        while (from < xs) out[w++] = x.elementAt(from++);
        return new SetEnumValue(out, true);
    }
}
