package dev.tlaconform.validate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * Canon's shortcuts give what TLC's own normalization gives: the set {@code S \cup X} as TLC's
 * union builds it (S's elements, then the new ones; or X's first), merged against S, is the sorted
 * set of the same elements; with nothing new it is S itself; shapes it does not recognise fall back
 * to TLC's normalization.
 */
class CanonTest {
    private static final UniqueString[] NAMES = {UniqueString.uniqueStringOf("bal"), UniqueString.uniqueStringOf("type")};

    private static Value msg(int bal, String type) {
        return new RecordValue(NAMES, new Value[] {IntValue.gen(bal), new StringValue(type)}, true);
    }

    private static SetEnumValue normalized(List<Value> elems) {
        SetEnumValue s = new SetEnumValue(elems.toArray(new Value[0]), false);
        s.deepNormalize();
        return s;
    }

    private static void assertSameSet(SetEnumValue expected, Value actual) {
        assertTrue(actual instanceof SetEnumValue, actual.getClass().toString());
        SetEnumValue a = (SetEnumValue) actual;
        assertTrue(a.isNormalized());
        assertEquals(expected.size(), a.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(0, expected.elems.elementAt(i).compareTo(a.elems.elementAt(i)), "element " + i);
        }
    }

    @Test
    void unionsMergeLikeTlcNormalizes() {
        Random rnd = new Random(7);
        String[] types = {"1a", "1b", "2a", "2b"};
        for (int round = 0; round < 500; round++) {
            List<Value> base = new ArrayList<>();
            for (int i = rnd.nextInt(40); i > 0; i--) base.add(msg(rnd.nextInt(20), types[rnd.nextInt(4)]));
            SetEnumValue old = normalized(base);
            List<Value> add = new ArrayList<>();
            for (int i = rnd.nextInt(4); i > 0; i--) add.add(msg(rnd.nextInt(20), types[rnd.nextInt(4)]));
            SetEnumValue x = new SetEnumValue(add.toArray(new Value[0]), false);
            List<Value> all = new ArrayList<>(base);
            all.addAll(add);
            SetEnumValue expected = normalized(all);

            Value oldFirst = old.size() == 0 ? null : old.cup(x); // TLC: S's elements, then X's not in S
            if (oldFirst != null) {
                Value c = Canon.of(oldFirst, old);
                assertSameSet(expected, c);
                if (expected.size() == old.size()) assertSame(old, c, "nothing new: the parent's set object");
                else assertNotSame(old, c);
            }
            if (x.size() > 0) {
                Value xFirst = new SetEnumValue(add.toArray(new Value[0]), false).cup(old); // X's elements first
                assertSameSet(expected, Canon.of(xFirst, old));
            }
        }
    }

    @Test
    void otherShapesFallBackToTlcNormalization() {
        SetEnumValue old = normalized(List.of(msg(1, "1a"), msg(2, "1a")));
        // a different set (an element removed and another added): not old's elements as a block
        SetEnumValue other = new SetEnumValue(new Value[] {msg(3, "2a"), msg(1, "1a")}, false);
        assertSameSet(normalized(List.of(msg(1, "1a"), msg(3, "2a"))), Canon.of(other, old));
        // no parent: plain normalization
        SetEnumValue fresh = new SetEnumValue(new Value[] {msg(2, "2b"), msg(2, "1b")}, false);
        assertSameSet(normalized(List.of(msg(2, "1b"), msg(2, "2b"))), Canon.of(fresh, null));
    }

    @Test
    void functionsKeepSharedEntriesAndConvertNewOnes() {
        Value none = msg(-1, "none");
        IntervalValue dom = new IntervalValue(1, 3);
        FcnRcdValue old = new FcnRcdValue(dom, new Value[] {none, none, none});
        SetEnumValue s = normalized(List.of(msg(1, "1a")));
        FcnRcdValue oldSets = new FcnRcdValue(dom, new Value[] {s, s, s});
        // EXCEPT ![2] = s \cup {m}: the copy shares entries 1 and 3 with the parent
        Value grown = s.cup(new SetEnumValue(new Value[] {msg(0, "1a")}, false));
        FcnRcdValue next = new FcnRcdValue(dom, new Value[] {s, grown, s});
        Value c = Canon.of(next, oldSets);
        assertSame(next, c);
        assertSame(s, ((FcnRcdValue) c).values[0]);
        assertSameSet(normalized(List.of(msg(0, "1a"), msg(1, "1a"))), ((FcnRcdValue) c).values[1]);
        assertSame(old, Canon.of(old, old));
    }

    /**
     * A function on 1..n becomes the tuple of its values (TLC 2.18 applies an explicit-domain function
     * by a linear search): equal to the function, the same fingerprint, applied and EXCEPTed at the
     * right slot; a function on another domain stays as it was.
     */
    @Test
    void functionsOnOneToNBecomeTuples() {
        int n = 50;
        Value[] dom = new Value[n];
        Value[] vals = new Value[n];
        for (int i = 0; i < n; i++) {
            dom[i] = IntValue.gen(i + 1);
            vals[i] = msg(i, "2b");
        }
        FcnRcdValue f = new FcnRcdValue(dom.clone(), vals.clone(), true);
        FcnRcdValue same = new FcnRcdValue(dom.clone(), vals.clone(), true);
        Value t = Canon.of(f, null);
        assertTrue(t instanceof tlc2.value.impl.TupleValue, t.getClass().toString());
        assertTrue(t.equals(same) && same.equals(t));
        assertEquals(same.fingerPrint(7L), t.fingerPrint(7L));
        assertEquals(0, t.compareTo(same));
        assertSame(vals[9], ((tlc2.value.impl.Applicable) t).select(IntValue.gen(10)));
        Value changed = t.takeExcept(new tlc2.value.impl.ValueExcept(new Value[] {IntValue.gen(10)}, msg(99, "2b")));
        assertTrue(changed.equals(((Value) same).takeExcept(new tlc2.value.impl.ValueExcept(new Value[] {IntValue.gen(10)}, msg(99, "2b")))));
        assertEquals(msg(99, "2b"), ((tlc2.value.impl.Applicable) changed).select(IntValue.gen(10)));
        assertSame(vals[10], ((tlc2.value.impl.Applicable) changed).select(IntValue.gen(11)));

        Value[] shifted = new Value[n];
        for (int i = 0; i < n; i++) shifted[i] = IntValue.gen(i + 2);
        Value g = Canon.of(new FcnRcdValue(shifted, vals.clone(), true), null);
        assertTrue(g instanceof FcnRcdValue, "domain 2..n+1: not a sequence");
    }

    /**
     * Paired against the parent by position, also where the shape moved: a channel's Tail (old's
     * elements from the second on), and a function on 1..n built anew against the parent's tuple
     * (Zab's [a \in Server |-> ...] over msgs). Shared entries are kept, new ones made canonical.
     */
    @Test
    void tailsAndRebuiltFunctionsPairWithTheParent() {
        SetEnumValue s1 = normalized(List.of(msg(1, "1a")));
        SetEnumValue s2 = normalized(List.of(msg(2, "1a")));
        SetEnumValue s3 = normalized(List.of(msg(3, "1a")));
        tlc2.value.impl.TupleValue old = new tlc2.value.impl.TupleValue(new Value[] {s1, s2, s3});
        Value fresh = new SetEnumValue(new Value[] {msg(5, "2b"), msg(4, "2b")}, false);
        // Append(Tail(old), fresh)
        tlc2.value.impl.TupleValue tail = new tlc2.value.impl.TupleValue(new Value[] {s2, s3, fresh});
        Value c = Canon.of(tail, old);
        Value[] e = ((tlc2.value.impl.TupleValue) c).elems;
        assertSame(s2, e[0]);
        assertSame(s3, e[1]);
        assertSameSet(normalized(List.of(msg(4, "2b"), msg(5, "2b"))), e[2]);

        // [a \in 1..3 |-> IF a = 2 THEN fresh ELSE old[a]], as TLC's lambda gives it: an explicit function
        Value fresh2 = new SetEnumValue(new Value[] {msg(7, "2b"), msg(6, "2b")}, false);
        Value[] dom = {IntValue.gen(1), IntValue.gen(2), IntValue.gen(3)};
        FcnRcdValue rebuilt = new FcnRcdValue(dom, new Value[] {s1, fresh2, s3}, true);
        Value r = Canon.of(rebuilt, old);
        assertTrue(r instanceof tlc2.value.impl.TupleValue, r.getClass().toString());
        Value[] re = ((tlc2.value.impl.TupleValue) r).elems;
        assertSame(s1, re[0]);
        assertSame(s3, re[2]);
        assertSameSet(normalized(List.of(msg(6, "2b"), msg(7, "2b"))), re[1]);
        assertTrue(r.equals(new FcnRcdValue(dom, new Value[] {s1, normalized(List.of(msg(6, "2b"), msg(7, "2b"))), s3}, true)));
    }

    /** A set grown by a few elements is merged in by binary search: the same sorted set as TLC's. */
    @Test
    void fewNewElementsIntoALargeSet() {
        Random rnd = new Random(11);
        String[] types = {"1a", "1b", "2a", "2b"};
        for (int round = 0; round < 200; round++) {
            List<Value> base = new ArrayList<>();
            for (int i = 33 + rnd.nextInt(300); i > 0; i--) base.add(msg(rnd.nextInt(200), types[rnd.nextInt(4)]));
            SetEnumValue old = normalized(base);
            List<Value> add = new ArrayList<>();
            for (int i = 1 + rnd.nextInt(8); i > 0; i--) add.add(msg(rnd.nextInt(200), types[rnd.nextInt(4)]));
            List<Value> all = new ArrayList<>(base);
            all.addAll(add);
            assertSameSet(normalized(all), SetOps.union(old, normalized(add)));
        }
    }
}
