package dev.tlaconform.validate.tlcops;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.Applicable;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.IntValue;
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
 */
public final class StepOps {
    private StepOps() {}

    @TLAPlusOperator(identifier = "ChangedArgs", module = "StepOps", warn = false)
    public static Value changedArgs(Value f, Value g) {
        if (f == g) return SetEnumValue.EmptySet;
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
}
