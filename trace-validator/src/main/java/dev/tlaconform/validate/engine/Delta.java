package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.FcnLambdaValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.PersistentSetValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;

/**
 * State keys logged as what the step changed (the mapping's {@code "delta"}, docs/validate.md), the
 * fast engine's form of {@code StateDeltaOK} and {@code StateSetDeltaOK} of NDJsonTrace.tla:
 * <ul>
 * <li>a function on 1..n (a sequence) as {@code {"len": n, "at": [[i, v], ...], "fill": x}}: the
 *     post-state's domain is 1..n, its value at each listed i is v, and at every other argument it
 *     is the pre-state's value there (which must exist) or, when {@code "fill"} is given, x;</li>
 * <li>a set as {@code {"add": [...], "del": [...]}}: post = (pre \ del) ∪ add; or {@code {"set": [...]}}:
 *     post = the listed set (the pre-state does not matter).</li>
 * </ul>
 * Given the pre-state, the logged delta pins the key's post-state value down exactly as a fully
 * logged value does; the work is the logged entries plus one identity scan of the arguments not
 * logged (TLC's EXCEPT keeps their value objects, so the scan rarely calls equals).
 */
final class Delta {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Delta() {}

    /** The logged delta j turns the pre-state value pre into the post-state value post. */
    static boolean matches(JsonNode j, Value pre, Value post) {
        if (j == null || !j.isObject() || post == null) return false;
        tlc2.value.impl.PersistentFcn gp = Changes.canonical(post), fp = Changes.canonical(pre);
        if (gp != null && fp != null && gp.size() == fp.size() && j.get("fill") == null) return matchesPersistent(j, fp, gp);
        Value[] g = entries(post);
        if (g != null) return matchesFunction(j, pre, g);
        if (post instanceof Enumerable) return matchesSet(j, pre, post);
        return false;
    }

    /**
     * Why the logged delta j is not a delta at all for the spec value v (null when it is one): the
     * form is decided by v (a function on 1..n, or a set). Malformed input, not another run: both
     * engines refuse it as bad input (NDJsonTrace.tla asserts the same shape), whereas a well-formed
     * delta with other values, an index outside 1..len or values of another kind is a mismatch.
     */
    static String shapeError(JsonNode j, Value v) {
        if (j == null || !j.isObject()) return "a delta is a JSON object, not " + brief(j);
        if (v != null && (Changes.canonical(v) != null || entries(v) != null)) {
            for (java.util.Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("len") && !k.equals("at") && !k.equals("fill")) return "a sequence's delta has only len, at and fill, not \"" + k + "\"";
            }
            JsonNode len = j.get("len");
            if (len == null || !len.isIntegralNumber() || !len.canConvertToInt() || len.intValue() < 0) {
                return "\"len\" must be a natural number, not " + brief(len);
            }
            JsonNode at = j.get("at");
            if (at != null) {
                if (!at.isArray()) return "\"at\" must be an array of [index, value] pairs, not " + brief(at);
                for (int k = 0; k < at.size(); k++) {
                    JsonNode p = at.get(k);
                    if (!p.isArray() || p.size() != 2 || !p.get(0).isIntegralNumber() || !p.get(0).canConvertToInt() || p.get(0).intValue() < 0) {
                        return "at[" + k + "] must be an [index, value] pair with a natural index, not " + brief(p);
                    }
                }
            }
            return null;
        }
        if (v instanceof Enumerable) {
            for (java.util.Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("add") && !k.equals("del") && !k.equals("set")) return "a set's delta has only add, del and set, not \"" + k + "\"";
                if (!j.get(k).isArray()) return "\"" + k + "\" must be an array, not " + brief(j.get(k));
            }
            if (j.has("set") && (j.has("add") || j.has("del"))) return "a set's delta has \"set\" or add/del, not both";
        }
        return null;
    }

    private static String brief(JsonNode j) {
        String s = String.valueOf(j);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /**
     * The positions (0-based, ascending) a sequence delta j lists for a function of n entries, each
     * logged value equal to entry(i); null when j's len is not n or a listed entry is malformed or differs.
     */
    private static int[] listed(JsonNode j, int n, java.util.function.IntFunction<Value> entry) {
        JsonNode len = j.get("len");
        if (len == null || !len.isIntegralNumber() || !len.canConvertToInt()) return null;
        if (n != Math.max(0, len.intValue())) return null;
        JsonNode at = j.get("at");
        int[] idx = new int[at == null ? 0 : at.size()];
        if (at != null) {
            if (!at.isArray()) return null;
            for (int k = 0; k < idx.length; k++) {
                JsonNode p = at.get(k);
                if (!p.isArray() || p.size() != 2 || !p.get(0).isIntegralNumber() || !p.get(0).canConvertToInt()) return null;
                int i = p.get(0).intValue();
                if (i < 1 || i > n || !ValueCodec.equalsLogged(p.get(1), entry.apply(i - 1))) return null;
                idx[k] = i - 1;
            }
            Arrays.sort(idx);
        }
        return idx;
    }

    private static boolean matchesFunction(JsonNode j, Value pre, Value[] g) {
        int[] idx = listed(j, g.length, i -> g[i]);
        if (idx == null) return false;
        JsonNode fill = j.get("fill");
        if (fill != null) {
            Value same = null; // the last value object found equal to fill (Init's entries share one)
            for (int i = 0, k = 0; i < g.length; i++) {
                if (k < idx.length && idx[k] == i) {
                    while (k < idx.length && idx[k] == i) k++;
                    continue;
                }
                if (g[i] == same) continue;
                if (!ValueCodec.equalsLogged(fill, g[i])) return false;
                same = g[i];
            }
            return true;
        }
        Value[] f = pre == null ? null : entries(pre);
        if (f == null) return idx.length == g.length && distinct(idx) == g.length;
        if (f == g) return true; // the pre-state's own entries (UNCHANGED): the listed ones were checked above
        Changes ch = Changes.of(g, f);
        if (ch != null) {
            // every entry outside ch.at is f's own object: only those can differ where the delta lists nothing
            for (int i : ch.at) {
                if (Arrays.binarySearch(idx, i) >= 0) continue;
                if (i >= f.length) return false; // past the pre-state's end and not listed
                if (g[i] != f[i] && !equal(g[i], f[i])) return false;
            }
            return true;
        }
        for (int i = 0, k = 0; i < g.length; i++) {
            if (k < idx.length && idx[k] == i) {
                while (k < idx.length && idx[k] == i) k++;
                continue;
            }
            if (i >= f.length) return false;
            if (g[i] != f[i] && !equal(g[i], f[i])) return false;
        }
        return true;
    }

    /**
     * A sequence's delta between two versions of one persistent function: the listed entries, then
     * the positions where the two hold other objects (shared nodes skipped: O(changes x log n)).
     */
    private static boolean matchesPersistent(JsonNode j, tlc2.value.impl.PersistentFcn f, tlc2.value.impl.PersistentFcn g) {
        int[] idx = listed(j, g.size(), g::get);
        if (idx == null) return false;
        if (f == g) return true;
        for (int i : tlc2.value.impl.PersistentFcn.difference(f, g)) {
            if (Arrays.binarySearch(idx, i) >= 0) continue;
            if (!equal(g.get(i), f.get(i))) return false;
        }
        return true;
    }

    private static int distinct(int[] sorted) {
        int n = 0;
        for (int k = 0; k < sorted.length; k++) if (k == 0 || sorted[k] != sorted[k - 1]) n++;
        return n;
    }

    private static boolean matchesSet(JsonNode j, Value pre, Value post) {
        if (post instanceof PersistentSetValue && pre instanceof PersistentSetValue && !j.has("set")) {
            return matchesPersistent(j, (PersistentSetValue) pre, (PersistentSetValue) post);
        }
        SetEnumValue g = set(post);
        if (g == null) return false;
        Value hint = ValueCodec.firstElement(g);
        if (hint == null && pre instanceof Enumerable) hint = ValueCodec.firstElement((Enumerable) pre);
        Value shape = hint == null ? null : new SetEnumValue(new Value[] {hint}, true);
        JsonNode whole = j.get("set");
        if (whole != null) {
            SetEnumValue s = part(whole, shape);
            return s != null && equal(s, g);
        }
        SetEnumValue add = part(j.get("add"), shape);
        SetEnumValue del = part(j.get("del"), shape);
        SetEnumValue f = set(pre);
        if (add == null || del == null || f == null) return false;
        // post = (pre \ del) \cup add, by one merge walk over the two sorted sets (their shared
        // elements are mostly the same objects: compared by identity first): an element of both must be
        // kept (not deleted, or added back), one of pre only deleted (and not added), one of post only
        // added. O(|pre| + |post|) identity tests, where membership tests for every element of pre were
        // O(|pre| log |post|) comparisons.
        if (f == g) {
            // post is pre itself: nothing deleted may be in it unless added back, everything added is in it
            for (ValueEnumeration e = del.elements(); ; ) {
                Value x = e.nextElement();
                if (x == null) break;
                if (g.member(x) && !add.member(x)) return false;
            }
            for (ValueEnumeration e = add.elements(); ; ) {
                Value x = e.nextElement();
                if (x == null) break;
                if (!g.member(x)) return false;
            }
            return true;
        }
        // an added element the walk does not meet (in neither set) must be caught first
        for (ValueEnumeration e = add.elements(); ; ) {
            Value x = e.nextElement();
            if (x == null) break;
            if (!g.member(x)) return false;
        }
        tlc2.value.impl.ValueVec fe = f.elems;
        tlc2.value.impl.ValueVec ge = g.elems;
        int fs = fe.size(), gs = ge.size();
        boolean dels = del.size() > 0, adds = add.size() > 0;
        int i = 0, k = 0;
        try {
            while (i < fs || k < gs) {
                Value x = i < fs ? fe.elementAt(i) : null;
                Value y = k < gs ? ge.elementAt(k) : null;
                int c = x == null ? 1 : y == null ? -1 : x == y ? 0 : x.compareTo(y);
                if (c == 0) {
                    if (dels && del.member(x) && !(adds && add.member(x))) return false;
                    i++;
                    k++;
                } else if (c < 0) {
                    if (!dels || !del.member(x) || (adds && add.member(x))) return false;
                    i++;
                } else {
                    if (!adds || !add.member(y)) return false;
                    k++;
                }
            }
        } catch (RuntimeException e) {
            return false; // elements of different kinds
        }
        return true;
    }

    /**
     * post = (pre \ del) \cup add for two versions of a persistent set, from what differs between
     * them (shared subtrees skipped: O(changes x log) for a step's successor of its parent): every
     * added element is in post; a deleted one is not, unless added back; an element only post has
     * was added; one only pre has was deleted (and not added: it is not in post).
     */
    private static boolean matchesPersistent(JsonNode j, PersistentSetValue f, PersistentSetValue g) {
        Value hint = ValueCodec.firstElement(g.size() > 0 ? g : f);
        Value shape = hint == null ? null : new SetEnumValue(new Value[] {hint}, true);
        SetEnumValue add = part(j.get("add"), shape);
        SetEnumValue del = part(j.get("del"), shape);
        if (add == null || del == null) return false;
        try {
            for (ValueEnumeration e = add.elements(); ; ) {
                Value x = e.nextElement();
                if (x == null) break;
                if (!g.member(x)) return false;
            }
            for (ValueEnumeration e = del.elements(); ; ) {
                Value x = e.nextElement();
                if (x == null) break;
                if (g.member(x) && !add.member(x)) return false;
            }
            java.util.List<Value> onlyPre = new java.util.ArrayList<>(), onlyPost = new java.util.ArrayList<>();
            PersistentSetValue.difference(f, g, onlyPre, onlyPost);
            for (Value x : onlyPost) if (!add.member(x)) return false;
            for (Value x : onlyPre) if (!del.member(x)) return false;
        } catch (RuntimeException e) {
            return false; // elements of different kinds
        }
        return true;
    }

    /** A logged array as a normalized set of the shape's elements; an absent part is the empty set. */
    private static SetEnumValue part(JsonNode a, Value shape) {
        if (a == null) return SetEnumValue.EmptySet;
        if (!a.isArray()) return null;
        if (a.size() == 0) return SetEnumValue.EmptySet;
        Value v = ValueCodec.toValue(a, shape == null ? SetEnumValue.EmptySet : shape);
        return v instanceof SetEnumValue ? (SetEnumValue) v : null;
    }

    private static SetEnumValue set(Value v) {
        if (v instanceof SetEnumValue) return (SetEnumValue) ((SetEnumValue) v).normalize();
        if (!(v instanceof Enumerable) || entries(v) != null) return null;
        try {
            return (SetEnumValue) new SetEnumValue(((Enumerable) v).elements().all().toArray(new Value[0]), false).normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The entries of a function on 1..n (a sequence), entry i-1 for argument i, or null for any other value. */
    static Value[] entries(Value v) {
        if (Changes.canonical(v) != null) return Changes.canonical(v).toArray(); // O(n): the cases matches does not take structurally
        if (v instanceof FcnLambdaValue) v = ((FcnLambdaValue) v).toFcnRcd();
        if (v instanceof TupleValue) return ((TupleValue) v).elems;
        if (v instanceof FcnRcdValue) {
            FcnRcdValue f = (FcnRcdValue) v;
            if (f.values.length == 0 || ValueCodec.oneToN(f)) return f.values;
        }
        return null;
    }

    private static boolean equal(Value a, Value b) {
        try {
            return a.equals(b);
        } catch (RuntimeException e) {
            return false; // values of different kinds
        }
    }

    /** The spec's own delta from pre to post, in the logged form (for diagnostics). */
    static JsonNode toJson(Value pre, Value post) {
        Value[] g = post == null ? null : entries(post);
        ObjectNode o = F.objectNode();
        if (g != null) {
            Value[] f = pre == null ? null : entries(pre);
            o.put("len", g.length);
            ArrayNode at = o.putArray("at");
            for (int i = 0; i < g.length; i++) {
                if (f != null && i < f.length && (g[i] == f[i] || equal(g[i], f[i]))) continue;
                at.addArray().add(i + 1).add(ValueCodec.toJson(g[i]));
            }
            return o;
        }
        SetEnumValue gs = set(post);
        SetEnumValue fs = set(pre);
        if (gs == null || fs == null) return ValueCodec.toJson(post);
        ArrayNode add = o.putArray("add");
        for (ValueEnumeration e = gs.elements(); ; ) {
            Value x = e.nextElement();
            if (x == null) break;
            if (!fs.member(x)) add.add(ValueCodec.toJson(x));
        }
        ArrayNode del = o.putArray("del");
        for (ValueEnumeration e = fs.elements(); ; ) {
            Value x = e.nextElement();
            if (x == null) break;
            if (!gs.member(x)) del.add(ValueCodec.toJson(x));
        }
        return o;
    }
}
