package dev.tlaconform.validate.tlcops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;
import util.UniqueString;

/**
 * StepOps's ChangedArgs(f, g) against its TLA+ definition {x \in DOMAIN g : x \notin DOMAIN f \/
 * f[x] # g[x]}, computed here entry by entry by value: on random sequences where g shares f's entry
 * objects except where it was changed (EXCEPT's shape), changed to an equal copy (not a change), or
 * has another length; and on functions with other domains (records, explicit functions).
 */
class StepOpsTest {
    private static TreeSet<Integer> ints(Value set) {
        TreeSet<Integer> out = new TreeSet<>();
        ValueEnumeration e = ((SetEnumValue) set).elements();
        for (Value x; (x = e.nextElement()) != null; ) out.add(((IntValue) x).val);
        return out;
    }

    @Test
    void sequencesAgreeWithTheDefinition() {
        Random r = new Random(7);
        int nonEmpty = 0;
        for (int round = 0; round < 3000; round++) {
            int n = r.nextInt(30);
            Value[] a = new Value[n];
            for (int i = 0; i < n; i++) a[i] = new StringValue("v" + r.nextInt(4));
            int m = r.nextInt(5) == 0 ? r.nextInt(30) : n;
            Value[] b = new Value[m];
            for (int i = 0; i < m; i++) {
                int k = r.nextInt(6);
                b[i] = i >= n ? new StringValue("v" + r.nextInt(4))
                        : k == 0 ? new StringValue("v" + r.nextInt(4)) // maybe changed
                        : k == 1 ? new StringValue(((StringValue) a[i]).val.toString()) // an equal copy: unchanged
                        : a[i]; // shared
            }
            TreeSet<Integer> want = new TreeSet<>();
            for (int i = 0; i < m; i++) if (i >= n || !a[i].equals(b[i])) want.add(i + 1);
            Value got = StepOps.changedArgs(new TupleValue(a), new TupleValue(b));
            assertEquals(want, ints(got), "round " + round);
            assertTrue(got.isNormalized());
            if (!want.isEmpty()) nonEmpty++;
        }
        assertTrue(nonEmpty > 1000, "both outcomes drawn: " + nonEmpty);
    }

    @Test
    void theSameObjectChangedNothing() {
        TupleValue t = new TupleValue(new Value[] {IntValue.gen(1), IntValue.gen(2)});
        assertSame(SetEnumValue.EmptySet, StepOps.changedArgs(t, t));
    }

    @Test
    void otherFunctionsByTheDefinition() {
        UniqueString a = UniqueString.uniqueStringOf("a"), b = UniqueString.uniqueStringOf("b");
        RecordValue f = new RecordValue(new UniqueString[] {a, b}, new Value[] {IntValue.gen(1), IntValue.gen(2)}, false);
        RecordValue g = new RecordValue(new UniqueString[] {a, b}, new Value[] {IntValue.gen(1), IntValue.gen(3)}, false);
        assertEquals(new SetEnumValue(new Value[] {new StringValue("b")}, true), StepOps.changedArgs(f, g));
        // a function on {2, 3} against one on 1..2: argument 3 is new, 2 changed
        FcnRcdValue h = new FcnRcdValue(new Value[] {IntValue.gen(2), IntValue.gen(3)}, new Value[] {IntValue.gen(9), IntValue.gen(0)}, true);
        TupleValue t = new TupleValue(new Value[] {IntValue.gen(5), IntValue.gen(6)});
        assertEquals(new TreeSet<>(java.util.List.of(2, 3)), ints(StepOps.changedArgs(t, h)));
        assertEquals(new TreeSet<>(java.util.List.of(1, 2)), ints(StepOps.changedArgs(h, t)));
    }

    /** ArgsNot, ResetUpTo and Added (PBFT's validation forms) against their definitions on random values. */
    @Test
    void argsNotResetUpToAndAddedAgreeWithTheirDefinitions() {
        Random r = new Random(11);
        StringValue none = new StringValue("none");
        int reset = 0, same = 0, added = 0;
        for (int round = 0; round < 2000; round++) {
            int n = r.nextInt(25);
            Value[] a = new Value[n];
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(4);
                a[i] = k == 0 ? none : k == 1 ? new StringValue("none") : new StringValue("v" + r.nextInt(3)); // the constant, an equal copy, another
            }
            TupleValue f = new TupleValue(a);
            TreeSet<Integer> want = new TreeSet<>();
            for (int i = 0; i < n; i++) if (!a[i].equals(none)) want.add(i + 1);
            assertEquals(want, ints(StepOps.argsNot(f, none)), "ArgsNot, round " + round);

            int upTo = r.nextInt(30) - 3;
            Value got = StepOps.resetUpTo(f, IntValue.gen(upTo), none);
            Value[] b = ((TupleValue) got).elems;
            assertEquals(n, b.length);
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                Value expect = i + 1 <= upTo ? none : a[i];
                assertTrue(b[i].equals(expect), "ResetUpTo, round " + round + " at " + (i + 1));
                if (i + 1 > upTo) assertSame(a[i], b[i]); // the entries above n are f's own objects
                changed |= !a[i].equals(b[i]);
            }
            if (changed) reset++;
            else {
                assertSame(f, got, "nothing to reset: f itself");
                same++;
            }

            TreeSet<Integer> xs = new TreeSet<>(), ys = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                if (r.nextInt(3) == 0) xs.add(i);
                if (r.nextInt(3) == 0) ys.add(i);
            }
            TreeSet<Integer> diff = new TreeSet<>(ys);
            diff.removeAll(xs);
            Value sx = set(xs), sy = set(ys);
            Value d = StepOps.added(sx, sy);
            assertEquals(diff, ints(d), "Added, round " + round);
            assertEquals(diff, ints(StepOps.added(set(xs), sy)), "Added, equal copies, round " + round);
            // persistent versions, separately built and derived from one another (shared subtrees)
            tlc2.value.impl.PersistentSetValue px = tlc2.value.impl.PersistentSetValue.of((tlc2.value.impl.SetEnumValue) sx);
            tlc2.value.impl.PersistentSetValue py = tlc2.value.impl.PersistentSetValue.of((tlc2.value.impl.SetEnumValue) sy);
            assertEquals(diff, ints(StepOps.added(px, py)), "Added, persistent, round " + round);
            tlc2.value.impl.PersistentSetValue v = px;
            for (int e : ys) v = v.with(tlc2.value.impl.IntValue.gen(e));
            for (int e : xs) if (!ys.contains(e)) v = v.without(tlc2.value.impl.IntValue.gen(e));
            assertEquals(diff, ints(StepOps.added(px, v)), "Added, persistent versions, round " + round);
            if (!diff.isEmpty()) added++;
        }
        assertTrue(reset > 300 && same > 300 && added > 300, reset + " / " + same + " / " + added);
    }

    /**
     * ChangedArgs, ArgsNot and ResetUpTo on persistent functions (the fast engine's form of long
     * functions on 1..n, docs/validate.md "Persistent functions, session 9") against the definitions
     * on the entry arrays: versions derived from one another (shared nodes), sizes across trie levels.
     */
    @Test
    void persistentFunctionsAgreeWithTheDefinitions() {
        if (tlc2.tool.TLCState.Empty == null) tlc2.tool.TLCStateMut.setVariables(new tla2sany.semantic.OpDeclNode[0]);
        Random r = new Random(13);
        StringValue none = new StringValue("none");
        int changedSome = 0, resetSome = 0;
        for (int round = 0; round < 400; round++) {
            int n = 1 + r.nextInt(r.nextBoolean() ? 40 : 3000);
            Value[] a = new Value[n];
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(8);
                a[i] = k < 5 ? none : k == 5 ? new StringValue("none") : new StringValue("v" + r.nextInt(3));
            }
            tlc2.value.impl.PersistentFcn pa = tlc2.value.impl.PersistentFcn.of(a);
            Value[] b = a.clone();
            int k = r.nextInt(6);
            int[] at = new int[k];
            Value[] vs = new Value[k];
            for (int j = 0; j < k; j++) {
                at[j] = r.nextInt(n);
                vs[j] = r.nextBoolean() ? new StringValue("v" + r.nextInt(3)) : new StringValue(((StringValue) b[at[j]]).val.toString());
                b[at[j]] = vs[j];
            }
            tlc2.value.impl.PersistentFcn pb = pa.with(at, vs);
            TreeSet<Integer> want = new TreeSet<>();
            for (int i = 0; i < n; i++) if (!a[i].equals(b[i])) want.add(i + 1);
            assertEquals(want, ints(StepOps.changedArgs(pa.owner(), pb.owner())), "ChangedArgs, round " + round);
            assertEquals(want, ints(StepOps.changedArgs(new TupleValue(a), pb.owner())), "ChangedArgs against a tuple, round " + round);
            if (!want.isEmpty()) changedSome++;
            TreeSet<Integer> not = new TreeSet<>();
            for (int i = 0; i < n; i++) if (!b[i].equals(none)) not.add(i + 1);
            assertEquals(not, ints(StepOps.argsNot(pb.owner(), none)), "ArgsNot, round " + round);
            int upTo = r.nextInt(n + 5) - 3;
            Value got = StepOps.resetUpTo(pb.owner(), IntValue.gen(upTo), none);
            tlc2.value.impl.PersistentFcn pg = tlc2.value.impl.PersistentFcn.of(got);
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                Value expect = i + 1 <= upTo ? none : b[i];
                assertTrue(pg.get(i).equals(expect), "ResetUpTo, round " + round + " at " + (i + 1));
                if (i + 1 > upTo) assertSame(b[i], pg.get(i));
                changed |= !b[i].equals(pg.get(i));
            }
            boolean identical = true;
            for (int i = 0; i < Math.min(Math.max(upTo, 0), n); i++) identical &= b[i] == none;
            if (identical) assertSame(pb.owner(), got, "nothing to reset: f itself");
            if (changed) resetSome++;
        }
        assertTrue(changedSome > 100 && resetSome > 100, changedSome + " / " + resetSome);
    }

    private static Value set(TreeSet<Integer> xs) {
        Value[] v = new Value[xs.size()];
        int i = 0;
        for (int x : xs) v[i++] = IntValue.gen(x);
        return new SetEnumValue(v, true);
    }
}
