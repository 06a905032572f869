package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;

/**
 * The comparisons of logged values with spec values that both engines use: the reference engine
 * calls them from the trace spec (operators of NDJsonTrace.tla overridden in Java), the fast engine
 * binds and checks with the same {@link ValueCodec} methods.
 */
public final class Logged {
    private Logged() {}

    /** No binding enumerates more elements than this (the fast engine's default --max-candidates). */
    static final long LIMIT = 100_000;

    /** j (a value read from the trace: records, sequences for arrays) stands for the spec value v. */
    public static boolean as(Value j, Value v) {
        return ValueCodec.matchesPartially(ValueCodec.toJson(j), v);
    }

    /** The logged state value j equals the spec value v, as the fast engine compares a state key (arrays are sets where v is a set). */
    public static boolean equal(Value j, Value v) {
        return ValueCodec.equalsLogged(ValueCodec.toJson(j), v);
    }

    /**
     * The elements of set a quantifier bound from the logged value j may take, as the fast engine
     * binds it ({@code Step.bind}): the logged value itself when it is an element (one membership
     * test, set not enumerated); nothing when it cannot be one even as a partial log; else (a record
     * with fields left out) the elements that agree with it, drawn from src (a state-level set the
     * action requires the value to be in) when given, else from set.
     */
    public static Value in(Value j, Value set, Value src) {
        JsonNode jj = ValueCodec.toJson(j);
        Value v = ValueCodec.toValue(jj, ValueCodec.shapeOf(set));
        try {
            if (v != null && set.member(v)) return new SetEnumValue(new Value[] {v}, true);
        } catch (RuntimeException e) {
            // another kind of value: not an element
        }
        if (SetBounds.notAnElement(jj, set, "the logged value") != null || !jj.isObject()) return new SetEnumValue(new Value[0], true);
        List<Value> xs = new ArrayList<>();
        Value from = src instanceof Enumerable && SetBounds.visits(src) <= LIMIT ? src : set;
        SetBounds.enumerate(from, LIMIT, "the logged value " + SetBounds.abbreviate(jj.toString()), x -> {
            if (!ValueCodec.matchesPartially(jj, x)) return false;
            try {
                return from == set || set.member(x);
            } catch (RuntimeException e) {
                return false;
            }
        }, xs);
        return new SetEnumValue(xs.toArray(new Value[0]), false);
    }

    /**
     * As {@link #in} for a parameter TLC binds by splitting Next over the constant set: a logged value
     * that is not of the kind of its elements is refused (an exception: TLC stops, bad input at the
     * line), as the fast engine's {@code Step.prepare} refuses it.
     */
    public static Value split(Value j, Value set) {
        JsonNode jj = ValueCodec.toJson(j);
        Value hint = ValueCodec.shapeOf(set);
        if (hint != null && ValueCodec.toValue(jj, hint) == null) {
            throw new IllegalArgumentException("the logged value " + SetBounds.abbreviate(jj.toString()) + " is not a value like " + hint
                    + " (the parameter ranges over " + SetBounds.brief(set) + ")");
        }
        return in(j, set, null);
    }

    /**
     * The logged message j is what the step from S to S2 sent, as the fast engine's msgIn
     * ({@code Step.msgSent}): for a set, an element S2 has and S lacks, or one of S2 when the step left
     * it as it was; for a bag (a function message -> count), one whose count the step raised, or one
     * it holds when it left the bag as it was.
     */
    public static boolean sent(Value j, Value before, Value set) {
        return sent(ValueCodec.toJson(j), before, set);
    }

    /** As above, for the logged message as JSON. */
    static boolean sent(JsonNode m, Value before, Value set) {
        boolean resend = before == null || before == set || before.equals(set);
        if (!(set instanceof Enumerable)) {
            if (!(set instanceof tlc2.value.impl.Applicable)) return false;
            Value dom;
            try {
                dom = ((tlc2.value.impl.Applicable) set).getDomain();
            } catch (RuntimeException e) {
                return false;
            }
            if (!(dom instanceof Enumerable)) return false;
            ValueEnumeration en = ((Enumerable) dom).elements();
            for (Value x; (x = en.nextElement()) != null; ) {
                if (!ValueCodec.matchesPartially(m, x)) continue;
                long now = count(set, x);
                if (now < 1) continue;
                if (resend || now > count(before, x)) return true;
            }
            return false;
        }
        Value v = ValueCodec.toValue(m, ValueCodec.firstElement((Enumerable) set));
        try {
            if (v != null && set.member(v)) return resend || !before.member(v);
        } catch (RuntimeException e) {
            // a value of another shape: the partial match below
        }
        if (!m.isObject()) return false;
        ValueEnumeration en = ((Enumerable) set).elements();
        for (Value x; (x = en.nextElement()) != null; ) {
            if (ValueCodec.matchesPartially(m, x) && (resend || !before.member(x))) return true;
        }
        return false;
    }

    private static long count(Value bag, Value x) {
        try {
            Value c = ((tlc2.value.impl.Applicable) bag).select(x);
            return c instanceof tlc2.value.impl.IntValue ? ((tlc2.value.impl.IntValue) c).val : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
