package dev.tlaconform.validate.tlcops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.Applicable;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;
import tlc2.value.impl.ValueVec;
import util.UniqueString;

/**
 * Java definitions of the operators of module {@code NDJsonTrace} (TLC 2.18 has no Json module):
 * {@code Trace} reads the NDJSON trace named by the system property {@code tlaconform.trace} or
 * the environment variable {@code TLACONFORM_TRACE} with Jackson, and {@code TraceProgress(l)}
 * reports the furthest trace position TLC reached.
 */
public final class NDJsonTraceOps {
    /** The line TraceProgress prints each time TLC reaches a larger position. */
    public static final String PROGRESS = "tlaconform-trace-position: ";
    private static final AtomicInteger MAX = new AtomicInteger();

    private NDJsonTraceOps() {}

    /**
     * The event lines of the trace as a sequence of records (JSON objects → records, arrays →
     * sequences, integers → integers, strings → strings, booleans → booleans; nulls are left out).
     * Final and without parameters, so TLC evaluates it once.
     */
    @TLAPlusOperator(identifier = "Trace", module = "NDJsonTrace", warn = false)
    public static final Value trace() throws IOException {
        String f = System.getProperty("tlaconform.trace", System.getenv("TLACONFORM_TRACE"));
        if (f == null) {
            throw new IllegalStateException("NDJsonTrace: set -Dtlaconform.trace=FILE (or TLACONFORM_TRACE) to the NDJSON trace");
        }
        ObjectReader json = new ObjectMapper().reader();
        List<Value> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(Path.of(f), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                JsonNode j = json.readTree(line);
                if ("event".equals(j.path("kind").asText())) events.add(toValue(j));
            }
        }
        return new TupleValue(events.toArray(new Value[0]));
    }

    /** TRUE; prints {@link #PROGRESS}{@code l} whenever l is the largest position seen so far. */
    @TLAPlusOperator(identifier = "TraceProgress", module = "NDJsonTrace", warn = false)
    public static Value traceProgress(Value l) {
        if (l instanceof IntValue) {
            int v = ((IntValue) l).val;
            int m;
            while ((m = MAX.get()) < v) {
                if (MAX.compareAndSet(m, v)) {
                    System.out.println(PROGRESS + v);
                    System.out.flush();
                    break;
                }
            }
        }
        return BoolValue.ValTrue;
    }

    /** The line TraceAt prints each time it is evaluated. */
    public static final String AT = "tlaconform-trace-at: ";

    /** TRUE; prints {@link #AT}{@code l} (the generated trace spec's first invariant: the position of each new state). */
    @TLAPlusOperator(identifier = "TraceAt", module = "NDJsonTrace", warn = false)
    public static Value traceAt(Value l) {
        System.out.println(AT + l);
        System.out.flush();
        return BoolValue.ValTrue;
    }

    /** The line TraceUnique prints when a position is reached with another state than the first. */
    public static final String BRANCH = "tlaconform-trace-branch: ";
    /** TraceUnique's first state per position (the last few positions: a step stays at or advances its position by one). */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, Value> FIRST = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * TRUE; remembers the first state s at position l and prints {@link #BRANCH}{@code l} when given
     * another one there. The states are tuples of the variables' values: compared entry by entry by
     * identity first (a step's successor computed twice shares what it did not change).
     */
    @TLAPlusOperator(identifier = "TraceUnique", module = "NDJsonTrace", warn = false)
    public static Value traceUnique(Value l, Value s) {
        if (!(l instanceof IntValue)) throw new IllegalArgumentException("TraceUnique(l, s): l must be an integer, not " + l.getKindString());
        int k = ((IntValue) l).val;
        Value prev = FIRST.putIfAbsent(k, s);
        if (prev == null) {
            FIRST.remove(k - 3);   // no step reaches a position from two before it
        } else if (prev != s && !sameState(prev, s)) {
            System.out.println(BRANCH + k);
            System.out.flush();
        }
        return BoolValue.ValTrue;
    }

    private static boolean sameState(Value a, Value b) {
        if (a instanceof TupleValue x && b instanceof TupleValue y && x.elems.length == y.elems.length) {
            for (int i = 0; i < x.elems.length; i++) if (!FcnEntries.same(x.elems[i], y.elems[i])) return false;
            return true;
        }
        return a.equals(b);
    }

    /**
     * LoggedAs(j, v): the logged value j (a value of {@code Trace}) stands for the spec value v, by
     * the fast engine's own rule ({@code ValueCodec.matchesPartially}): a record may log some of
     * v's fields, each matching; an array is a set where v is a set; otherwise equal.
     */
    @TLAPlusOperator(identifier = "LoggedAs", module = "NDJsonTrace", warn = false)
    public static Value loggedAs(Value j, Value v) {
        return dev.tlaconform.validate.engine.Logged.as(j, v) ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    /** LoggedVal(j, v): the logged state value j equals v as the fast engine compares a state key ({@code Logged.equal}). */
    @TLAPlusOperator(identifier = "LoggedVal", module = "NDJsonTrace", warn = false)
    public static Value loggedVal(Value j, Value v) {
        return dev.tlaconform.validate.engine.Logged.equal(j, v) ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    /** LoggedIn(j, S): the elements of S a parameter bound from the logged j takes ({@code Logged.in}). */
    @TLAPlusOperator(identifier = "LoggedIn", module = "NDJsonTrace", warn = false)
    public static Value loggedIn(Value j, Value s) {
        return dev.tlaconform.validate.engine.Logged.in(j, s, null);
    }

    /** LoggedSplit(j, S): as LoggedIn; a value not of the kind of S's elements is an error ({@code Logged.split}). */
    @TLAPlusOperator(identifier = "LoggedSplit", module = "NDJsonTrace", warn = false)
    public static Value loggedSplit(Value j, Value s) {
        return dev.tlaconform.validate.engine.Logged.split(j, s);
    }

    /** LoggedInFrom(j, S, Src): as LoggedIn, drawing a partially logged value's candidates from Src. */
    @TLAPlusOperator(identifier = "LoggedInFrom", module = "NDJsonTrace", warn = false)
    public static Value loggedInFrom(Value j, Value s, Value src) {
        return dev.tlaconform.validate.engine.Logged.in(j, s, src);
    }

    /** MsgSent(j, S, S2): the logged message j is what the step from S to S2 sent, S2 a set or a bag ({@code Logged.sent}). */
    @TLAPlusOperator(identifier = "MsgSent", module = "NDJsonTrace", warn = false)
    public static Value msgSent(Value j, Value s, Value s2) {
        return dev.tlaconform.validate.engine.Logged.sent(j, s, s2) ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    /**
     * LoggedEq(j, v): TLC's equality of the logged value j and the spec value v, FALSE where TLC
     * would stop because they are values of different kinds (the fast engine's rule: another run,
     * not an error).
     */
    @TLAPlusOperator(identifier = "LoggedEq", module = "NDJsonTrace", warn = false)
    public static Value loggedEq(Value j, Value v) {
        try {
            return j.equals(v) ? BoolValue.ValTrue : BoolValue.ValFalse;
        } catch (RuntimeException e) {
            return BoolValue.ValFalse;
        }
    }

    /**
     * ArgsOtherThan(f, d) == {x \in DOMAIN f : f[x] /= d}: one pass over f's entries (TLC's select on a
     * function over an explicit domain is a linear search: f[x] for every x is quadratic).
     */
    @TLAPlusOperator(identifier = "ArgsOtherThan", module = "NDJsonTrace", warn = false)
    public static Value argsOtherThan(Value f, Value d) {
        FcnEntries ef = FcnEntries.of(f);
        ValueVec out = new ValueVec();
        if (ef != null) {
            for (int i = 0; i < ef.size(); i++) if (!FcnEntries.same(ef.values[i], d)) out.addElement(ef.arg(i));
        } else {
            // any other function (a record, ...): by the definition
            Applicable a = applicable("ArgsOtherThan(f, d)", f);
            ValueEnumeration e = enumerable("ArgsOtherThan(f, d)", a.getDomain()).elements();
            for (Value x; (x = e.nextElement()) != null; ) if (!FcnEntries.same(a.select(x), d)) out.addElement(x);
        }
        return out.size() == 0 ? SetEnumValue.EmptySet : (Value) new SetEnumValue(out, false).normalize();
    }

    /**
     * DeltaNotKept(f, g, n, L) == {i \in (1..n) \ L : ~(i \in DOMAIN f /\ g[i] = f[i])}: where g's domain
     * is 1..n and f's 1..m (tuples, or functions over those domains), their value arrays side by side,
     * the objects compared first; otherwise by the definition (an argument outside g's domain is TLC's
     * error, as g[i] would be).
     */
    @TLAPlusOperator(identifier = "DeltaNotKept", module = "NDJsonTrace", warn = false)
    public static Value deltaNotKept(Value f, Value g, Value n, Value l) {
        if (!(n instanceof IntValue)) {
            throw new IllegalArgumentException("DeltaNotKept(f, g, n, L): n must be an integer, not " + n.getKindString());
        }
        int len = ((IntValue) n).val;
        ValueVec out = new ValueVec();
        FcnEntries ef = FcnEntries.of(f), eg = FcnEntries.of(g);
        Value[] a = ef == null ? null : ef.asSequence();
        Value[] b = eg == null ? null : eg.asSequence();
        if (a != null && b != null && b.length == Math.max(len, 0)) {
            for (int i = 0; i < b.length; i++) {
                if (i < a.length && FcnEntries.same(a[i], b[i])) continue;
                Value x = IntValue.gen(i + 1);
                if (!l.member(x)) out.addElement(x);
            }
            return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true); // ascending integers: normalized
        }
        Applicable af = applicable("DeltaNotKept(f, g, n, L)", f), ag = applicable("DeltaNotKept(f, g, n, L)", g);
        Value df = af.getDomain();
        for (int i = 1; i <= len; i++) {
            Value x = IntValue.gen(i);
            if (l.member(x)) continue;
            if (!df.member(x) || !FcnEntries.same(ag.apply(x, tlc2.tool.EvalControl.Clear), af.select(x))) out.addElement(x);
        }
        return out.size() == 0 ? SetEnumValue.EmptySet : new SetEnumValue(out, true);
    }

    private static Applicable applicable(String op, Value f) {
        if (!(f instanceof Applicable)) throw new IllegalArgumentException(op + ": f must be a function, not " + f.getKindString());
        return (Applicable) f;
    }

    private static Enumerable enumerable(String op, Value d) {
        if (!(d instanceof Enumerable)) throw new IllegalArgumentException(op + ": the domain of f is not enumerable");
        return (Enumerable) d;
    }

    static Value toValue(JsonNode j) {
        if (j.isIntegralNumber()) return IntValue.gen(j.intValue());
        if (j.isTextual()) return new StringValue(j.asText());
        if (j.isBoolean()) return j.booleanValue() ? BoolValue.ValTrue : BoolValue.ValFalse;
        if (j.isArray()) {
            Value[] vs = new Value[j.size()];
            for (int i = 0; i < vs.length; i++) vs[i] = toValue(j.get(i));
            return new TupleValue(vs);
        }
        if (j.isObject()) {
            List<UniqueString> names = new ArrayList<>();
            List<Value> vals = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) continue;
                names.add(UniqueString.uniqueStringOf(e.getKey()));
                vals.add(toValue(e.getValue()));
            }
            return new RecordValue(names.toArray(new UniqueString[0]), vals.toArray(new Value[0]), false);
        }
        return new StringValue(j.asText());
    }
}
