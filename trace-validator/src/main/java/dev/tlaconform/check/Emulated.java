package dev.tlaconform.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tlaconform.community.JsonValues;
import dev.tlaconform.community.LogOrigins;
import dev.tlaconform.community.TLCGetOps;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.OpDefNode;
import tlc2.output.EC;
import tlc2.tool.AbstractChecker;
import tlc2.tool.EvalControl;
import tlc2.tool.TLCState;
import tlc2.tool.coverage.CostModel;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.EvaluatingValue;
import tlc2.value.impl.MethodValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * What newer TLC releases do and 2.18 does not, done by the child runner around TLC's run:
 * POSTCONDITIONs evaluated once TLC has finished, the ALIAS applied to counterexample states,
 * {@code _PERIODIC} evaluated at each progress report, and, for a trace spec, how far the
 * behaviours got along the log ({@link TraceShape}, {@link TraceWatch}) and which line of which
 * file the first unmatched log entry came from ({@link LogOrigins}).
 */
final class Emulated {
    private Emulated() {}

    /** The definition of this name (of the root module or a module it extends), or null. */
    static OpDefNode definition(Tool tool, String name) {
        OpDefNode found = null;
        for (OpDefNode d : tool.getRootModule().getOpDefs()) {
            if (d.getName().toString().equals(name)) {
                found = d;
            }
        }
        return found;
    }

    /** The value of a definition without arguments in a state (TLCState.Empty for constants). */
    static Value value(Tool tool, OpDefNode d, TLCState state) {
        Object o = tool.lookup(d, Context.Empty, false);
        TLCState s = state == null ? TLCState.Empty : state;
        if (o instanceof MethodValue) {
            return ((MethodValue) o).apply(new Value[0], EvalControl.Clear);
        }
        if (o instanceof EvaluatingValue) {
            return ((EvaluatingValue) o).eval(tool, new ExprOrOpArgNode[0], Context.Empty, s, TLCState.Empty,
                    EvalControl.Clear, CostModel.DO_NOT_RECORD);
        }
        if (o instanceof Value && !(o instanceof tlc2.value.impl.LazyValue) && !(o instanceof tlc2.value.impl.OpValue)) {
            return (Value) o;
        }
        return tool.eval(d.getBody(), Context.Empty, s, TLCState.Empty, EvalControl.Clear, CostModel.DO_NOT_RECORD);
    }

    static Tool tool() {
        AbstractChecker c = tlc2.TLCGlobals.mainChecker;
        if (c == null) {
            c = lastChecker;
        }
        return c != null && c.tool instanceof Tool ? (Tool) c.tool : null;
    }

    private static volatile AbstractChecker lastChecker;

    static void remember(AbstractChecker c) {
        if (c != null) {
            lastChecker = c;
            TLCGetOps.rememberChecker(c);
        }
    }

    /**
     * Evaluates the POSTCONDITIONs after a run that found nothing; returns the exit status (a
     * violation if one is not TRUE).
     */
    static int postconditions(List<String> names, int status, EventStream events) {
        Tool tool = tool();
        if (names.isEmpty() || status != 0 || tool == null) {
            return status;
        }
        for (String name : names) {
            OpDefNode d = definition(tool, name);
            ObjectNode e;
            if (d == null) {
                e = EventStream.event(Events.ERROR);
                e.put("code", EC.TLC_CONFIG_UNDEFINED_OR_NO_OPERATOR);
                e.put("category", "config");
                e.put("message", "The POSTCONDITION " + name + " is not defined in the specification.");
                events.emit(e);
                return EC.ExitStatus.ERROR_CONFIG_PARSE;
            }
            Value v;
            try {
                v = value(tool, d, null);
            } catch (RuntimeException failed) {
                e = EventStream.event(Events.ERROR);
                e.put("code", EC.GENERAL);
                e.put("category", "eval");
                e.put("message", "Evaluating the POSTCONDITION " + name + " failed: " + failed.getMessage());
                events.emit(e);
                return EC.ExitStatus.FAILURE_SPEC_EVAL;
            }
            if (v != BoolValue.ValTrue) {
                e = EventStream.event(Events.VIOLATION);
                e.put("code", EC.GENERAL);
                e.put("kind", "postcondition");
                e.put("name", name);
                e.put("message", v instanceof BoolValue ? "The POSTCONDITION " + name + " is FALSE."
                        : "The POSTCONDITION " + name + " is not a boolean: " + v);
                events.emit(e);
                return EC.ExitStatus.VIOLATION_SAFETY;
            }
        }
        return status;
    }

    /**
     * For a trace spec: how far the behaviours got along the log, as a "trace" event. Returns
     * whether the log was matched to its end (true if this is not a trace spec).
     */
    static boolean tracePosition(TraceWatch watch, long depth, EventStream events) {
        TraceShape shape = watch.shape();
        Tool tool = tool();
        if (shape == null || tool == null) {
            return true;
        }
        OpDefNode d = definition(tool, shape.log());
        Value log;
        try {
            log = d == null ? null : value(tool, d, null);
        } catch (RuntimeException notConstant) {
            return true;
        }
        Value t = log == null ? null : log.toTuple();
        if (!(t instanceof TupleValue) || !readFromFile((TupleValue) t)) {
            return true; // not a log read by the Json module: not a trace spec
        }
        Value[] lines = ((TupleValue) t).elems;
        long reached = shape.variable() != null ? watch.maxPosition() : Math.max(watch.maxLevel(), depth);
        if (reached == Long.MIN_VALUE) {
            reached = 0;
        }
        ObjectNode e = EventStream.event(Events.TRACE);
        e.put("log", shape.log());
        e.put("position", shape.position());
        e.put("reached", reached);
        e.put("length", lines.length);
        e.put("matched", Math.max(0, Math.min(reached - 1, lines.length)));
        boolean complete = reached > lines.length;
        e.put("complete", complete);
        if (!complete && reached >= 1) {
            Value entry = lines[(int) reached - 1];
            List<LogOrigins.Origin> origins = LogOrigins.of(entry);
            String json = origins.size() == 1 ? lineText(origins.get(0)) : null;
            if (json == null) {
                try {
                    json = JsonValues.toJson(entry);
                } catch (RuntimeException unprintable) {
                    json = entry.toString();
                }
            }
            e.put("entry", json.length() > 400 ? json.substring(0, 400) + "..." : json);
            var where = e.putArray("origins");
            for (LogOrigins.Origin o : origins) {
                ObjectNode w = where.addObject();
                w.put("file", o.file());
                w.put("line", o.line());
                if (where.size() >= 5) {
                    break;
                }
            }
        }
        events.emit(e);
        return complete;
    }

    /** The text of a line of a log file (as the user wrote it), or null if it cannot be read. */
    private static String lineText(LogOrigins.Origin o) {
        try (java.util.stream.Stream<String> s = java.nio.file.Files.lines(java.nio.file.Path.of(o.file()))) {
            return s.skip(o.line() - 1L).findFirst().map(String::strip).orElse(null);
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static boolean readFromFile(TupleValue log) {
        for (Value v : log.elems) {
            if (LogOrigins.isLogValue(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ALIAS of a counterexample state (step k of the behaviour, so TLCGet("level") = k), as
     * the values to show instead of the variables; null if it cannot be evaluated.
     */
    static Map<String, JsonNode> alias(String name, TLCState state, int step) {
        Tool tool = tool();
        if (name == null || tool == null || state == null) {
            return null;
        }
        OpDefNode d = definition(tool, name);
        if (d == null) {
            return null;
        }
        Value v;
        try {
            v = TLCGetOps.withLevel(step, () -> value(tool, d, state));
        } catch (RuntimeException failed) {
            return null;
        }
        Value r = v.toRcd();
        if (!(r instanceof RecordValue)) {
            return null;
        }
        RecordValue rec = (RecordValue) r;
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < rec.names.length; i++) {
            out.put(rec.names[i].toString(), TlcValues.toJson(rec.values[i]));
        }
        return out;
    }

    /** Evaluates {@code _PERIODIC} if the spec defines it (for its side effects: Print, TLCSet, files). */
    static void periodic(EventStream events) {
        Tool tool = tool();
        if (tool == null) {
            return;
        }
        OpDefNode d = definition(tool, "_PERIODIC");
        if (d == null) {
            return;
        }
        try {
            value(tool, d, null);
        } catch (RuntimeException failed) {
            ObjectNode e = EventStream.event(Events.NOTE);
            e.put("message", "_PERIODIC could not be evaluated: " + failed.getMessage());
            events.emit(e);
        }
    }
}
