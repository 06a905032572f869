package dev.tlaconform.validate.tlcops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tlc2.value.impl.Applicable;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;
import tlc2.value.impl.ValueExcept;

/**
 * The Java definitions that read a function's entries side by side (FcnEntries: ChangedArgs,
 * ArgsNot, ResetUpTo of StepOps; ArgsOtherThan and DeltaNotKept of NDJsonTrace) against their TLA+
 * definitions, computed here by TLC's own select and domain membership, on the function values
 * TLC builds: explicit-domain functions ([s \in 1..n |-> e], its EXCEPTs sharing the domain array
 * and the untouched entries), functions over an interval (a tuple converted), tuples, and functions
 * over other domains (not 1..n, strings), mixed with one another.
 */
class FunctionOverridesTest {
    private static final StringValue NONE = new StringValue("none");

    /** A random function on dom: NONE, an equal copy of it, or another value. */
    private static Value[] values(Random r, int n) {
        Value[] v = new Value[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(4);
            v[i] = k == 0 ? NONE : k == 1 ? new StringValue("none") : new StringValue("v" + r.nextInt(3));
        }
        return v;
    }

    private static Value[] ints(int from, int n) {
        Value[] d = new Value[n];
        for (int i = 0; i < n; i++) d[i] = IntValue.gen(from + i);
        return d;
    }

    /** g from f as a step would make it: shares f's entries except a few changed (some to an equal copy), maybe in another form. */
    private static Value derive(Random r, Value f, Value[] dom, Value[] vals) {
        Value[] w = vals.clone();
        for (int c = r.nextInt(3); c > 0 && w.length > 0; c--) {
            int i = r.nextInt(w.length);
            w[i] = r.nextBoolean() ? new StringValue("v" + r.nextInt(3)) : new StringValue(w[i].toString().replace("\"", ""));
        }
        return switch (r.nextInt(4)) {
            case 0 -> new FcnRcdValue(dom, w, true);               // the same domain array (EXCEPT's shape)
            case 1 -> new FcnRcdValue(dom.clone(), w, true);       // an equal domain array
            case 2 -> isOneToN(dom) ? new TupleValue(w) : new FcnRcdValue(dom, w, true);
            default -> f;                                          // unchanged
        };
    }

    private static boolean isOneToN(Value[] dom) {
        for (int i = 0; i < dom.length; i++) if (((IntValue) dom[i]).val != i + 1) return false;
        return true;
    }

    /** A function on dom with values vals, in one of TLC's forms. */
    private static Value form(Random r, Value[] dom, Value[] vals) {
        if (isOneToN(dom)) {
            switch (r.nextInt(3)) {
                case 0: return new TupleValue(vals);
                case 1: return new TupleValue(vals).toFcnRcd();   // over the interval 1..n
                default: return new FcnRcdValue(dom, vals, true);
            }
        }
        return new FcnRcdValue(dom, vals, true);
    }

    private static List<Value> elems(Value set) {
        List<Value> out = new ArrayList<>();
        ValueEnumeration e = ((Enumerable) set).elements();
        for (Value x; (x = e.nextElement()) != null; ) out.add(x);
        return out;
    }

    private static List<Value> domain(Value f) {
        return elems(((Applicable) f).getDomain());
    }

    private static Value at(Value f, Value x) {
        return ((Applicable) f).select(x);
    }

    private static SetEnumValue set(List<Value> xs) {
        return (SetEnumValue) new SetEnumValue(xs.toArray(new Value[0]), false).normalize();
    }

    @Test
    void eachOverrideAgreesWithItsDefinitionOnTlcsFunctionForms() {
        Random r = new Random(2026);
        int changed = 0, unchanged = 0;
        for (int round = 0; round < 3000; round++) {
            int n = r.nextInt(12);
            Value[] dom = r.nextInt(3) == 0 ? ints(1 + r.nextInt(3) * 2, n) : ints(1, n);  // 1..n, or 3..n+2, 5..n+4
            Value[] vals = values(r, n);
            Value f = form(r, dom, vals);
            Value g = derive(r, f, dom, vals);
            String at = "round " + round + ": f = " + f + ", g = " + g;

            // ChangedArgs(f, g) == {x \in DOMAIN g : x \notin DOMAIN f \/ f[x] # g[x]}
            List<Value> want = new ArrayList<>();
            for (Value x : domain(g)) if (!((Applicable) f).getDomain().member(x) || !at(f, x).equals(at(g, x))) want.add(x);
            Value got = StepOps.changedArgs(f, g);
            assertEquals(set(want), got, "ChangedArgs, " + at);
            assertTrue(got.isNormalized(), at);
            if (want.isEmpty()) unchanged++; else changed++;

            // ArgsNot(f, x) and ArgsOtherThan(f, d) == {k \in DOMAIN f : f[k] # x}
            List<Value> not = new ArrayList<>();
            for (Value k : domain(f)) if (!at(f, k).equals(NONE)) not.add(k);
            assertEquals(set(not), StepOps.argsNot(f, NONE), "ArgsNot, " + at);
            assertEquals(set(not), NDJsonTraceOps.argsOtherThan(f, NONE), "ArgsOtherThan, " + at);

            // ResetUpTo(f, n, x) == [k \in DOMAIN f |-> IF k <= n THEN x ELSE f[k]]
            int upTo = r.nextInt(n + 6) - 2;
            Value reset = StepOps.resetUpTo(f, IntValue.gen(upTo), NONE);
            assertEquals(domain(f), domain(reset), "ResetUpTo's domain, " + at);
            boolean resetSomething = false;
            for (Value k : domain(f)) {
                Value expect = ((IntValue) k).val <= upTo ? NONE : at(f, k);
                assertTrue(at(reset, k).equals(expect), "ResetUpTo at " + k + ", " + at);
                resetSomething |= !at(f, k).equals(at(reset, k));
            }
            if (!resetSomething) assertSame(f, reset, "nothing to reset: f itself, " + at);

            // DeltaNotKept(f, g, n, L) == {i \in (1..n) \ L : ~(i \in DOMAIN f /\ g[i] = f[i])}, where DOMAIN g = 1..n
            if (isOneToN(dom)) {
                Value[] gv = vals.clone();
                int m = r.nextInt(4) == 0 ? n + 1 + r.nextInt(2) : n;   // g longer than f: new positions
                Value[] longer = new Value[m];
                for (int i = 0; i < m; i++) longer[i] = i < n ? (r.nextInt(5) == 0 ? new StringValue("w") : gv[i]) : new StringValue("new");
                Value g2 = r.nextBoolean() ? new TupleValue(longer) : new FcnRcdValue(ints(1, m), longer, true);
                List<Value> listed = new ArrayList<>();
                for (int i = 1; i <= m; i++) if (r.nextInt(4) == 0) listed.add(IntValue.gen(i));
                Value l = set(listed);
                List<Value> notKept = new ArrayList<>();
                for (int i = 1; i <= m; i++) {
                    Value x = IntValue.gen(i);
                    if (l.member(x)) continue;
                    if (!((Applicable) f).getDomain().member(x) || !at(g2, x).equals(at(f, x))) notKept.add(x);
                }
                assertEquals(set(notKept), NDJsonTraceOps.deltaNotKept(f, g2, IntValue.gen(m), l), "DeltaNotKept, " + at + ", g = " + g2 + ", L = " + l);
            }
        }
        assertTrue(changed > 500 && unchanged > 500, "both outcomes drawn: " + changed + " / " + unchanged);
    }

    /** Functions over other domains than integers go through the definition (and mix with integer-domain ones). */
    @Test
    void otherDomainsByTheDefinition() {
        Value[] names = {new StringValue("a"), new StringValue("b"), new StringValue("c")};
        FcnRcdValue f = new FcnRcdValue(names, new Value[] {NONE, new StringValue("1"), NONE}, true);
        FcnRcdValue g = new FcnRcdValue(names.clone(), new Value[] {NONE, new StringValue("2"), new StringValue("3")}, true);
        assertEquals(set(List.of(names[1], names[2])), StepOps.changedArgs(f, g));
        assertEquals(set(List.of(names[1])), NDJsonTraceOps.argsOtherThan(f, NONE));
        // DeltaNotKept where g's domain is not 1..n: the definition, whose g[i] outside DOMAIN g is TLC's error
        assertThrows(RuntimeException.class, () -> NDJsonTraceOps.deltaNotKept(f, g, IntValue.gen(2), SetEnumValue.EmptySet));
        // ResetUpTo on a non-integer domain is refused, as before
        assertThrows(IllegalArgumentException.class, () -> StepOps.resetUpTo(f, IntValue.gen(1), NONE));
    }

    /**
     * TLC 2.18's FcnRcdValue over an interval (a tuple converted) puts an EXCEPT's value at the argument,
     * not at its offset: ResetUpTo never returns that form, so a later EXCEPT on its result is right.
     */
    @Test
    void resetUpToOnAnIntervalFunctionReturnsOneEXCEPTWritesCorrectly() {
        Value f = new TupleValue(new Value[] {new StringValue("7"), new StringValue("8"), new StringValue("9")}).toFcnRcd();
        assertTrue(((FcnRcdValue) f).intv instanceof IntervalValue, "the interval form");
        Value reset = StepOps.resetUpTo(f, IntValue.gen(1), NONE);
        assertTrue(((FcnRcdValue) reset).intv == null, "an explicit domain");
        ValueExcept ex = new ValueExcept(new Value[] {IntValue.gen(2)}, new StringValue("x"));
        Value after = reset.takeExcept(ex);
        assertEquals(new TupleValue(new Value[] {NONE, new StringValue("x"), new StringValue("9")}), after.toTuple());
    }
}
