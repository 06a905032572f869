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
}
