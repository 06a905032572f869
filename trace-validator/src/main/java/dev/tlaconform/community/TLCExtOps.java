package dev.tlaconform.community;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tla2sany.semantic.ExprOrOpArgNode;
import tlc2.TLCGlobals;
import tlc2.overrides.Evaluation;
import tlc2.overrides.TLAPlusOperator;
import tlc2.tool.EvalException;
import tlc2.tool.ModelChecker;
import tlc2.tool.TLCState;
import tlc2.tool.TLCStateInfo;
import tlc2.tool.coverage.CostModel;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;
import tlc2.util.FP64;
import tlc2.util.IdThread;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.Assert.TLCRuntimeException;

/** Java definitions of module {@code TLCExt} (TLCExt.tla says what each operator means). */
public final class TLCExtOps {
    /** TLCCache: per expression (its semantic node) and fingerprint of the closure, the expression's value. */
    private static final Map<ExprOrOpArgNode, Map<Long, Value>> CACHE = new ConcurrentHashMap<>();

    private TLCExtOps() {}

    @TLAPlusOperator(identifier = "AssertEq", module = "TLCExt", warn = false)
    public static Value assertEq(Value a, Value b) {
        if (a.equals(b)) {
            return BoolValue.ValTrue;
        }
        Notes.print(TLCGetOps.show(new StringValue("Assertion failed")));
        Notes.print(TLCGetOps.show(a));
        Notes.print(TLCGetOps.show(b));
        return BoolValue.ValFalse;
    }

    @Evaluation(definition = "AssertError", module = "TLCExt", warn = false, minLevel = 0)
    public static Value assertError(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0, TLCState s1,
            int control, CostModel cm) {
        try {
            tool.eval(args[1], c, s0, s1, control, cm);
        } catch (EvalException | TLCRuntimeException e) {
            Value err = tool.eval(args[0], c, s0, s1, control, cm);
            return err instanceof StringValue && ((StringValue) err).val.toString().equals(e.getMessage())
                    ? BoolValue.ValTrue : BoolValue.ValFalse;
        }
        return BoolValue.ValFalse;
    }

    @Evaluation(definition = "TLCGetOrDefault", module = "TLCExt", warn = false, minLevel = 1)
    public static Value tlcGetOrDefault(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0, TLCState s1,
            int control, CostModel cm) {
        try {
            return TLCGetOps.tlcGet(tool, new ExprOrOpArgNode[] {args[0]}, c, s0, s1, control, cm);
        } catch (EvalException | TLCRuntimeException undefined) {
            return tool.eval(args[1], c, s0, s1, control, cm);
        }
    }

    @Evaluation(definition = "TLCGetAndSet", module = "TLCExt", warn = false, minLevel = 1)
    public static synchronized Value tlcGetAndSet(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0,
            TLCState s1, int control, CostModel cm) {
        Value key = tool.eval(args[0], c, s0, s1, control, cm);
        Value old = tlcGetOrDefault(tool, new ExprOrOpArgNode[] {args[0], args[3]}, c, s0, s1, control, cm);
        Value op = tool.eval(args[1], c, s0, s1, control, cm);
        Value val = tool.eval(args[2], c, s0, s1, control, cm);
        tlc2.module.TLC.TLCSet(key, Values.apply(op, old, val));
        return old;
    }

    @Evaluation(definition = "Trace", module = "TLCExt", warn = false, minLevel = 1)
    public static Value trace(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0, TLCState s1, int control,
            CostModel cm) {
        if (s0 == null || s0 == TLCState.Empty || !s0.allAssigned()) {
            throw JsonValues.fail("TLCExt!Trace: the state is not completely specified yet");
        }
        if (!(TLCGlobals.mainChecker instanceof ModelChecker) || !TraceHistory.enabled()) {
            throw JsonValues.fail("TLCExt!Trace is defined only while tlaconform check model-checks");
        }
        ModelChecker mc = (ModelChecker) TLCGlobals.mainChecker;
        TLCState current = IdThread.getCurrentState();
        List<Value> states = new ArrayList<>();
        if (current == null) {
            states.add(new RecordValue(s0)); // an initial state
        } else {
            try {
                java.lang.reflect.Method rebuild = tlc2.tool.TLCTrace.class.getDeclaredMethod("getTrace",
                        tlc2.util.LongVec.class);
                rebuild.setAccessible(true);
                tlc2.util.LongVec chain = TraceHistory.chain(current.fingerPrint());
                IdThread.setCurrentState(null); // rebuilt states are evaluated (VIEW) at their own level
                TLCStateInfo[] path = (TLCStateInfo[]) rebuild.invoke(mc.trace, chain);
                for (TLCStateInfo i : path) {
                    states.add(new RecordValue(i.state));
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw JsonValues.fail("TLCExt!Trace: cannot rebuild the behaviour: " + e);
            } finally {
                IdThread.setCurrentState(current); // rebuilding states moves it
            }
            if (s0 != current) {
                states.add(new RecordValue(s0));
            }
        }
        return new TupleValue(states.toArray(new Value[0]));
    }

    @TLAPlusOperator(identifier = "TLCModelValue", module = "TLCExt", warn = false)
    public static synchronized Value tlcModelValue(Value name) {
        if (!(name instanceof StringValue)) {
            throw JsonValues.fail("TLCModelValue: a string is needed, not " + name);
        }
        return ModelValue.make(((StringValue) name).val.toString());
    }

    @Evaluation(definition = "TLCDefer", module = "TLCExt", warn = false, minLevel = 0)
    public static Value tlcDefer(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0, TLCState s1, int control,
            CostModel cm) {
        return BoolValue.ValTrue; // breadth-first model checking: "later or never" is never
    }

    @TLAPlusOperator(identifier = "TLCNoOp", module = "TLCExt", warn = false)
    public static Value tlcNoOp(Value v) {
        return v;
    }

    @Evaluation(definition = "TLCCache", module = "TLCExt", warn = false, minLevel = 0)
    public static Value tlcCache(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0, TLCState s1, int control,
            CostModel cm) {
        Value closure = tool.eval(args[1], c, s0, s1, control, cm);
        Map<Long, Value> m = CACHE.computeIfAbsent(args[0], k -> new ConcurrentHashMap<>());
        long fp = closure.fingerPrint(FP64.New());
        Value hit = m.get(fp);
        if (hit != null) {
            return hit;
        }
        Value v = tool.eval(args[0], c, s0, s1, control, cm);
        m.put(fp, v);
        return v;
    }

    @TLAPlusOperator(identifier = "TLCFP", module = "TLCExt", warn = false)
    public static Value tlcFP(Value v) {
        return IntValue.gen((int) v.fingerPrint(FP64.New()));
    }
}
