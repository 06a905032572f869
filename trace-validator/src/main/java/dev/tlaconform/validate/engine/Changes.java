package dev.tlaconform.validate.engine;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueVec;

/**
 * What {@link Canon} learnt about a long tuple (a function over a log's slots) of a successor state:
 * the tuple of the parent state it was paired with, and the positions where its entries are other
 * objects than the parent's (or past the parent's end: Append). Every other entry is the parent's own
 * object (TLC's EXCEPT and Append copy the array and replace or add one entry), so what else compares the two tuples entry by entry (a delta key's
 * unlisted entries, {@code ChangedArgs} of the step forms, the invariant checker's skip test) looks
 * at those positions only instead of walking all of them again. A position in the list may hold an
 * equal value (Canon replaced it by the parent's or a canonical form): readers compare those by value.
 * Entries are dropped with their tuple (weak keys, compared by identity: arrays do not override equals).
 */
public final class Changes {
    /** Tuples shorter than this are walked as before. */
    static final int MIN = 64;

    private static final Map<Value[], Changes> OF = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The parent tuple's entries the tuple was paired with (as long, or shorter: every position past
     * its end is in at); weakly, or each tuple would keep its parent's alive, and so the whole run's.
     */
    private final WeakReference<Value[]> base;
    /** Ascending positions (0-based) where the entries may differ from base's. */
    public final int[] at;

    private Changes(Value[] base, int[] at) {
        this.base = new WeakReference<>(base);
        this.at = at;
    }

    static void record(Value[] elems, Value[] base, int[] at) {
        OF.put(elems, new Changes(base, at));
    }

    /** What is known of elems against base (every position outside at holds base's entry there), or null. */
    public static Changes of(Value[] elems, Value[] base) {
        if (elems.length < MIN) return null;
        Changes c = OF.get(elems);
        return c != null && c.base.get() == base ? c : null;
    }

    /** The vector behind v when v is a persistent function with no pending EXCEPT, else null. */
    public static tlc2.value.impl.PersistentFcn canonical(Value v) {
        return tlc2.value.impl.PersistentFcn.isCanonical(v) ? tlc2.value.impl.PersistentFcn.of(v) : null;
    }

    /**
     * TLC's equality, comparing the entries of tuples, records and sets pairwise by identity first: a
     * step's successor shares every entry it did not change with its predecessor (EXCEPT, {@link Canon}),
     * where TLC's {@code TupleValue.equals} compares each shared entry by value (the whole log of every
     * node whenever one entry of one node changed); two tuples Canon paired are compared at the
     * positions it recorded only.
     */
    public static boolean same(Value a, Value b) {
        if (a == b) return true;
        tlc2.value.impl.PersistentFcn pa = canonical(a), pb = canonical(b);
        if (pa != null || pb != null) {
            // persistent functions: two versions of one vector differ only where they hold other objects
            if (pa != null && pb != null && pa.size() == pb.size()) {
                for (int i : tlc2.value.impl.PersistentFcn.difference(pa, pb)) if (!same(pa.get(i), pb.get(i))) return false;
                return true;
            }
            Value[] x = pa != null ? pa.toArray() : a instanceof TupleValue ? ((TupleValue) a).elems : null;
            Value[] y = pb != null ? pb.toArray() : b instanceof TupleValue ? ((TupleValue) b).elems : null;
            if (x != null && y != null) {
                if (x.length != y.length) return false;
                for (int i = 0; i < x.length; i++) if (x[i] != y[i] && !same(x[i], y[i])) return false;
                return true;
            }
            return a.equals(b);
        }
        if (a instanceof TupleValue && b instanceof TupleValue) {
            Value[] x = ((TupleValue) a).elems, y = ((TupleValue) b).elems;
            if (x == y) return true;
            if (x.length != y.length) return false;
            Changes ch = Changes.of(x, y);
            if (ch == null) ch = Changes.of(y, x);
            if (ch != null) { // only the positions a step changed can differ
                for (int i : ch.at) if (x[i] != y[i] && !same(x[i], y[i])) return false;
                return true;
            }
            for (int i = 0; i < x.length; i++) if (x[i] != y[i] && !same(x[i], y[i])) return false;
            return true;
        }
        if (a instanceof RecordValue && b instanceof RecordValue) {
            RecordValue r = (RecordValue) a, q = (RecordValue) b;
            if (r.names.length == q.names.length && java.util.Arrays.equals(r.names, q.names)) {
                for (int i = 0; i < r.values.length; i++) if (r.values[i] != q.values[i] && !same(r.values[i], q.values[i])) return false;
                return true;
            }
        }
        if (a instanceof SetEnumValue && b instanceof SetEnumValue && a.isNormalized() && b.isNormalized()) {
            ValueVec x = ((SetEnumValue) a).elems, y = ((SetEnumValue) b).elems;
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (x.elementAt(i) != y.elementAt(i) && !same(x.elementAt(i), y.elementAt(i))) return false;
            return true;
        }
        return a.equals(b);
    }
}
