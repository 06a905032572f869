package dev.tlaconform.validate.tlcops;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.Applicable;
import tlc2.value.impl.Enumerable;
import dev.tlaconform.validate.engine.Changes;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.PersistentFcn;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;
import tlc2.value.impl.ValueVec;

/**
 * Java definitions of module {@code StepOps} (specs' StepOps.tla), for invariants' step forms
 * (docs/validate.md, "Invariants' step forms"): which arguments of a function a step changed.
 *
 * <p>{@code ChangedArgs(f, g) == {x \in DOMAIN g : x \notin DOMAIN f \/ f[x] # g[x]}}. TLC's
 * EXCEPT and UNCHANGED keep the value objects of what they leave as it was, so the entries are
 * compared by identity first and by value only where the objects differ: f and g the same object
 * cost nothing, two tuples of the same length one pass of reference comparisons (no TLC value
 * operation on shared entries). Any other pair of functions is computed by the definition.
 *
 * <p>{@code ArgsNot(f, x) == {k \in DOMAIN f : f[k] # x}} and {@code ResetUpTo(f, n, x) ==
 * [k \in DOMAIN f |-> IF k <= n THEN x ELSE f[k]]} (PBFT's per-seq logs: which seqs hold an entry,
 * and the garbage collection of a stable checkpoint): on a tuple, one pass of reference comparisons
 * and, for ResetUpTo, one array copy that keeps the other entries' objects (f itself when nothing
 * changes), where TLC evaluates the lambda's body once per argument. Other functions: the definition.
 */
public final class StepOps {
    private StepOps() {}

    @TLAPlusOperator(identifier = "ChangedArgs", module = "StepOps", warn = false)
    public static Value changedArgs(Value f, Value g) {
        if (f == g) return SetEnumValue.EmptySet;
        PersistentFcn pf = Changes.canonical(f), pg = Changes.canonical(g);
        if (pf != null && pg != null && pf.size() == pg.size()) {
            // two versions of one persistent function: only where they hold other objects (shared nodes skipped)
            ValueVec out = new ValueVec();
            for (int i : PersistentFcn.difference(pf, pg)) if (!Changes.same(pf.get(i), pg.get(i))) out.addElement(IntValue.gen(i + 1));
            return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true);
        }
        if (pf != null) f = pf.toTuple(); // against a function of another form: entry by entry (O(n))
        if (pg != null) g = pg.toTuple();
        if (f instanceof TupleValue && g instanceof TupleValue) {
            Value[] a = ((TupleValue) f).elems;
            Value[] b = ((TupleValue) g).elems;
            ValueVec out = new ValueVec();
            dev.tlaconform.validate.engine.Changes ch = dev.tlaconform.validate.engine.Changes.of(b, a);
            if (ch != null) {
                // the fast engine paired g with f when it brought g's state to its form: every other
                // entry of g is f's own object (g as long as f or longer, its new positions in ch.at); ascending
                for (int i : ch.at) if (i >= a.length || !dev.tlaconform.validate.engine.Changes.same(a[i], b[i])) out.addElement(IntValue.gen(i + 1));
                return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true);
            }
            for (int i = 0; i < b.length; i++) {
                if (i >= a.length || !dev.tlaconform.validate.engine.Changes.same(a[i], b[i])) out.addElement(IntValue.gen(i + 1));
            }
            return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true); // ascending integers: normalized
        }
        if (!(f instanceof Applicable) || !(g instanceof Applicable)) {
            throw new IllegalArgumentException("ChangedArgs(f, g): f and g must be functions, not " + f.getKindString() + " and " + g.getKindString());
        }
        FcnEntries ef = FcnEntries.of(f), eg = FcnEntries.of(g);
        if (ef != null && eg != null) {
            // TLC's functions over an explicit domain (a lambda [s \in Slots |-> ...] and its EXCEPTs): their
            // value arrays side by side, not a select (a linear search of the domain) per argument
            ValueVec out = new ValueVec();
            if (ef.sameArgs(eg)) {
                for (int i = 0; i < eg.size(); i++) if (!FcnEntries.same(ef.values[i], eg.values[i])) out.addElement(eg.arg(i));
                return out.size() == 0 ? SetEnumValue.EmptySet : (Value) new SetEnumValue(out, false).normalize();
            }
            Value[] a = ef.asSequence(), b = eg.asSequence();
            if (a != null && b != null) {
                for (int i = 0; i < b.length; i++) if (i >= a.length || !FcnEntries.same(a[i], b[i])) out.addElement(IntValue.gen(i + 1));
                return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true); // ascending integers: normalized
            }
        }
        Value df = ((Applicable) f).getDomain();
        Value dg = ((Applicable) g).getDomain();
        if (!(dg instanceof Enumerable)) {
            throw new IllegalArgumentException("ChangedArgs(f, g): the domain of g is not enumerable");
        }
        ValueVec out = new ValueVec();
        ValueEnumeration e = ((Enumerable) dg).elements();
        for (Value x; (x = e.nextElement()) != null; ) {
            if (!df.member(x)) {
                out.addElement(x);
                continue;
            }
            Value fx = ((Applicable) f).select(x);
            Value gx = ((Applicable) g).select(x);
            if (fx != gx && !fx.equals(gx)) out.addElement(x);
        }
        return (Value) new SetEnumValue(out, false).normalize();
    }

    @TLAPlusOperator(identifier = "ArgsNot", module = "StepOps", warn = false)
    public static Value argsNot(Value f, Value x) {
        PersistentFcn p = Changes.canonical(f);
        if (p != null) {
            // the subtrees whose entries are all the object x are skipped (PBFT's per-seq logs: NoEntry but the window)
            ValueVec out = new ValueVec();
            p.forEachNot(x, i -> {
                Value e = p.get(i);
                if (!e.equals(x)) out.addElement(IntValue.gen(i + 1));
            });
            return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true); // ascending integers: normalized
        }
        if (f instanceof TupleValue) {
            Value[] a = ((TupleValue) f).elems;
            ValueVec out = new ValueVec();
            for (int i = 0; i < a.length; i++) {
                if (a[i] != x && !a[i].equals(x)) out.addElement(IntValue.gen(i + 1));
            }
            return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true); // ascending integers: normalized
        }
        FcnEntries ef = FcnEntries.of(f);
        if (ef != null) {
            ValueVec out = new ValueVec();
            for (int i = 0; i < ef.size(); i++) if (!FcnEntries.same(ef.values[i], x)) out.addElement(ef.arg(i));
            return out.size() == 0 ? SetEnumValue.EmptySet : (Value) new SetEnumValue(out, false).normalize();
        }
        Enumerable d = domainOf("ArgsNot(f, x)", f);
        ValueVec out = new ValueVec();
        ValueEnumeration e = d.elements();
        for (Value k; (k = e.nextElement()) != null; ) {
            Value fk = ((Applicable) f).select(k);
            if (fk != x && !fk.equals(x)) out.addElement(k);
        }
        return (Value) new SetEnumValue(out, false).normalize();
    }

    /** The enumerable domain of the function f (op names the operator in the message otherwise). */
    private static Enumerable domainOf(String op, Value f) {
        if (!(f instanceof Applicable)) {
            throw new IllegalArgumentException(op + ": f must be a function, not " + f.getKindString());
        }
        Value d = ((Applicable) f).getDomain();
        if (!(d instanceof Enumerable)) {
            throw new IllegalArgumentException(op + ": the domain of f is not enumerable");
        }
        return (Enumerable) d;
    }

    @TLAPlusOperator(identifier = "ResetUpTo", module = "StepOps", warn = false)
    public static Value resetUpTo(Value f, Value n, Value x) {
        if (!(n instanceof IntValue)) {
            throw new IllegalArgumentException("ResetUpTo(f, n, x): n must be an integer, not " + n.getKindString());
        }
        int upTo = ((IntValue) n).val;
        PersistentFcn p = Changes.canonical(f);
        if (p != null) {
            // subtrees already all x kept, whole ones below n replaced by one shared subtree of x
            PersistentFcn q = p.resetUpTo(upTo, x);
            return q == p ? f : q.owner();
        }
        if (f instanceof TupleValue) {
            Value[] a = ((TupleValue) f).elems;
            int m = Math.min(Math.max(upTo, 0), a.length);
            int first = 0;
            while (first < m && (a[first] == x || a[first].equals(x))) first++;
            if (first == m) return f; // nothing to reset: f itself
            Value[] b = a.clone();
            for (int i = first; i < m; i++) b[i] = x;
            return new TupleValue(b);
        }
        FcnEntries ef = FcnEntries.of(f);
        if (ef != null) {
            // one pass over the value array; the result keeps f's argument array and, above n, f's entries
            Value[] vs = null;
            for (int i = 0; i < ef.size(); i++) {
                Value k = ef.arg(i);
                if (!(k instanceof IntValue)) {
                    throw new IllegalArgumentException("ResetUpTo(f, n, x): the domain of f holds " + k + ", not an integer");
                }
                if (((IntValue) k).val <= upTo && !FcnEntries.same(ef.values[i], x)) {
                    if (vs == null) vs = ef.values.clone();
                    vs[i] = x;
                }
            }
            if (vs == null) return f; // nothing to reset: f itself
            Value[] ds = ef.args;
            if (ds == null) {
                // a function over an interval: written over its explicit domain (TLC 2.18's FcnRcdValue over an
                // interval puts an EXCEPT's value at the argument, not at its offset)
                ds = new Value[vs.length];
                for (int i = 0; i < ds.length; i++) ds[i] = ef.arg(i);
            }
            return new tlc2.value.impl.FcnRcdValue(ds, vs, ef.normalized);
        }
        Enumerable d = domainOf("ResetUpTo(f, n, x)", f);
        ValueVec dom = new ValueVec();
        ValueVec vals = new ValueVec();
        ValueEnumeration e = d.elements();
        for (Value k; (k = e.nextElement()) != null; ) {
            if (!(k instanceof IntValue)) {
                throw new IllegalArgumentException("ResetUpTo(f, n, x): the domain of f holds " + k + ", not an integer");
            }
            dom.addElement(k);
            vals.addElement(((IntValue) k).val <= upTo ? x : ((Applicable) f).select(k));
        }
        Value[] ds = new Value[dom.size()];
        Value[] vs = new Value[vals.size()];
        for (int i = 0; i < ds.length; i++) {
            ds[i] = dom.elementAt(i);
            vs[i] = vals.elementAt(i);
        }
        return new tlc2.value.impl.FcnRcdValue(ds, vs, false);
    }

    /**
     * {@code Added(S, T) == T \ S}: the elements a step added to a set. Two normalized sets (TLC's sorted
     * form, in which the engine keeps a step's sets sharing the untouched elements with its predecessor's)
     * are walked once side by side, comparing element objects first; anything else by the definition.
     */
    @TLAPlusOperator(identifier = "Added", module = "StepOps", warn = false)
    public static Value added(Value s, Value t) {
        if (s == t) return SetEnumValue.EmptySet;
        if (s instanceof tlc2.value.impl.PersistentSetValue ps && t instanceof tlc2.value.impl.PersistentSetValue pt) {
            // two versions of one persistent set: walk only the subtrees they do not share (T \ S by
            // filtering was a membership test per element of T: O(|T| log |S|) a step on PBFT's msgs)
            java.util.List<Value> onlyS = new java.util.ArrayList<>();
            java.util.List<Value> onlyT = new java.util.ArrayList<>();
            tlc2.value.impl.PersistentSetValue.difference(ps, pt, onlyS, onlyT);
            if (onlyT.isEmpty()) return SetEnumValue.EmptySet;
            return new SetEnumValue(onlyT.toArray(new Value[0]), true);   // in order: a sorted subsequence of T
        }
        if (s instanceof SetEnumValue && t instanceof SetEnumValue && ((SetEnumValue) s).isNormalized()
                && ((SetEnumValue) t).isNormalized()) {
            ValueVec a = ((SetEnumValue) s).elems;
            ValueVec b = ((SetEnumValue) t).elems;
            ValueVec out = new ValueVec();
            int i = 0;
            for (int j = 0; j < b.size(); j++) {
                Value y = b.elementAt(j);
                int c = 1;
                while (i < a.size()) {
                    Value x = a.elementAt(i);
                    c = x == y ? 0 : x.compareTo(y);
                    if (c >= 0) break;
                    i++;
                }
                if (i < a.size() && c == 0) {
                    i++;
                } else {
                    out.addElement(y);
                }
            }
            return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true); // a subsequence of a sorted set
        }
        if (!(t instanceof tlc2.value.impl.Reducible)) {
            throw new IllegalArgumentException("Added(S, T): T must be a set, not " + t.getKindString());
        }
        return ((tlc2.value.impl.Reducible) t).diff(s);
    }
}
