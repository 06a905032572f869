package tlc2.value.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tla2sany.semantic.OpDeclNode;
import tlc2.module.Sequences;
import tlc2.tool.EvalControl;
import tlc2.tool.TLCState;
import tlc2.tool.TLCStateMut;
import tlc2.util.FP64;
import util.UniqueString;

/**
 * A persistent function (a lambda over {@link PersistentFcn}) is the same TLA+ value as TLC's own
 * tuple and explicit-domain function of the same entries: application, TLC's EXCEPT (chains of
 * them, nested paths into record entries, several at one argument) before and after the engine's
 * fold, = and compareTo both ways, fingerprint, hashCode, printing, DOMAIN, and as a sequence (Len,
 * Append, SubSeq, Head by TLC's Sequences), on random chains of versions that share structure as a
 * validation run's successive states do; and the vector operations the engine uses (difference,
 * forEachNot, resetUpTo) against the definition on the arrays.
 */
class PersistentFcnTest {
    private static final UniqueString[] NAMES = {UniqueString.uniqueStringOf("mbal"), UniqueString.uniqueStringOf("mval")};

    static {
        FP64.Init(0);
        if (TLCState.Empty == null) TLCStateMut.setVariables(new OpDeclNode[0]);
    }

    private static Value entry(Random rnd, Value none) {
        switch (rnd.nextInt(4)) {
            case 0: return none;
            case 1: return IntValue.gen(rnd.nextInt(5));
            default: return new RecordValue(NAMES, new Value[] {IntValue.gen(rnd.nextInt(3)), new StringValue("v" + rnd.nextInt(3))}, true);
        }
    }

    private static FcnRcdValue explicit(Value[] vals) {
        Value[] dom = new Value[vals.length];
        for (int i = 0; i < dom.length; i++) dom[i] = IntValue.gen(i + 1);
        return new FcnRcdValue(dom, vals.clone(), true);
    }

    /** lam (a lambda over a persistent vector, possibly with pending EXCEPTs) is the function with entries vals. */
    private static void assertSameFunction(Value[] vals, FcnLambdaValue lam, String ctx) {
        TupleValue t = new TupleValue(vals.clone());
        FcnRcdValue f = explicit(vals);
        for (int i = 0; i < vals.length; i++) {
            assertEquals(0, vals[i].compareTo(lam.apply(IntValue.gen(i + 1), EvalControl.Clear)), ctx + " apply " + (i + 1));
            assertEquals(0, vals[i].compareTo(lam.select(IntValue.gen(i + 1))), ctx + " select " + (i + 1));
        }
        assertEquals(null, lam.select(IntValue.gen(vals.length + 1)), ctx + " outside the domain");
        assertTrue(lam.getDomain().equals(t.getDomain()), ctx + " DOMAIN");
        assertEquals(vals.length, lam.size(), ctx + " size");
        assertTrue(lam.equals(t), ctx + " lam = tuple");
        assertTrue(lam.equals(f), ctx + " lam = fcn");
        assertTrue(f.equals(lam), ctx + " fcn = lam");
        assertEquals(0, lam.compareTo(t), ctx + " compareTo tuple");
        assertEquals(0, f.compareTo(lam), ctx + " fcn compareTo lam");
        assertEquals(t.fingerPrint(FP64.New()), lam.fingerPrint(FP64.New()), ctx + " fingerprint");
        assertEquals(t.hashCode(), lam.hashCode(), ctx + " hashCode");
        assertEquals(t.toString(), lam.toString(), ctx + " printed");
        PersistentFcn.sweep();
    }

    /** A canonical lambda (no pending EXCEPTs) also as TLC's tuple code sees it: tuple = lam, order, Sequences. */
    private static void assertSameSequence(Value[] vals, FcnLambdaValue lam, String ctx) {
        TupleValue t = new TupleValue(vals.clone());
        assertTrue(t.equals(lam), ctx + " tuple = lam");
        assertEquals(0, t.compareTo(lam), ctx + " tuple compareTo lam");
        assertEquals(vals.length, Sequences.Len(lam).val, ctx + " Len");
        assertTrue(Sequences.Append(t, IntValue.gen(7)).equals(Sequences.Append(lam, IntValue.gen(7))), ctx + " Append");
        assertTrue(Sequences.Head(t).equals(Sequences.Head(lam)), ctx + " Head");
        int lo = 1 + vals.length / 3, hi = Math.max(lo - 1, vals.length - 2);
        assertTrue(Sequences.SubSeq(t, IntValue.gen(lo), IntValue.gen(hi)).equals(Sequences.SubSeq(lam, IntValue.gen(lo), IntValue.gen(hi))), ctx + " SubSeq");
        TupleValue other = new TupleValue(vals.clone());
        Value last = vals[vals.length - 1];
        other.elems[vals.length - 1] = last instanceof IntValue ? IntValue.gen(99) : last instanceof StringValue ? new StringValue("zz")
                : new RecordValue(NAMES, new Value[] {IntValue.gen(99), new StringValue("v")}, true); // another value of the same kind
        assertEquals(Integer.signum(t.compareTo(other)), Integer.signum(lam.compareTo(other)), ctx + " compareTo another");
        assertEquals(Integer.signum(other.compareTo(t)), Integer.signum(other.compareTo(lam)), ctx + " another compareTo lam");
        assertEquals(false, lam.equals(other), ctx + " lam # another");
        PersistentFcn.sweep();
    }

    /** A copy of a lambda with pending EXCEPTs whose ValueExcepts are its own. */
    private static FcnLambdaValue pendingCopy(FcnLambdaValue lam) {
        FcnLambdaValue c = new FcnLambdaValue(lam);
        c.excepts = new ValueExcept[lam.excepts.length];
        for (int i = 0; i < c.excepts.length; i++) c.excepts[i] = new ValueExcept(lam.excepts[i], lam.excepts[i].idx);
        return c;
    }

    @Test
    void agreesWithTlcsTuplesAndFunctions() {
        for (long seed = 1; seed <= 3; seed++) {
            Random rnd = new Random(seed);
            Value none = new StringValue("");
            for (int chain = 0; chain < 12; chain++) {
                int n = 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(40) : rnd.nextInt(2200));
                Value[] vals = new Value[n];
                for (int i = 0; i < n; i++) vals[i] = rnd.nextInt(3) == 0 ? entry(rnd, none) : none;
                PersistentFcn p = PersistentFcn.of(vals);
                FcnLambdaValue lam = p.owner();
                String base = "seed " + seed + " chain " + chain + " n " + n;
                assertSameFunction(vals, lam, base + " built");
                assertSameSequence(vals, lam, base + " built");
                for (int step = 0; step < 25; step++) {
                    String ctx = base + " step " + step;
                    int k = 1 + rnd.nextInt(rnd.nextInt(6) == 0 ? 40 : 3);
                    for (int e = 0; e < k; e++) {
                        int i = rnd.nextInt(n);
                        if (vals[i] instanceof RecordValue && rnd.nextBoolean()) {
                            // a nested path: [f EXCEPT ![i].mbal = x]
                            Value x = IntValue.gen(rnd.nextInt(9));
                            ValueExcept ex = new ValueExcept(new Value[] {IntValue.gen(i + 1), new StringValue(NAMES[0])}, x);
                            vals[i] = vals[i].takeExcept(new ValueExcept(ex, 1));
                            lam = (FcnLambdaValue) lam.takeExcept(ex);
                        } else {
                            Value x = entry(rnd, none);
                            vals[i] = x;
                            lam = (FcnLambdaValue) lam.takeExcept(new ValueExcept(new Value[] {IntValue.gen(i + 1)}, x));
                        }
                    }
                    assertNotNull(lam.excepts, ctx);
                    for (int i = 0; i < n; i++) {
                        assertEquals(0, vals[i].compareTo(lam.apply(IntValue.gen(i + 1), EvalControl.Clear)), ctx + " pending, apply " + (i + 1));
                    }
                    // TLC's materialisation advances the EXCEPTs' idx in place: checked on a copy with its own
                    assertSameFunction(vals, pendingCopy(lam), ctx + " pending");
                    // the engine's fold, then the new canonical lambda
                    PersistentFcn.Update u = p.fold(lam);
                    PersistentFcn q = p.with(u.at, u.vals);
                    int[] changed = PersistentFcn.difference(p, q);
                    for (int c : changed) assertTrue(Arrays.binarySearch(u.at, c) >= 0, ctx + " difference within the folded positions");
                    Value[] before = p.toArray();
                    for (int i = 0; i < n; i++) {
                        assertEquals(Arrays.binarySearch(changed, i) >= 0, before[i] != q.get(i), ctx + " difference at " + i);
                    }
                    p = q;
                    lam = p.owner();
                    assertSameFunction(vals, lam, ctx + " folded");
                    assertSameSequence(vals, lam, ctx + " folded");
                    if (rnd.nextInt(5) == 0) {
                        int upTo = rnd.nextInt(n + 3) - 1;
                        PersistentFcn r = p.resetUpTo(upTo, none);
                        for (int i = 0; i < Math.min(Math.max(upTo, 0), n); i++) vals[i] = none;
                        assertSameFunction(vals, r.owner(), ctx + " reset up to " + upTo);
                        p = r;
                        lam = p.owner();
                    }
                    List<Integer> not = new ArrayList<>();
                    p.forEachNot(none, not::add);
                    List<Integer> want = new ArrayList<>();
                    for (int i = 0; i < n; i++) if (vals[i] != none) want.add(i);
                    assertEquals(want, not, ctx + " forEachNot");
                }
            }
        }
    }

    @Test
    void sweepDropsTheCachedMaterialisation() {
        Value[] vals = new Value[100];
        Arrays.fill(vals, IntValue.gen(0));
        FcnLambdaValue lam = PersistentFcn.of(vals).owner();
        assertTrue(lam.equals(new TupleValue(vals.clone())));
        assertNotNull(lam.fcnRcd, "TLC cached the materialised function");
        PersistentFcn.sweep();
        assertEquals(null, lam.fcnRcd);
        assertSame(lam, PersistentFcn.of((Value) lam).owner());
    }
}
