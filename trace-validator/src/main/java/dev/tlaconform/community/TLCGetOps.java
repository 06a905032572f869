package dev.tlaconform.community;

import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Path;

import tla2sany.semantic.ExprOrOpArgNode;
import tlc2.TLCGlobals;
import tlc2.overrides.Evaluation;
import tlc2.overrides.TLAPlusOperator;
import tlc2.tool.AbstractChecker;
import tlc2.tool.EvalControl;
import tlc2.tool.ModelChecker;
import tlc2.tool.TLCState;
import tlc2.tool.coverage.CostModel;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;
import tlc2.util.FP64;
import tlc2.util.IdThread;
import tlc2.value.RandomEnumerableValues;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * TLC!TLCGet with the registers newer TLC releases have and 2.18 lacks ({@code "config"},
 * {@code "stats"}, {@code "generated"}, {@code "revision"}), and {@code "level"} as newer TLC
 * defines it (the level of the state being evaluated: 0 in ASSUME and the initial predicate, the
 * predecessor's in an action, the state's own in an invariant or VIEW — TLC 2.18 gives the
 * successor's VIEW its predecessor's level); every other argument as TLC 2.18's own TLCGet.
 * Also TLC!Print and TLC!PrintT, printing what TLC prints, through {@link Notes#print}.
 */
public final class TLCGetOps {
    /** The checker of the last run, kept for a POSTCONDITION evaluated after TLC returned. */
    private static volatile AbstractChecker lastChecker;
    private static final long START = System.currentTimeMillis();
    /** A level forced for evaluations outside the search (an ALIAS on counterexample step k). */
    private static final ThreadLocal<Integer> FORCED_LEVEL = new ThreadLocal<>();

    private TLCGetOps() {}

    /** Remembers the checker so TLCGet("stats") works after TLC's run (the runner's POSTCONDITION). */
    public static void rememberChecker(AbstractChecker c) {
        if (c != null) {
            lastChecker = c;
        }
    }

    static AbstractChecker checker() {
        AbstractChecker c = TLCGlobals.mainChecker;
        if (c != null) {
            lastChecker = c;
            return c;
        }
        return lastChecker;
    }

    @Evaluation(definition = "TLCGet", module = "TLC", warn = false, minLevel = 1)
    public static Value tlcGet(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0, TLCState s1, int control,
            CostModel cm) {
        Value key = tool.eval(args[0], c, s0, s1, control, cm);
        if (key instanceof StringValue) {
            switch (((StringValue) key).val.toString()) {
                case "level":
                    return IntValue.gen(level(s0, control));
                case "config":
                    return config();
                case "stats":
                    return stats();
                case "generated":
                    return IntValue.gen(clamp(generated()));
                case "revision":
                    return record(new String[] {"tag", "count", "timestamp", "date"},
                            new Value[] {new StringValue(TLCGlobals.versionOfTLC), IntValue.ValZero, IntValue.ValZero,
                                new StringValue("")});
                default:
                    break;
            }
        }
        return tlc2.module.TLC.TLCGet(key);
    }

    /** Evaluates with TLCGet("level") = level on this thread (an ALIAS on step level of a counterexample). */
    public static <T> T withLevel(int level, java.util.function.Supplier<T> evaluation) {
        Integer old = FORCED_LEVEL.get();
        FORCED_LEVEL.set(level);
        try {
            return evaluation.get();
        } finally {
            if (old == null) {
                FORCED_LEVEL.remove();
            } else {
                FORCED_LEVEL.set(old);
            }
        }
    }

    /** The level of s0 as newer TLC gives it (see the class comment). */
    static int level(TLCState s0, int control) {
        Integer forced = FORCED_LEVEL.get();
        if (forced != null) {
            return forced;
        }
        if (EvalControl.isInit(control) || s0 == null || s0 == TLCState.Empty) {
            return 0;
        }
        TLCState current = IdThread.getCurrentState();
        if (current != null && s0 != current && s0.getLevel() == TLCState.INIT_LEVEL) {
            // a successor of current whose level TLC 2.18 has not set yet (VIEW, fingerprinting)
            return current.getLevel() + 1;
        }
        return s0.getLevel();
    }

    private static Value config() {
        AbstractChecker c = checker();
        String install = "";
        try {
            install = Path.of(TLCGetOps.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException unknown) {
            // leave it empty
        }
        return record(new String[] {"mode", "depth", "deadlock", "seed", "worker", "traces", "fingerprint", "install"},
                new Value[] {
                    new StringValue(c == null && TLCGlobals.simulator != null ? "simulate" : "bfs"),
                    IntValue.gen(TLCGlobals.DFIDMax > 0 ? TLCGlobals.DFIDMax : -1),
                    deadlock(c) ? BoolValue.ValTrue : BoolValue.ValFalse,
                    new StringValue(Long.toString(RandomEnumerableValues.getSeed())),
                    IntValue.gen(TLCGlobals.getNumWorkers()),
                    IntValue.gen(-1),
                    new StringValue(Integer.toString(fingerprintIndex())),
                    new StringValue(install)});
    }

    private static Value stats() {
        AbstractChecker c = checker();
        if (c == null) {
            throw JsonValues.fail("TLCGet(\"stats\") is defined only while TLC checks a model");
        }
        return record(new String[] {"diameter", "distinct", "generated", "queue", "duration", "traces"},
                new Value[] {IntValue.gen(c.getProgress()), IntValue.gen(clamp(c.getDistinctStatesGenerated())),
                    IntValue.gen(clamp(generated())), IntValue.gen(clamp(c.getStateQueueSize())),
                    IntValue.gen(clamp((System.currentTimeMillis() - START) / 1000)), IntValue.ValZero});
    }

    private static long generated() {
        AbstractChecker c = checker();
        return c instanceof ModelChecker ? ((ModelChecker) c).getStatesGenerated() : 0;
    }

    private static boolean deadlock(AbstractChecker c) {
        if (c == null) {
            return false;
        }
        try {
            Field f = AbstractChecker.class.getDeclaredField("checkDeadlock");
            f.setAccessible(true);
            return f.getBoolean(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static int fingerprintIndex() {
        long poly = FP64.New();
        for (int i = 0; i < FP64.Polys.length; i++) {
            if (FP64.Polys[i] == poly) {
                return i;
            }
        }
        return -1;
    }

    private static int clamp(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    static Value record(String[] names, Value[] values) {
        UniqueString[] n = new UniqueString[names.length];
        for (int i = 0; i < names.length; i++) {
            n[i] = UniqueString.uniqueStringOf(names[i]);
        }
        return new RecordValue(n, values, false);
    }

    @TLAPlusOperator(identifier = "Print", module = "TLC", warn = false)
    public static Value print(Value out, Value val) {
        Notes.print(show(out) + "  " + show(val));
        return val;
    }

    @TLAPlusOperator(identifier = "PrintT", module = "TLC", warn = false)
    public static Value printT(Value out) {
        Notes.print(show(out));
        return BoolValue.ValTrue;
    }

    /** A value as TLC's Print shows it. */
    static String show(Value v) {
        Value copy = (Value) v.deepCopy();
        copy.deepNormalize();
        return tlc2.value.Values.ppr(copy.toStringUnchecked());
    }
}
