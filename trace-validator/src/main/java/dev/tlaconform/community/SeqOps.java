package dev.tlaconform.community;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/** Java definitions of the sequence operators of module SequencesExt (besides its folds, in {@link FoldOps}). */
public final class SeqOps {
    private SeqOps() {}

    @TLAPlusOperator(identifier = "ToSet", module = "SequencesExt", warn = false)
    public static Value toSet(Value s) {
        return new SetEnumValue(Values.seq(s, "ToSet").elems.clone(), false).normalize();
    }

    @TLAPlusOperator(identifier = "SetToSeq", module = "SequencesExt", warn = false)
    public static Value setToSeq(Value set) {
        return new TupleValue(Values.elements(set, "SetToSeq"));
    }

    @TLAPlusOperator(identifier = "Contains", module = "SequencesExt", warn = false)
    public static Value contains(Value s, Value e) {
        for (Value x : Values.seq(s, "Contains").elems) {
            if (x.equals(e)) {
                return BoolValue.ValTrue;
            }
        }
        return BoolValue.ValFalse;
    }

    @TLAPlusOperator(identifier = "Reverse", module = "SequencesExt", warn = false)
    public static Value reverse(Value s) {
        Value[] e = Values.seq(s, "Reverse").elems;
        Value[] r = new Value[e.length];
        for (int i = 0; i < e.length; i++) {
            r[i] = e[e.length - 1 - i];
        }
        return new TupleValue(r);
    }

    @TLAPlusOperator(identifier = "IsPrefix", module = "SequencesExt", warn = false)
    public static Value isPrefix(Value s, Value t) {
        Value[] a = Values.seq(s, "IsPrefix").elems;
        Value[] b = Values.seq(t, "IsPrefix").elems;
        if (a.length > b.length) {
            return BoolValue.ValFalse;
        }
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                return BoolValue.ValFalse;
            }
        }
        return BoolValue.ValTrue;
    }

    @TLAPlusOperator(identifier = "SelectInSeq", module = "SequencesExt", warn = false)
    public static Value selectInSeq(Value seq, Value test) {
        Value[] e = Values.seq(seq, "SelectInSeq").elems;
        return IntValue.gen(first(e, 0, e.length, test, "SelectInSeq"));
    }

    @TLAPlusOperator(identifier = "SelectLastInSeq", module = "SequencesExt", warn = false)
    public static Value selectLastInSeq(Value seq, Value test) {
        Value[] e = Values.seq(seq, "SelectLastInSeq").elems;
        return IntValue.gen(last(e, 0, e.length, test, "SelectLastInSeq"));
    }

    @TLAPlusOperator(identifier = "SelectInSubSeq", module = "SequencesExt", warn = false)
    public static Value selectInSubSeq(Value seq, Value from, Value to, Value test) {
        Value[] e = Values.seq(seq, "SelectInSubSeq").elems;
        int[] r = subRange(e.length, from, to, "SelectInSubSeq");
        return IntValue.gen(first(e, r[0], r[1], test, "SelectInSubSeq"));
    }

    @TLAPlusOperator(identifier = "SelectLastInSubSeq", module = "SequencesExt", warn = false)
    public static Value selectLastInSubSeq(Value seq, Value from, Value to, Value test) {
        Value[] e = Values.seq(seq, "SelectLastInSubSeq").elems;
        int[] r = subRange(e.length, from, to, "SelectLastInSubSeq");
        return IntValue.gen(last(e, r[0], r[1], test, "SelectLastInSubSeq"));
    }

    @TLAPlusOperator(identifier = "RemoveFirst", module = "SequencesExt", warn = false)
    public static Value removeFirst(Value s, Value e) {
        Value[] a = Values.seq(s, "RemoveFirst").elems;
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(e)) {
                return without(a, i);
            }
        }
        return s;
    }

    @TLAPlusOperator(identifier = "RemoveFirstMatch", module = "SequencesExt", warn = false)
    public static Value removeFirstMatch(Value s, Value test) {
        Value[] a = Values.seq(s, "RemoveFirstMatch").elems;
        for (int i = 0; i < a.length; i++) {
            if (Values.truth(Values.apply(test, a[i]), "RemoveFirstMatch")) {
                return without(a, i);
            }
        }
        return s;
    }

    @TLAPlusOperator(identifier = "Suffixes", module = "SequencesExt", warn = false)
    public static Value suffixes(Value s) {
        Value[] a = Values.seq(s, "Suffixes").elems;
        List<Value> out = new ArrayList<>();
        for (int i = 0; i <= a.length; i++) {
            out.add(new TupleValue(Arrays.copyOfRange(a, i, a.length)));
        }
        return new SetEnumValue(out.toArray(new Value[0]), false).normalize();
    }

    /** The 0-based half-open range of SubSeq(seq, from, to), as TLC's SubSeq checks it. */
    private static int[] subRange(int len, Value from, Value to, String op) {
        int m = Values.integer(from, op);
        int n = Values.integer(to, op);
        if (m > n) {
            return new int[] {0, 0};
        }
        if (m < 1 || n > len) {
            throw JsonValues.fail(op + ": SubSeq(s, " + m + ", " + n + ") is out of range for a sequence of length " + len);
        }
        return new int[] {m - 1, n};
    }

    /** The 1-based index, relative to from, of the first element in [from, to) that passes test; 0 if none. */
    private static int first(Value[] e, int from, int to, Value test, String op) {
        for (int i = from; i < to; i++) {
            if (Values.truth(Values.apply(test, e[i]), op)) {
                return i - from + 1;
            }
        }
        return 0;
    }

    private static int last(Value[] e, int from, int to, Value test, String op) {
        for (int i = to - 1; i >= from; i--) {
            if (Values.truth(Values.apply(test, e[i]), op)) {
                return i - from + 1;
            }
        }
        return 0;
    }

    private static Value without(Value[] a, int i) {
        Value[] r = new Value[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return new TupleValue(r);
    }
}
