package dev.tlaconform.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * Turns TLC values into JSON, inside the child JVM (it touches TLC's value classes).
 *
 * <p>Mapping: BOOLEAN → boolean, integers → numbers, strings → strings, model values → their
 * name, finite sets → arrays in TLC's normal order, tuples and functions with domain 1..n
 * (sequences) → arrays, records and other functions → objects (a non-string key is written in
 * TLC's own syntax, e.g. {@code "<<1, 2>>"}). Anything TLC cannot enumerate (an infinite set such
 * as {@code Nat}) is written as TLC prints it, as a string.
 */
final class TlcValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TlcValues() {}

    static JsonNode toJson(IValue value) {
        if (value == null) {
            return F.nullNode();
        }
        if (!(value instanceof Value)) {
            return F.textNode(value.toString());
        }
        Value v = (Value) value;
        if (v instanceof BoolValue) {
            return F.booleanNode(((BoolValue) v).val);
        }
        if (v instanceof IntValue) {
            return F.numberNode(((IntValue) v).val);
        }
        if (v instanceof StringValue) {
            return F.textNode(((StringValue) v).val.toString());
        }
        if (v instanceof ModelValue) {
            return F.textNode(((ModelValue) v).val.toString());
        }
        if (v instanceof RecordValue) {
            RecordValue r = (RecordValue) v;
            ObjectNode o = F.objectNode();
            for (int i = 0; i < r.names.length; i++) {
                o.set(r.names[i].toString(), toJson(r.values[i]));
            }
            return o;
        }
        if (v instanceof TupleValue) {
            ArrayNode a = F.arrayNode();
            for (Value e : ((TupleValue) v).elems) {
                a.add(toJson(e));
            }
            return a;
        }
        if (v instanceof FcnRcdValue) {
            return function((FcnRcdValue) v);
        }
        if (v instanceof IntervalValue) {
            IntervalValue iv = (IntervalValue) v;
            ArrayNode a = F.arrayNode();
            for (long i = iv.low; i <= iv.high; i++) {
                a.add(i);
            }
            return a;
        }
        if (v instanceof SetEnumValue) {
            return set((SetEnumValue) v);
        }
        // Lazily represented values: functions defined by [x \in S |-> e], set expressions
        // (SUBSET, \cup, record sets...). Ask TLC to make them concrete where it can.
        try {
            if (v instanceof Enumerable && v.isFinite()) {
                Value s = v.toSetEnum();
                if (s instanceof SetEnumValue) {
                    return set((SetEnumValue) s);
                }
            }
            Value f = v.toFcnRcd();
            if (f instanceof FcnRcdValue) {
                return function((FcnRcdValue) f);
            }
        } catch (RuntimeException notConvertible) {
            // fall through: print it as TLC does
        }
        return F.textNode(v.toString());
    }

    private static JsonNode set(SetEnumValue s) {
        s.normalize();
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < s.elems.size(); i++) {
            a.add(toJson(s.elems.elementAt(i)));
        }
        return a;
    }

    private static JsonNode function(FcnRcdValue f) {
        f.normalize();
        int n = f.values.length;
        if (f.intv != null) {
            if (f.intv.low == 1) { // a sequence
                ArrayNode a = F.arrayNode();
                for (Value e : f.values) {
                    a.add(toJson(e));
                }
                return a;
            }
            ObjectNode o = F.objectNode();
            for (int i = 0; i < n; i++) {
                o.set(Integer.toString(f.intv.low + i), toJson(f.values[i]));
            }
            return o;
        }
        if (n == 0) {
            return F.arrayNode(); // the empty function is the empty sequence << >>
        }
        if (isOneToN(f.domain)) {
            ArrayNode a = F.arrayNode();
            for (Value e : f.values) {
                a.add(toJson(e));
            }
            return a;
        }
        ObjectNode o = F.objectNode();
        for (int i = 0; i < n; i++) {
            o.set(key(f.domain[i]), toJson(f.values[i]));
        }
        return o;
    }

    /** A domain that is exactly {1, ..., n} in order (TLC keeps normalized domains sorted). */
    private static boolean isOneToN(Value[] domain) {
        for (int i = 0; i < domain.length; i++) {
            if (!(domain[i] instanceof IntValue) || ((IntValue) domain[i]).val != i + 1) {
                return false;
            }
        }
        return true;
    }

    private static String key(Value k) {
        if (k instanceof StringValue) {
            return ((StringValue) k).val.toString();
        }
        if (k instanceof ModelValue) {
            return ((ModelValue) k).val.toString();
        }
        if (k instanceof IntValue) {
            return Integer.toString(((IntValue) k).val);
        }
        return k.toString();
    }
}
