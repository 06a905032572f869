package dev.tlaconform.validate.tlcops;

import tlc2.value.impl.FcnLambdaValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * The entries of a TLC function value as two parallel arrays (arguments, values), read without
 * TLC's {@code select}. TLC 2.18 builds a function written {@code [s \in 1..n |-> e]} as an
 * {@code FcnRcdValue} over an explicit domain array, whose {@code select} is a linear search of that
 * array: an operator that looks at every argument through {@code f[x]} costs O(n²) (a trace's
 * function over 2,000 slots: four million comparisons a state). Reading the parallel arrays is
 * O(n). The overrides that use this ({@link StepOps}, {@link NDJsonTraceOps}) compute their TLA+
 * definitions from these arrays; anything else goes through the definition.
 */
final class FcnEntries {
    /** Arguments (null for a tuple or an interval domain: argument i is low + i) and values, index by index. */
    final Value[] args;
    final Value[] values;
    /** For a tuple or a function over low..high (args null): the first argument. */
    final int low;
    /** Whether args is in TLC's normal (ascending) order. */
    final boolean normalized;

    private FcnEntries(Value[] args, Value[] values, int low, boolean normalized) {
        this.args = args;
        this.values = values;
        this.low = low;
        this.normalized = normalized;
    }

    /** The entries of f when it is a tuple or an enumerated function (a lambda is enumerated first), else null. */
    static FcnEntries of(Value f) {
        if (f instanceof TupleValue t) return new FcnEntries(null, t.elems, 1, true);
        if (f instanceof FcnLambdaValue) {
            try {
                f = f.toFcnRcd();
            } catch (RuntimeException e) {
                return null; // e.g. a domain TLC cannot enumerate: the definition decides (and fails as TLC does)
            }
        }
        if (f instanceof FcnRcdValue r) {
            if (r.intv != null) return new FcnEntries(null, r.values, r.intv.low, true);
            return new FcnEntries(r.domain, r.values, 0, r.isNormalized());
        }
        return null;
    }

    int size() {
        return values.length;
    }

    Value arg(int i) {
        return args == null ? IntValue.gen(low + i) : args[i];
    }

    /** Whether the two functions have the same arguments in the same order (then entries pair by index). */
    boolean sameArgs(FcnEntries o) {
        if (values.length != o.values.length) return false;
        if (args == null && o.args == null) return low == o.low;
        if (args == o.args) return true;
        for (int i = 0; i < values.length; i++) {
            Value x = arg(i), y = o.arg(i);
            if (x != y && !x.equals(y)) return false;
        }
        return true;
    }

    /**
     * The values at 1..n in order when the domain is exactly 1..n (n = size()), else null: a tuple,
     * a function over the interval 1..n, or one whose explicit domain array is 1, 2, ..., n.
     */
    Value[] asSequence() {
        if (args == null) return low == 1 || values.length == 0 ? values : null;
        for (int i = 0; i < args.length; i++) {
            if (!(args[i] instanceof IntValue iv) || iv.val != i + 1) return null;
        }
        return values;
    }

    /** TLC's equality, the objects compared first (EXCEPT keeps the entries it leaves as they were). */
    static boolean same(Value a, Value b) {
        return a == b || a.equals(b);
    }
}
