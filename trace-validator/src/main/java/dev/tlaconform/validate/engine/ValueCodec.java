package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.FcnLambdaValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;
import util.UniqueString;

/**
 * JSON ↔ TLC values. JSON is converted guided by a "hint" (a spec value of the expected shape):
 * an array becomes a set where the spec has a set, a tuple where it has a sequence, a function
 * 1..n where it has a function; without a hint integers, strings, booleans, objects (records) and
 * arrays (tuples) map one to one. Conversion never fails: a JSON value that cannot have the hint's
 * shape yields {@code null}, i.e. "equals no spec value".
 */
final class ValueCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueCodec() {}

    /** Strings already interned (TLC's intern table is synchronized); bounded, then TLC's table directly. */
    private static final java.util.concurrent.ConcurrentHashMap<String, UniqueString> UNIQUE = new java.util.concurrent.ConcurrentHashMap<>();

    static UniqueString unique(String s) {
        UniqueString u = UNIQUE.get(s);
        if (u != null) return u;
        u = UniqueString.uniqueStringOf(s);
        if (UNIQUE.size() < 100_000) UNIQUE.put(s, u);
        return u;
    }

    static Value toValue(JsonNode j, Value hint) {
        if (j == null || j.isNull() || j.isMissingNode()) return null;
        tlc2.value.impl.PersistentFcn hp = tlc2.value.impl.PersistentFcn.of(hint);
        if (hp != null) hint = new TupleValue(new Value[] {hp.get(0)}); // a persistent function's shape: its first entry's

        if (hint instanceof ModelValue) {
            return j.isTextual() && j.asText().equals(hint.toString()) ? hint : (j.isTextual() ? ModelValue.make(j.asText()) : null);
        }
        if (j.isIntegralNumber()) {
            if (hint != null && !(hint instanceof IntValue)) return null;
            return j.canConvertToInt() ? IntValue.gen(j.intValue()) : null;
        }
        if (j.isTextual()) {
            if (hint != null && !(hint instanceof StringValue)) return null;
            return new StringValue(unique(j.asText()));
        }
        if (j.isBoolean()) {
            if (hint != null && !(hint instanceof BoolValue)) return null;
            return j.booleanValue() ? BoolValue.ValTrue : BoolValue.ValFalse;
        }
        if (j.isObject()) return objectToValue(j, hint);
        if (j.isArray()) return arrayToValue((ArrayNode) j, hint);
        return null;
    }

    private static Value objectToValue(JsonNode j, Value hint) {
        if (hint instanceof FcnRcdValue) {
            FcnRcdValue f = (FcnRcdValue) hint;
            Value[] dom = f.getDomainAsValues();
            Value key0 = dom.length > 0 ? dom[0] : null;
            Value val0 = f.values.length > 0 ? f.values[0] : null;
            Value[] d = new Value[j.size()];
            Value[] v = new Value[j.size()];
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); i++) {
                Map.Entry<String, JsonNode> e = it.next();
                d[i] = keyToValue(e.getKey(), key0);
                v[i] = toValue(e.getValue(), val0);
                if (d[i] == null || v[i] == null) return null;
            }
            return new FcnRcdValue(d, v, false).normalize();
        }
        if (hint != null && !(hint instanceof RecordValue)) return null;
        RecordValue rh = (RecordValue) hint;
        UniqueString[] names = new UniqueString[j.size()];
        Value[] vals = new Value[j.size()];
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> e = it.next();
            names[i] = unique(e.getKey());
            Value fh = rh == null ? null : fieldOf(rh, names[i]);
            vals[i] = toValue(e.getValue(), fh);
            if (vals[i] == null) return null;
        }
        return new RecordValue(names, vals, false).normalize();
    }

    private static Value keyToValue(String key, Value hint) {
        if (hint instanceof IntValue || hint == null && key.matches("-?[0-9]{1,9}")) {
            try {
                return IntValue.gen(Integer.parseInt(key));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (hint instanceof ModelValue) return ModelValue.make(key);
        return new StringValue(key);
    }

    static Value fieldOf(RecordValue r, UniqueString name) {
        for (int k = 0; k < r.names.length; k++) {
            if (r.names[k].equals(name)) return r.values[k];
        }
        return null;
    }

    private static Value arrayToValue(ArrayNode j, Value hint) {
        int n = j.size();
        Value[] vals = new Value[n];
        if (hint instanceof Enumerable && !(hint instanceof TupleValue) && !(hint instanceof FcnRcdValue)
                && !(hint instanceof RecordValue)) {
            Value eh = firstElement((Enumerable) hint);
            for (int i = 0; i < n; i++) {
                vals[i] = toValue(j.get(i), eh);
                if (vals[i] == null) return null;
            }
            return new SetEnumValue(vals, false).normalize();
        }
        if (hint instanceof FcnRcdValue) {
            FcnRcdValue f = (FcnRcdValue) hint;
            Value eh = f.values.length > 0 ? f.values[0] : null;
            for (int i = 0; i < n; i++) {
                vals[i] = toValue(j.get(i), eh);
                if (vals[i] == null) return null;
            }
            return new FcnRcdValue(new IntervalValue(1, n), vals);
        }
        if (hint != null && !(hint instanceof TupleValue)) return null;
        TupleValue th = (TupleValue) hint;
        for (int i = 0; i < n; i++) {
            Value eh = th != null && th.elems.length > 0 ? th.elems[Math.min(i, th.elems.length - 1)] : null;
            vals[i] = toValue(j.get(i), eh);
            if (vals[i] == null) return null;
        }
        return new TupleValue(vals);
    }

    /**
     * A shape hint for the elements of set, built from the set's structure where enumerating it is
     * not an option or says nothing: SUBSET S gives a set holding S's shape (so a logged array
     * becomes a set of S's elements), a set of records [f : S_f] a record of the S_f's shapes, a set
     * of tuples a tuple of shapes; a shape may leave parts unknown (null: a logged array there is
     * read as a sequence, as Seq(S) needs). Otherwise some element of the set, or null.
     */
    static Value shapeOf(Value set) {
        if (set instanceof tlc2.value.impl.SubsetValue) {
            Value inner = shapeOf(((tlc2.value.impl.SubsetValue) set).set);
            return inner == null ? SetEnumValue.EmptySet : new SetEnumValue(new Value[] {inner}, true);
        }
        if (set instanceof tlc2.value.impl.SetOfRcdsValue) {
            tlc2.value.impl.SetOfRcdsValue r = (tlc2.value.impl.SetOfRcdsValue) set;
            Value[] fields = new Value[r.values.length];
            for (int i = 0; i < fields.length; i++) fields[i] = shapeOf(r.values[i]);
            return new RecordValue(r.names, fields, true);
        }
        if (set instanceof tlc2.value.impl.SetOfTuplesValue) {
            Value[] sets = ((tlc2.value.impl.SetOfTuplesValue) set).sets;
            Value[] elems = new Value[sets.length];
            for (int i = 0; i < elems.length; i++) elems[i] = shapeOf(sets[i]);
            return new TupleValue(elems);
        }
        return set instanceof Enumerable ? firstElement((Enumerable) set) : null;
    }

    /** Some element of the set as a shape hint, without normalizing (sorting) it, or null. */
    static Value firstElement(Enumerable set) {
        if (set instanceof SetEnumValue) {
            SetEnumValue se = (SetEnumValue) set;
            return se.elems.size() == 0 ? null : se.elems.elementAt(0);
        }
        if (set instanceof IntervalValue) {
            IntervalValue iv = (IntervalValue) set;
            return iv.size() == 0 ? null : IntValue.gen(iv.low);
        }
        try {
            ValueEnumeration e = set.elements();
            return e.nextElement();
        } catch (RuntimeException ex) {
            return null; // not enumerable (e.g. Nat): no hint
        }
    }

    /**
     * True when the logged JSON equals the spec value (as {@link #toValue} with the value as hint
     * would decide), without building TLC values for scalars: the hot path of state matching.
     */
    static boolean equalsLogged(JsonNode j, Value v) {
        if (v instanceof IntValue) return j.isIntegralNumber() && j.canConvertToInt() && j.intValue() == ((IntValue) v).val;
        if (v instanceof StringValue) return j.isTextual() && ((StringValue) v).getVal().toString().equals(j.textValue());
        if (v instanceof BoolValue) return j.isBoolean() && j.booleanValue() == ((BoolValue) v).val;
        if (v == null) return false;
        // records, sequences and functions on 1..n: compared in place, element by element
        if (v instanceof RecordValue) {
            RecordValue r = (RecordValue) v;
            if (!j.isObject() || j.size() != r.names.length) return false;
            for (int i = 0; i < r.names.length; i++) {
                JsonNode f = j.get(r.names[i].toString());
                if (f == null || !equalsLogged(f, r.values[i])) return false;
            }
            return true;
        }
        if (v instanceof TupleValue && j.isArray()) {
            Value[] es = ((TupleValue) v).elems;
            if (j.size() != es.length) return false;
            for (int i = 0; i < es.length; i++) if (!equalsLogged(j.get(i), es[i])) return false;
            return true;
        }
        if (v instanceof FcnRcdValue && j.isArray() && oneToN((FcnRcdValue) v)) {
            FcnRcdValue f = (FcnRcdValue) v;
            if (f.values.length != j.size()) return false;
            for (int i = 0; i < f.values.length; i++) if (!equalsLogged(j.get(i), f.values[i])) return false;
            return true;
        }
        tlc2.value.impl.PersistentFcn p = Changes.canonical(v);
        if (p != null) {
            if (!j.isArray() || j.size() != p.size()) return false;
            for (int i = 0; i < p.size(); i++) if (!equalsLogged(j.get(i), p.get(i))) return false;
            return true;
        }
        Value c = toValue(j, v);
        try {
            return c != null && c.equals(v);
        } catch (RuntimeException e) {
            return false; // values of different kinds
        }
    }

    /**
     * True when the logged JSON object lists exactly the entries of the spec function v that differ
     * from absent, each equal (keys are the arguments as JSON renders them: 5 as "5", "a" as "a").
     */
    static boolean equalsSparse(JsonNode j, Value v, Value absent) {
        if (!j.isObject()) return false;
        tlc2.value.impl.PersistentFcn p = Changes.canonical(v);
        if (p != null) {
            // the subtrees whose entries are all the absent object are skipped
            int[] present = {0};
            boolean[] ok = {true};
            p.forEachNot(absent, i -> {
                if (!ok[0]) return;
                Value x = p.get(i);
                if (isAbsent(x, absent)) return;
                present[0]++;
                JsonNode e = j.get(Integer.toString(i + 1));
                if (e == null || !equalsLogged(e, x)) ok[0] = false;
            });
            return ok[0] && present[0] == j.size();
        }
        if (v instanceof FcnLambdaValue) v = ((FcnLambdaValue) v).toFcnRcd();
        if (!(v instanceof FcnRcdValue)) {
            if (v instanceof RecordValue || v instanceof TupleValue) v = v.toFcnRcd();
            if (!(v instanceof FcnRcdValue)) return false;
        }
        FcnRcdValue f = (FcnRcdValue) v;
        int present = 0;
        for (int i = 0; i < f.values.length; i++) {
            Value x = f.values[i];
            if (isAbsent(x, absent)) continue;
            present++;
            JsonNode e = j.get(sparseKey(f, i));
            if (e == null || !equalsLogged(e, x)) return false;
        }
        return present == j.size();
    }

    /** The spec function v logged sparsely: the entries that differ from absent, keyed as in {@link #equalsSparse}. */
    static JsonNode toJsonSparse(Value v, Value absent) {
        if (tlc2.value.impl.PersistentFcn.of(v) != null && ((FcnLambdaValue) v).excepts == null) v = tlc2.value.impl.PersistentFcn.of(v).toTuple();
        if (v instanceof FcnLambdaValue) v = ((FcnLambdaValue) v).toFcnRcd();
        if (v instanceof RecordValue || v instanceof TupleValue) v = v.toFcnRcd();
        if (!(v instanceof FcnRcdValue)) return toJson(v);
        FcnRcdValue f = (FcnRcdValue) v;
        ObjectNode o = F.objectNode();
        for (int i = 0; i < f.values.length; i++) {
            if (isAbsent(f.values[i], absent)) continue;
            o.set(sparseKey(f, i), toJson(f.values[i]));
        }
        return o;
    }

    /** x is the absent constant (a value of another kind, which TLC refuses to compare, is not). */
    private static boolean isAbsent(Value x, Value absent) {
        if (x == absent) return true;
        try {
            return x.equals(absent);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String sparseKey(FcnRcdValue f, int i) {
        Value d = f.intv != null ? IntValue.gen(f.intv.low + i) : f.domain[i];
        if (d instanceof IntValue) return Integer.toString(((IntValue) d).val);
        if (d instanceof StringValue) return ((StringValue) d).getVal().toString();
        return d.toString();
    }

    /** True when f's domain is 1..n (an interval, or a converted lambda's explicit domain). */
    static boolean oneToN(FcnRcdValue f) {
        if (f.intv != null) return f.intv.low == 1;
        Value[] d = f.domain;
        if (d == null) return false;
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] instanceof IntValue) || ((IntValue) d[i]).val != i + 1) return false;
        }
        return true;
    }

    /**
     * True when the logged JSON matches the spec value, where a logged record (object) may log
     * only some of the spec record's fields. Used to find messages logged partially.
     */
    static boolean matchesPartially(JsonNode j, Value v) {
        if (j.isObject() && v instanceof RecordValue) {
            RecordValue r = (RecordValue) v;
            for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Value fv = fieldOf(r, unique(e.getKey()));
                if (fv == null || !matchesPartially(e.getValue(), fv)) return false;
            }
            return true;
        }
        Value c = toValue(j, v);
        return c != null && c.equals(v);
    }

    /** A spec value as JSON for reports: sets and tuples as arrays, records and functions as objects. */
    static JsonNode toJson(Value v) {
        if (v == null) return F.nullNode();
        if (Changes.canonical(v) != null) v = Changes.canonical(v).toTuple();
        if (v instanceof IntValue) return F.numberNode(((IntValue) v).val);
        if (v instanceof StringValue) return F.textNode(((StringValue) v).getVal().toString());
        if (v instanceof BoolValue) return F.booleanNode(((BoolValue) v).val);
        if (v instanceof ModelValue) return F.textNode(v.toString());
        if (v instanceof RecordValue) {
            RecordValue r = (RecordValue) v;
            ObjectNode o = F.objectNode();
            Integer[] order = new Integer[r.names.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparing(i -> r.names[i].toString()));
            for (int i : order) o.set(r.names[i].toString(), toJson(r.values[i]));
            return o;
        }
        if (v instanceof TupleValue) {
            ArrayNode a = F.arrayNode();
            for (Value e : ((TupleValue) v).elems) a.add(toJson(e));
            return a;
        }
        if (v instanceof FcnRcdValue) {
            FcnRcdValue f = (FcnRcdValue) v;
            Value[] dom = f.getDomainAsValues();
            if (f.intv != null && f.intv.low == 1) {
                ArrayNode a = F.arrayNode();
                for (Value e : f.values) a.add(toJson(e));
                return a;
            }
            ObjectNode o = F.objectNode();
            for (int i = 0; i < dom.length; i++) {
                String k = dom[i] instanceof StringValue ? ((StringValue) dom[i]).getVal().toString() : dom[i].toString();
                o.set(k, toJson(f.values[i]));
            }
            return o;
        }
        if (v instanceof Enumerable) {
            try {
                ArrayNode a = F.arrayNode();
                ValueEnumeration e = ((Enumerable) v.toSetEnum()).elements();
                for (Value x; (x = e.nextElement()) != null; ) a.add(toJson(x));
                return a;
            } catch (RuntimeException ex) {
                return F.textNode(v.toString());
            }
        }
        try {
            Value t = v.toFcnRcd();
            if (t != null && t != v) return toJson(t);
        } catch (RuntimeException ignored) {
            // fall through to the TLA+ text
        }
        return F.textNode(v.toString());
    }
}
