package dev.tlaconform.community;

import java.util.ArrayList;
import java.util.List;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.Value;

/** Java definitions of the set, function and bag operators of FiniteSetsExt, Functions and BagsExt. */
public final class SetOpsExt {
    private SetOpsExt() {}

    @TLAPlusOperator(identifier = "Max", module = "FiniteSetsExt", warn = false)
    public static Value max(Value set) {
        return extreme(set, true);
    }

    @TLAPlusOperator(identifier = "Min", module = "FiniteSetsExt", warn = false)
    public static Value min(Value set) {
        return extreme(set, false);
    }

    @TLAPlusOperator(identifier = "ProductSet", module = "FiniteSetsExt", warn = false)
    public static Value productSet(Value set) {
        long p = 1;
        for (Value e : Values.elements(set, "ProductSet")) {
            p = Math.multiplyExact(p, Values.integer(e, "ProductSet"));
        }
        return IntValue.gen(Math.toIntExact(p));
    }

    @TLAPlusOperator(identifier = "Quantify", module = "FiniteSetsExt", warn = false)
    public static Value quantify(Value set, Value p) {
        int n = 0;
        for (Value e : Values.elements(set, "Quantify")) {
            if (Values.truth(Values.apply(p, e), "Quantify")) {
                n++;
            }
        }
        return IntValue.gen(n);
    }

    @TLAPlusOperator(identifier = "kSubset", module = "FiniteSetsExt", warn = false)
    public static Value kSubset(Value k, Value set) {
        int size = Values.integer(k, "kSubset");
        Value[] e = Values.elements(set, "kSubset");
        List<Value> out = new ArrayList<>();
        if (size >= 0 && size <= e.length) {
            choose(e, 0, size, new ArrayList<>(), out);
        }
        return new SetEnumValue(out.toArray(new Value[0]), false).normalize();
    }

    private static void choose(Value[] e, int from, int left, List<Value> picked, List<Value> out) {
        if (left == 0) {
            out.add(new SetEnumValue(picked.toArray(new Value[0]), true));
            return;
        }
        for (int i = from; i <= e.length - left; i++) {
            picked.add(e[i]);
            choose(e, i + 1, left - 1, picked, out);
            picked.remove(picked.size() - 1);
        }
    }

    @TLAPlusOperator(identifier = "IsInjective", module = "Functions", warn = false)
    public static Value isInjective(Value f) {
        Value[] dom = Values.elements(Values.domain(f, "IsInjective"), "IsInjective");
        List<Value> seen = new ArrayList<>();
        for (Value d : dom) {
            seen.add(Values.at(f, d));
        }
        Value[] vals = seen.toArray(new Value[0]);
        int distinct = ((SetEnumValue) new SetEnumValue(vals.clone(), false).normalize()).size();
        return distinct == vals.length ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    @TLAPlusOperator(identifier = "BagAdd", module = "BagsExt", warn = false)
    public static Value bagAdd(Value bag, Value x) {
        Value[] dom = Values.elements(Values.domain(bag, "BagAdd"), "BagAdd");
        List<Value> d = new ArrayList<>();
        List<Value> v = new ArrayList<>();
        boolean found = false;
        for (Value e : dom) {
            int n = Values.integer(Values.at(bag, e), "BagAdd");
            if (e.equals(x)) {
                found = true;
                n = Math.addExact(n, 1);
            }
            d.add(e);
            v.add(IntValue.gen(n));
        }
        if (!found) {
            d.add(x);
            v.add(IntValue.ValOne);
        }
        return fcn(d, v);
    }

    @TLAPlusOperator(identifier = "BagRemove", module = "BagsExt", warn = false)
    public static Value bagRemove(Value bag, Value x) {
        Value[] dom = Values.elements(Values.domain(bag, "BagRemove"), "BagRemove");
        List<Value> d = new ArrayList<>();
        List<Value> v = new ArrayList<>();
        boolean found = false;
        for (Value e : dom) {
            Value c = Values.at(bag, e);
            if (e.equals(x)) {
                found = true;
                int n = Values.integer(c, "BagRemove");
                if (n == 1) {
                    continue;
                }
                c = IntValue.gen(n - 1);
            }
            d.add(e);
            v.add(c);
        }
        return found ? fcn(d, v) : bag;
    }

    @TLAPlusOperator(identifier = "BagRemoveAll", module = "BagsExt", warn = false)
    public static Value bagRemoveAll(Value bag, Value x) {
        Value[] dom = Values.elements(Values.domain(bag, "BagRemoveAll"), "BagRemoveAll");
        List<Value> d = new ArrayList<>();
        List<Value> v = new ArrayList<>();
        for (Value e : dom) {
            if (!e.equals(x)) {
                d.add(e);
                v.add(Values.at(bag, e));
            }
        }
        return fcn(d, v);
    }

    private static Value fcn(List<Value> dom, List<Value> vals) {
        return new FcnRcdValue(dom.toArray(new Value[0]), vals.toArray(new Value[0]), false).normalize();
    }

    private static Value extreme(Value set, boolean max) {
        Value[] e = Values.elements(set, max ? "Max" : "Min");
        if (e.length == 0) {
            throw JsonValues.fail((max ? "Max" : "Min") + " of the empty set is not defined");
        }
        int best = Values.integer(e[0], max ? "Max" : "Min");
        for (Value x : e) {
            int v = Values.integer(x, max ? "Max" : "Min");
            best = max ? Math.max(best, v) : Math.min(best, v);
        }
        return IntValue.gen(best);
    }
}
