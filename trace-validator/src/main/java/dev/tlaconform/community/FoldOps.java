package dev.tlaconform.community;

import java.util.ArrayList;
import java.util.List;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * Java definitions of the folds of modules Folds, Functions, FiniteSetsExt, SequencesExt and
 * BagsExt. Each computes exactly what its TLA+ definition there says, for any op (also one that
 * is not associative or commutative): the argument order is the modules' (and the community's).
 */
public final class FoldOps {
    private FoldOps() {}

    @TLAPlusOperator(identifier = "MapThenFoldSet", module = "Folds", warn = false)
    public static Value mapThenFoldSet(Value op, Value base, Value f, Value choose, Value set) {
        List<Value> rest = new ArrayList<>(List.of(Values.elements(set, "MapThenFoldSet")));
        List<Value> picked = new ArrayList<>();
        while (!rest.isEmpty()) {
            Value x = Values.apply(choose, new SetEnumValue(rest.toArray(new Value[0]), true));
            int at = indexOf(rest, x);
            if (at < 0) {
                throw JsonValues.fail("MapThenFoldSet: choose picked " + x + ", which is not in the set it was given");
            }
            rest.remove(at);
            picked.add(x);
        }
        Value acc = base;
        for (int i = picked.size() - 1; i >= 0; i--) {
            acc = Values.apply(op, Values.apply(f, picked.get(i)), acc);
        }
        return acc;
    }

    @TLAPlusOperator(identifier = "FoldFunctionOnSet", module = "Functions", warn = false)
    public static Value foldFunctionOnSet(Value op, Value base, Value fun, Value indices) {
        Value[] args = Values.elements(indices, "FoldFunctionOnSet");
        Value[] vals = new Value[args.length];
        for (int i = 0; i < args.length; i++) {
            vals[i] = Values.at(fun, args[i]);
        }
        return foldIn(op, base, vals);
    }

    @TLAPlusOperator(identifier = "FoldFunction", module = "Functions", warn = false)
    public static Value foldFunction(Value op, Value base, Value fun) {
        if (fun instanceof TupleValue) {
            return foldSeq(op, base, fun);
        }
        return foldFunctionOnSet(op, base, fun, Values.domain(fun, "FoldFunction"));
    }

    @TLAPlusOperator(identifier = "SumFunction", module = "Functions", warn = false)
    public static Value sumFunction(Value fun) {
        return sum(Values.elements(Values.domain(fun, "SumFunction"), "SumFunction"), i -> Values.at(fun, i), "SumFunction");
    }

    @TLAPlusOperator(identifier = "FoldSet", module = "FiniteSetsExt", warn = false)
    public static Value foldSet(Value op, Value base, Value set) {
        return foldIn(op, base, Values.elements(set, "FoldSet"));
    }

    @TLAPlusOperator(identifier = "SumSet", module = "FiniteSetsExt", warn = false)
    public static Value sumSet(Value set) {
        return sum(Values.elements(set, "SumSet"), e -> e, "SumSet");
    }

    @TLAPlusOperator(identifier = "ReduceSet", module = "FiniteSetsExt", warn = false)
    public static Value reduceSet(Value op, Value set, Value acc) {
        return foldSet(op, acc, set);
    }

    @TLAPlusOperator(identifier = "MapThenSumSet", module = "FiniteSetsExt", warn = false)
    public static Value mapThenSumSet(Value op, Value set) {
        return sum(Values.elements(set, "MapThenSumSet"), e -> Values.apply(op, e), "MapThenSumSet");
    }

    @TLAPlusOperator(identifier = "FoldSeq", module = "SequencesExt", warn = false)
    public static Value foldSeq(Value op, Value base, Value seq) {
        return foldIn(op, base, Values.seq(seq, "FoldSeq").elems);
    }

    @TLAPlusOperator(identifier = "FoldLeft", module = "SequencesExt", warn = false)
    public static Value foldLeft(Value op, Value base, Value seq) {
        Value acc = base;
        for (Value e : Values.seq(seq, "FoldLeft").elems) {
            acc = Values.apply(op, acc, e);
        }
        return acc;
    }

    @TLAPlusOperator(identifier = "FoldRight", module = "SequencesExt", warn = false)
    public static Value foldRight(Value op, Value seq, Value base) {
        Value[] elems = Values.seq(seq, "FoldRight").elems;
        Value acc = base;
        for (int i = elems.length - 1; i >= 0; i--) {
            acc = Values.apply(op, elems[i], acc);
        }
        return acc;
    }

    @TLAPlusOperator(identifier = "FoldLeftDomain", module = "SequencesExt", warn = false)
    public static Value foldLeftDomain(Value op, Value base, Value seq) {
        int n = Values.seq(seq, "FoldLeftDomain").elems.length;
        Value acc = base;
        for (int i = 1; i <= n; i++) {
            acc = Values.apply(op, acc, IntValue.gen(i));
        }
        return acc;
    }

    @TLAPlusOperator(identifier = "FoldRightDomain", module = "SequencesExt", warn = false)
    public static Value foldRightDomain(Value op, Value seq, Value base) {
        int n = Values.seq(seq, "FoldRightDomain").elems.length;
        Value acc = base;
        for (int i = n; i >= 1; i--) {
            acc = Values.apply(op, IntValue.gen(i), acc);
        }
        return acc;
    }

    @TLAPlusOperator(identifier = "MapThenFoldBag", module = "BagsExt", warn = false)
    public static Value mapThenFoldBag(Value op, Value base, Value f, Value choose, Value bag) {
        List<Value> rest = new ArrayList<>(List.of(Values.elements(Values.domain(bag, "MapThenFoldBag"), "MapThenFoldBag")));
        Value acc = base;
        while (!rest.isEmpty()) {
            Value x = Values.apply(choose, new SetEnumValue(rest.toArray(new Value[0]), true));
            int at = indexOf(rest, x);
            if (at < 0) {
                throw JsonValues.fail("MapThenFoldBag: choose picked " + x + ", which is not in the set it was given");
            }
            rest.remove(at);
            acc = repeat(op, acc, Values.apply(f, x), copies(bag, x, "MapThenFoldBag"));
        }
        return acc;
    }

    @TLAPlusOperator(identifier = "FoldBag", module = "BagsExt", warn = false)
    public static Value foldBag(Value op, Value base, Value bag) {
        Value acc = base;
        for (Value x : Values.elements(Values.domain(bag, "FoldBag"), "FoldBag")) {
            acc = repeat(op, acc, x, copies(bag, x, "FoldBag"));
        }
        return acc;
    }

    /** op(en, ... op(e2, op(e1, base))): each element as op's first operand, in the given order. */
    private static Value foldIn(Value op, Value base, Value[] elems) {
        Value acc = base;
        for (Value e : elems) {
            acc = Values.apply(op, e, acc);
        }
        return acc;
    }

    /** The sum of f(e) over the elements, in TLC's integers (overflow is an error, as with TLC's +). */
    private static Value sum(Value[] elems, java.util.function.UnaryOperator<Value> f, String op) {
        long sum = 0;
        for (Value e : elems) {
            sum = Math.addExact(sum, Values.integer(f.apply(e), op));
        }
        return IntValue.gen(Math.toIntExact(sum));
    }

    private static Value repeat(Value op, Value acc, Value x, int times) {
        for (int j = 0; j < times; j++) {
            acc = Values.apply(op, acc, x);
        }
        return acc;
    }

    private static int copies(Value bag, Value x, String op) {
        int n = Values.integer(Values.at(bag, x), op);
        if (n < 0) {
            throw JsonValues.fail(op + ": " + x + " has a negative count " + n + " in the bag");
        }
        return n;
    }

    private static int indexOf(List<Value> rest, Value x) {
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals(x)) {
                return i;
            }
        }
        return -1;
    }
}
