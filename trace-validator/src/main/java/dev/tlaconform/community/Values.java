package dev.tlaconform.community;

import tlc2.tool.EvalControl;
import tlc2.value.impl.Applicable;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;

/** Small helpers the overrides share: TLC's order of a set, applying operators and functions. */
final class Values {
    private Values() {}

    /** The elements of a finite set in TLC's order of values (the order CHOOSE x \in S : TRUE picks them). */
    static Value[] elements(Value set, String op) {
        Value s = set instanceof Enumerable && set.isFinite() ? set.toSetEnum() : null;
        if (!(s instanceof SetEnumValue)) {
            throw JsonValues.fail(op + ": a finite set is needed, not " + set);
        }
        s.normalize();
        ValueEnumeration en = ((Enumerable) s).elements();
        Value[] out = new Value[((Enumerable) s).size()];
        int i = 0;
        for (Value e; (e = en.nextElement()) != null; ) {
            out[i++] = e;
        }
        return out;
    }

    static Value apply(Value op, Value... args) {
        if (!(op instanceof Applicable)) {
            throw JsonValues.fail("an operator is needed, not " + op);
        }
        return ((Applicable) op).apply(args, EvalControl.Clear);
    }

    /** fun[arg] for a function, record or sequence. */
    static Value at(Value fun, Value arg) {
        if (!(fun instanceof Applicable)) {
            throw JsonValues.fail("a function is needed, not " + fun);
        }
        return ((Applicable) fun).apply(arg, EvalControl.Clear);
    }

    static Value domain(Value fun, String op) {
        if (!(fun instanceof Applicable)) {
            throw JsonValues.fail(op + ": a function is needed, not " + fun);
        }
        return ((Applicable) fun).getDomain();
    }

    static TupleValue seq(Value v, String op) {
        Value t = v.toTuple();
        if (!(t instanceof TupleValue)) {
            throw JsonValues.fail(op + ": a sequence is needed, not " + v);
        }
        return (TupleValue) t;
    }

    static int integer(Value v, String op) {
        if (!(v instanceof IntValue)) {
            throw JsonValues.fail(op + ": an integer is needed, not " + v);
        }
        return ((IntValue) v).val;
    }

    static boolean truth(Value v, String op) {
        if (v == tlc2.value.impl.BoolValue.ValTrue) {
            return true;
        }
        if (v == tlc2.value.impl.BoolValue.ValFalse) {
            return false;
        }
        if (v instanceof tlc2.value.impl.BoolValue) {
            return ((tlc2.value.impl.BoolValue) v).val;
        }
        throw JsonValues.fail(op + ": the test must be TRUE or FALSE, not " + v);
    }
}
