package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.SetCapValue;
import tlc2.value.impl.SetCupValue;
import tlc2.value.impl.SetDiffValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.SetOfFcnsValue;
import tlc2.value.impl.SetOfRcdsValue;
import tlc2.value.impl.SetOfTuplesValue;
import tlc2.value.impl.SetPredValue;
import tlc2.value.impl.SubsetValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;

/**
 * What enumerating a TLC set would cost, read from its structure without enumerating it, and why a
 * logged value is not an element of a set of records, read field by field.
 */
final class SetBounds {
    /** Sets larger than this are "too large to count" (saturated). */
    static final long HUGE = Long.MAX_VALUE / 4;

    private SetBounds() {}

    /**
     * An upper bound on the elements TLC visits when enumerating set ({@link #HUGE} when unknown or
     * beyond it): a materialized set's size, an interval's, the products and powers of the parts of
     * [f : S], S \X T, [D -> R], SUBSET S, and for {x \in S : P} the elements of S it tests.
     */
    static long visits(Value set) {
        try {
            if (set instanceof SetEnumValue) return ((SetEnumValue) set).elems.size();
            if (set instanceof tlc2.value.impl.PersistentSetValue) return ((tlc2.value.impl.PersistentSetValue) set).size();
            if (set instanceof IntervalValue) return Math.max(0L, (long) ((IntervalValue) set).high - ((IntervalValue) set).low + 1);
            if (set instanceof SetOfRcdsValue) {
                long n = 1;
                for (Value v : ((SetOfRcdsValue) set).values) n = times(n, visits(v));
                return n;
            }
            if (set instanceof SetOfTuplesValue) {
                long n = 1;
                for (Value v : ((SetOfTuplesValue) set).sets) n = times(n, visits(v));
                return n;
            }
            if (set instanceof SetOfFcnsValue) {
                long d = visits(((SetOfFcnsValue) set).domain);
                long r = visits(((SetOfFcnsValue) set).range);
                if (r <= 1) return r;
                long n = 1;
                for (long i = 0; i < d && n < HUGE; i++) n = times(n, r);
                return n;
            }
            if (set instanceof SubsetValue) {
                long d = visits(((SubsetValue) set).set);
                return d >= 61 ? HUGE : 1L << d;
            }
            if (set instanceof SetPredValue) return visits(((SetPredValue) set).inVal);
            if (set instanceof SetCupValue) return plus(visits(((SetCupValue) set).set1), visits(((SetCupValue) set).set2));
            if (set instanceof SetCapValue) return visits(((SetCapValue) set).set1);
            if (set instanceof SetDiffValue) return visits(((SetDiffValue) set).set1);
        } catch (RuntimeException e) {
            return HUGE;
        }
        return HUGE;
    }

    static long times(long a, long b) {
        if (a == 0 || b == 0) return 0;
        return a >= HUGE / b ? HUGE : a * b;
    }

    private static long plus(long a, long b) {
        return a >= HUGE - b ? HUGE : a + b;
    }

    /**
     * Enumerates set into out (as far as keep accepts) unless TLC would visit more than limit
     * elements: then throws {@link SearchLimit} with what (the quantifier and action) in its message.
     */
    static void enumerate(Value set, long limit, String what, java.util.function.Predicate<Value> keep, List<Value> out) {
        long n = visits(set);
        if (n > limit) {
            throw new SearchLimit(what + " ranges over " + (n >= HUGE ? "too many to count" : String.valueOf(n))
                    + " elements, more than --max-candidates " + limit);
        }
        ValueEnumeration en = ((Enumerable) set).elements();
        for (Value x; (x = en.nextElement()) != null; ) {
            // a caller that gave up on this validation (a time limit) interrupts it: stop here
            if (Thread.currentThread().isInterrupted()) throw new java.util.concurrent.CancellationException("interrupted");
            if (keep.test(x)) out.add(x);
        }
    }

    /**
     * Why the logged JSON j (at path) cannot be an element of set, even as a partial log (some of a
     * record's fields left out): a field its records do not have, or a logged field's value outside
     * the field's set. Null when it may be an element (or the set's structure does not say).
     */
    static String notAnElement(JsonNode j, Value set, String path) {
        if (set instanceof SetOfRcdsValue && j.isObject()) {
            SetOfRcdsValue r = (SetOfRcdsValue) set;
            List<String> names = new ArrayList<>();
            for (util.UniqueString u : r.names) names.add(u.toString());
            for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int k = names.indexOf(e.getKey());
                if (k < 0) {
                    return path + "." + e.getKey() + " is not a field of these records (their fields: " + String.join(", ", names) + ")";
                }
                String why = notAnElement(e.getValue(), r.values[k], path + "." + e.getKey());
                if (why != null) return why;
            }
            return null;
        }
        if (j.isObject() || set instanceof SetPredValue) return null; // may be partial / structure not known
        Value v = ValueCodec.toValue(j, ValueCodec.shapeOf(set));
        if (v == null) return path + " " + j + " is not a value of the kind of " + brief(set);
        try {
            if (!set.member(v)) return path + " " + abbreviate(j.toString()) + " is not in " + brief(set);
        } catch (RuntimeException e) {
            return path + " " + abbreviate(j.toString()) + " is not comparable with the elements of " + brief(set);
        }
        return null;
    }

    /** The set's TLA+ text, abbreviated (a large materialized set by its size). */
    static String brief(Value set) {
        if (set instanceof SetEnumValue && ((SetEnumValue) set).elems.size() > 8) {
            return "a set of " + ((SetEnumValue) set).elems.size() + " elements";
        }
        if (set instanceof tlc2.value.impl.PersistentSetValue && ((tlc2.value.impl.PersistentSetValue) set).size() > 8) {
            return "a set of " + ((tlc2.value.impl.PersistentSetValue) set).size() + " elements";
        }
        String s;
        try {
            s = set.toString();
        } catch (RuntimeException e) {
            s = set.getClass().getSimpleName();
        }
        return abbreviate(s.replaceAll("\\s+", " "));
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
