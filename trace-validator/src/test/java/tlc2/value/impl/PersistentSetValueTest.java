package tlc2.value.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import tlc2.util.FP64;
import util.UniqueString;

/**
 * The persistent set is the same TLA+ value as TLC's normalized SetEnumValue of its elements: every
 * operation TLC applies to a set (\cup, \, \cap with sets of every size and kind, \in, =, compareTo
 * both ways, fingerprint, enumeration order, Cardinality, normalize, printing) gives the same answer,
 * on thousands of random operations over integers and over message records, with the sets of each
 * chain of operations sharing structure as a validation run's successive states do.
 */
class PersistentSetValueTest {
    private static final UniqueString[] NAMES = {UniqueString.uniqueStringOf("bal"), UniqueString.uniqueStringOf("type")};
    private static final String[] TYPES = {"1a", "1b", "2a", "2b"};

    static {
        FP64.Init(0);
    }

    private static Value msg(int bal, String type) {
        return new RecordValue(NAMES, new Value[] {IntValue.gen(bal), new StringValue(type)}, true);
    }

    private static SetEnumValue flat(List<Value> elems) {
        SetEnumValue s = new SetEnumValue(elems.toArray(new Value[0]), false);
        s.deepNormalize();
        return s;
    }

    private static List<Value> randomElems(Random rnd, IntFunction<Value> gen, int n) {
        List<Value> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(gen.apply(rnd.nextInt(4 * n + 10)));
        return l;
    }

    /** p and s are the same set in every way TLC can observe. */
    static void assertSameValue(SetEnumValue s, Value pv, String ctx) {
        assertTrue(pv instanceof PersistentSetValue, ctx + ": " + pv.getClass());
        PersistentSetValue p = (PersistentSetValue) pv;
        s.normalize();
        assertEquals(s.size(), p.size(), ctx + " size");
        ValueEnumeration e = p.elements();
        for (int i = 0; i < s.size(); i++) {
            Value v = e.nextElement();
            assertEquals(0, s.elems.elementAt(i).compareTo(v), ctx + " element " + i);
        }
        assertEquals(null, e.nextElement(), ctx + " enumeration ends");
        assertTrue(p.equals(s), ctx + " p = s");
        assertTrue(s.equals(p), ctx + " s = p");
        assertEquals(0, p.compareTo(s), ctx);
        assertEquals(0, s.compareTo(p), ctx);
        assertEquals(s.fingerPrint(FP64.New()), p.fingerPrint(FP64.New()), ctx + " fingerprint");
        assertEquals(s.hashCode(), p.hashCode(), ctx + " hash");
        assertEquals(s.toString(), p.toString(), ctx + " printed");
    }

    /** How often diff and cap took each plan in this class's runs (each must occur: every path is compared). */
    private final java.util.EnumMap<PersistentSetValue.Plan, Integer> plans = new java.util.EnumMap<>(PersistentSetValue.Plan.class);

    private void tally(Value p, Value t, boolean diff) {
        plans.merge(((PersistentSetValue) p).plan(t, diff), 1, Integer::sum);
    }

    /**
     * S \ T, T \ S, S \cap T and T \cap S for a T of one of the kinds the plans tell apart, each
     * compared with TLC's SetEnumValue on the same elements; returns one of the results (persistent)
     * to go on with, and puts its flat twin in sOut[0].
     */
    private Value againstOther(Random rnd, IntFunction<Value> gen, int range, SetEnumValue s, Value p, SetEnumValue[] sOut, String ctx) {
        int variant = rnd.nextInt(7);
        SetEnumValue t; // T as TLC's normalized SetEnumValue
        Value tp; // T as given to the persistent set
        switch (variant) {
            case 0: case 1: { // a later (or earlier) version of S: shares all but a few paths
                List<Value> add = new ArrayList<>(), del = new ArrayList<>();
                int k = rnd.nextInt(3) == 0 ? rnd.nextInt(400) : 1 + rnd.nextInt(5);
                for (int i = 0; i < k; i++) {
                    if (rnd.nextBoolean() || s.size() == 0) add.add(gen.apply(rnd.nextInt(range)));
                    else del.add(s.elems.elementAt(rnd.nextInt(s.size())));
                }
                PersistentSetValue q = (PersistentSetValue) p;
                for (Value v : add) q = q.with(v);
                for (Value v : del) q = q.without(v);
                t = (SetEnumValue) ((SetEnumValue) s.cup(flat(add))).diff(flat(del));
                tp = q;
                break;
            }
            case 2: // the same set object
                t = s;
                tp = p;
                break;
            case 3: // empty, persistent or TLC's
                t = flat(List.of());
                tp = rnd.nextBoolean() ? PersistentSetValue.EMPTY : new SetEnumValue();
                break;
            case 4: { // disjoint: elements outside the range S draws from
                List<Value> xs = new ArrayList<>();
                for (int i = rnd.nextInt(3000); i > 0; i--) xs.add(gen.apply(range + rnd.nextInt(range)));
                t = flat(xs);
                tp = rnd.nextBoolean() ? PersistentSetValue.of(flat(xs)) : t;
                break;
            }
            default: { // an unrelated set overlapping S, large or small: persistent, sorted or not
                List<Value> xs = randomElems(rnd, gen, rnd.nextInt(4) == 0 ? rnd.nextInt(20) : rnd.nextInt(4000));
                for (int i = 0; i < s.size(); i += 1 + rnd.nextInt(3)) xs.add(s.elems.elementAt(i));
                t = flat(xs);
                int form = rnd.nextInt(3);
                tp = form == 0 ? PersistentSetValue.of(flat(xs)) : form == 1 ? flat(xs) : new SetEnumValue(xs.toArray(new Value[0]), false);
            }
        }
        tally(p, tp, true);
        Value d = ((Reducible) p).diff(tp);
        SetEnumValue sd = (SetEnumValue) s.diff(t);
        assertSameValue(sd, d, ctx + " S \\ T, T variant " + variant);
        tally(p, tp, false);
        Value c = ((Reducible) p).cap(tp);
        SetEnumValue sc = (SetEnumValue) s.cap(t);
        assertSameValue(sc, c, ctx + " S \\cap T, T variant " + variant);
        if (tp instanceof PersistentSetValue) {
            tally(tp, p, true);
            assertSameValue((SetEnumValue) t.diff(s), ((Reducible) tp).diff(p), ctx + " T \\ S, T variant " + variant);
            tally(tp, p, false);
            assertSameValue((SetEnumValue) t.cap(s), ((Reducible) tp).cap(p), ctx + " T \\cap S, T variant " + variant);
        }
        boolean keepDiff = rnd.nextBoolean();
        sOut[0] = keepDiff ? sd : sc;
        return keepDiff ? d : c;
    }

    private void run(long seed, IntFunction<Value> gen) {
        Random rnd = new Random(seed);
        int ops = 0;
        for (int chain = 0; chain < 40; chain++) {
            int n0 = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextInt(3000);
            SetEnumValue s = flat(randomElems(rnd, gen, n0));
            Value p = PersistentSetValue.of(s);
            assertSameValue(s, p, "built from " + n0);
            int range = 4 * n0 + 10;
            for (int step = 0; step < 60; step++, ops++) {
                String ctx = "seed " + seed + " chain " + chain + " step " + step;
                int kind = rnd.nextInt(11);
                int k = rnd.nextInt(5) == 0 ? rnd.nextInt(400) : rnd.nextInt(4);
                List<Value> xs = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    // mostly elements of the set or near it, some new
                    xs.add(rnd.nextBoolean() && s.size() > 0 ? s.elems.elementAt(rnd.nextInt(s.size())) : gen.apply(rnd.nextInt(range)));
                }
                SetEnumValue x = new SetEnumValue(xs.toArray(new Value[0]), false); // unnormalized, as TLC builds {a, b}
                Value xp = rnd.nextBoolean() ? x : PersistentSetValue.of(flat(xs));
                SetEnumValue sNew;
                Value pNew;
                switch (kind) {
                    case 0: case 1: case 2: // \cup, both ways round
                        sNew = (SetEnumValue) s.cup(x);
                        pNew = ((Reducible) p).cup(xp);
                        assertEquals(0, sNew.compareTo(pNew), ctx + " S \\cup X");
                        if (!(pNew instanceof PersistentSetValue)) {
                            assertSame(xp, pNew, ctx + " {} \\cup X is X itself, as in TLC");
                            pNew = PersistentSetValue.of(flat(xs));
                        }
                        Value other = ((Reducible) (xp instanceof PersistentSetValue ? xp : x)).cup(p);
                        assertEquals(0, sNew.compareTo(other), ctx + " X \\cup S");
                        break;
                    case 3: case 4: // \
                        sNew = (SetEnumValue) s.diff(x);
                        pNew = ((Reducible) p).diff(xp);
                        break;
                    case 5: // \cap
                        sNew = (SetEnumValue) s.cap(x);
                        pNew = ((Reducible) p).cap(xp);
                        assertEquals(0, ((Reducible) x).cap(p).compareTo(sNew), ctx + " X \\cap S");
                        break;
                    case 6: { // membership, subset
                        for (int i = 0; i < 20; i++) {
                            Value v = rnd.nextBoolean() && s.size() > 0 ? s.elems.elementAt(rnd.nextInt(s.size())) : gen.apply(rnd.nextInt(range));
                            assertEquals(s.member(v), p.member(v), ctx + " member " + v);
                        }
                        assertEquals(s.isSubsetEq(x), ((Enumerable) p).isSubsetEq(x), ctx + " subseteq");
                        sNew = s;
                        pNew = p;
                        break;
                    }
                    case 9: case 10: { // \ and \cap with a version of S, S itself, {}, a disjoint or an unrelated set
                        SetEnumValue[] out = new SetEnumValue[1];
                        pNew = againstOther(rnd, gen, range, s, p, out, ctx);
                        sNew = out[0];
                        break;
                    }
                    default: { // comparisons with another set: equal, or one element off, built both ways
                        SetEnumValue t = (SetEnumValue) s.cup(x);
                        t.normalize();
                        Value tp = rnd.nextBoolean() ? PersistentSetValue.of(t) : ((Reducible) p).cup(xp);
                        assertEquals(Integer.signum(s.compareTo(t)), Integer.signum(p.compareTo(tp)), ctx + " compareTo");
                        assertEquals(Integer.signum(t.compareTo(s)), Integer.signum(tp.compareTo(p)), ctx + " compareTo back");
                        assertEquals(Integer.signum(s.compareTo(t)), Integer.signum(p.compareTo(t)), ctx + " compareTo flat");
                        assertEquals(s.equals(t), p.equals(tp), ctx + " equals");
                        assertEquals(s.equals(t), t.equals(p), ctx + " equals flat");
                        assertEquals(s.fingerPrint(FP64.New()) == t.fingerPrint(FP64.New()), p.fingerPrint(FP64.New()) == tp.fingerPrint(FP64.New()), ctx);
                        sNew = s;
                        pNew = p;
                    }
                }
                s = sNew;
                s.normalize();
                assertSameValue(s, pNew, ctx + " op " + kind + " with " + k);
                p = pNew;
            }
        }
        assertTrue(ops >= 2000, "ran " + ops);
    }

    @Test
    void integersBehaveAsSetEnumValue() {
        run(1, IntValue::gen);
        run(2, IntValue::gen);
        assertEveryPlanTaken();
    }

    @Test
    void messageRecordsBehaveAsSetEnumValue() {
        run(3, i -> msg(i / 4, TYPES[i % 4]));
        assertEveryPlanTaken();
    }

    private void assertEveryPlanTaken() {
        for (PersistentSetValue.Plan plan : PersistentSetValue.Plan.values()) {
            assertTrue(plans.getOrDefault(plan, 0) >= 20, "diff/cap plan " + plan + " compared " + plans.getOrDefault(plan, 0) + " times: " + plans);
        }
    }

    @Test
    void versionsShareAllButOnePath() {
        List<Value> xs = new ArrayList<>();
        for (int i = 0; i < 100_000; i += 2) xs.add(IntValue.gen(i));
        PersistentSetValue a = PersistentSetValue.of(flat(xs));
        PersistentSetValue b = a.with(IntValue.gen(501));
        assertTrue(a.depth() >= 2, "a tree, depth " + a.depth());
        assertSame(a, a.with(IntValue.gen(500)), "adding an element it has gives the set itself");
        assertSame(a, a.without(IntValue.gen(501)), "removing one it has not too");
        List<Value> onlyA = new ArrayList<>(), onlyB = new ArrayList<>();
        PersistentSetValue.difference(a, b, onlyA, onlyB);
        assertEquals(List.of(), onlyA);
        assertEquals(List.of(IntValue.gen(501)), onlyB);
        PersistentSetValue c = b.without(IntValue.gen(0)).with(IntValue.gen(99_999));
        onlyA.clear();
        onlyB.clear();
        PersistentSetValue.difference(a, c, onlyA, onlyB);
        assertEquals(List.of(IntValue.gen(0)), onlyA);
        assertEquals(List.of(IntValue.gen(501), IntValue.gen(99_999)), onlyB);
        assertFalse(a.equals(b));
        assertTrue(b.without(IntValue.gen(501)).equals(a));
    }

    @Test
    void differenceMatchesAMergeWalk() {
        Random rnd = new Random(11);
        for (int round = 0; round < 300; round++) {
            List<Value> xs = randomElems(rnd, IntValue::gen, rnd.nextInt(5000));
            PersistentSetValue a = PersistentSetValue.of(flat(xs));
            PersistentSetValue b = a;
            for (int i = rnd.nextInt(30); i > 0; i--) {
                Value v = IntValue.gen(rnd.nextInt(25_000));
                b = rnd.nextBoolean() ? b.with(v) : b.without(v);
            }
            if (rnd.nextInt(5) == 0) b = PersistentSetValue.of((SetEnumValue) b.toSetEnum()); // nothing shared
            List<Value> onlyA = new ArrayList<>(), onlyB = new ArrayList<>();
            PersistentSetValue.difference(a, b, onlyA, onlyB);
            List<Value> ea = new ArrayList<>(), eb = new ArrayList<>();
            for (ValueEnumeration e = a.elements(); ; ) {
                Value v = e.nextElement();
                if (v == null) break;
                if (!b.member(v)) ea.add(v);
            }
            for (ValueEnumeration e = b.elements(); ; ) {
                Value v = e.nextElement();
                if (v == null) break;
                if (!a.member(v)) eb.add(v);
            }
            assertEquals(ea, onlyA, "round " + round);
            assertEquals(eb, onlyB, "round " + round);
        }
    }
}
