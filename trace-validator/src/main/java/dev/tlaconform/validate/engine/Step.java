package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.TraceReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.util.Context;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;

/**
 * One event prepared against its {@link EventKind}: the parameter values it binds and the logged
 * state it constrains; generates the successors of a candidate state under one action instance.
 */
final class Step {
    final FastEngine engine;
    final EventKind kind;
    final TraceReader.Event event;
    final TraceReader reader;
    final Value[] ctxValues;
    final JsonNode[] exJson;
    /** Logged state keys that the mapping maps, with their logged values. */
    final StatePath[] logged;
    final JsonNode[] loggedValues;

    private Step(FastEngine engine, EventKind kind, TraceReader.Event event, TraceReader reader, Value[] ctxValues,
                 JsonNode[] exJson, StatePath[] logged, JsonNode[] loggedValues) {
        this.engine = engine;
        this.kind = kind;
        this.event = event;
        this.reader = reader;
        this.ctxValues = ctxValues;
        this.exJson = exJson;
        this.logged = logged;
        this.loggedValues = loggedValues;
    }

    static Step prepare(FastEngine engine, EventKind k, TraceReader.Event e, TraceReader r, Set<String> unmapped)
            throws BadTraceException {
        Value[] ctx = new Value[k.ctxParams.length];
        for (int i = 0; i < ctx.length; i++) {
            JsonNode j = field(k, e, r, k.ctxPaths[i], k.ctxParams[i]);
            ctx[i] = ValueCodec.toValue(j, k.ctxHints[i]);
            if (ctx[i] == null) {
                throw r.bad(e.line(), "field \"" + k.ctxPaths[i] + "\" is " + j + ", but parameter " + k.ctxParams[i]
                        + " of " + k.specAction + " takes values like " + k.ctxHints[i]);
            }
        }
        JsonNode[] ex = new JsonNode[k.exParams.length];
        for (int i = 0; i < ex.length; i++) ex[i] = field(k, e, r, k.exPaths[i], k.exParams[i]);
        StatePath[] paths = engine.statePaths(e.action());
        JsonNode st = e.json().get("state");
        List<StatePath> lp = new ArrayList<>();
        List<JsonNode> lv = new ArrayList<>();
        if (st != null && st.isObject()) {
            for (StatePath p : paths) {
                JsonNode v = st.get(p.key);
                if (v != null) {
                    lp.add(p);
                    lv.add(v);
                }
            }
            if (lp.size() < st.size()) {
                for (Iterator<String> it = st.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    boolean mapped = false;
                    for (StatePath p : paths) mapped |= p.key.equals(key);
                    if (!mapped) unmapped.add(key);
                }
            }
        }
        return new Step(engine, k, e, r, ctx, ex, lp.toArray(new StatePath[0]), lv.toArray(new JsonNode[0]));
    }

    private static JsonNode field(EventKind k, TraceReader.Event e, TraceReader r, String path, String param)
            throws BadTraceException {
        JsonNode j = TraceReader.field(e.json(), path);
        if (j == null || j.isNull()) {
            throw r.bad(e.line(), "missing field \"" + path + "\" (it binds parameter " + param + " of " + k.specAction + ")");
        }
        return j;
    }

    /**
     * Adds to out the successors of s under instance a with this event's parameters bound; when
     * filter is set, only those whose logged variables equal the event's state.
     */
    void successors(Action a, TLCState s, boolean filter, List<TLCState> out) throws BadTraceException {
        EventKind.Exists[] ex = kind.exists.get(a);
        try {
            if (ex.length == 0) {
                add(engine.tool().getNextStates(a, s), filter, out);
                return;
            }
            for (Context c : bindings(a, s)) {
                Action bound = new Action(ex[ex.length - 1].body(), c, a.getOpDef());
                add(engine.tool().getNextStates(bound, s), filter, out);
            }
        } catch (RuntimeException e) {
            throw reader.bad(event.line(), "TLC cannot evaluate " + kind.specAction + " with this event's values: "
                    + GuardExplainer.firstLine(e.getMessage()));
        }
    }

    /**
     * The Contexts binding the action's top-level \E parameters to the logged values: the logged
     * value itself when it is in the quantifier's set (O(log n) membership), else every element
     * of the set that agrees with all the fields it logs (a partially logged message).
     */
    List<Context> bindings(Action a, TLCState s) {
        EventKind.Exists[] ex = kind.exists.get(a);
        List<Context> cs = List.of(a.con);
        for (int i = 0; i < ex.length; i++) {
            List<Context> next = new ArrayList<>();
            for (Context c : cs) {
                Value set = (Value) engine.tool().eval(ex[i].bound(), c, s);
                if (!(set instanceof Enumerable)) continue;
                Value v = ValueCodec.toValue(exJson[i], ValueCodec.firstElement((Enumerable) set));
                if (v != null && set.member(v)) {
                    next.add(c.cons(ex[i].symbol(), v));
                } else if (exJson[i].isObject()) {
                    ValueEnumeration en = ((Enumerable) set).elements();
                    for (Value x; (x = en.nextElement()) != null; ) {
                        if (ValueCodec.matchesPartially(exJson[i], x)) next.add(c.cons(ex[i].symbol(), x));
                    }
                }
            }
            cs = next;
        }
        return cs;
    }

    private void add(StateVec ns, boolean filter, List<TLCState> out) throws BadTraceException {
        for (int i = 0; i < ns.size(); i++) {
            TLCState t = ns.elementAt(i);
            if (!t.allAssigned()) {
                throw reader.bad(event.line(), "the spec's " + kind.specAction + " leaves variables unassigned: " + t.getUnassigned());
            }
            if (!filter || mismatches(t, null) == 0) out.add(t);
        }
    }

    /** How many logged keys differ in state t; records the spec values per key when specValues is given. */
    int mismatches(TLCState t, List<Value>[] specValues) throws BadTraceException {
        int n = 0;
        for (int i = 0; i < logged.length; i++) {
            Value sv = logged[i].eval(t, event.json(), reader, event.line());
            if (specValues != null && sv != null && !specValues[i].contains(sv)) specValues[i].add(sv);
            Value lv = sv == null ? null : ValueCodec.toValue(loggedValues[i], sv);
            boolean eq;
            try {
                eq = lv != null && lv.equals(sv);
            } catch (RuntimeException e) {
                eq = false;
            }
            if (!eq) {
                n++;
                if (specValues == null) return n;
            }
        }
        return n;
    }

    /** The logged state keys (for diagnostics). */
    Map.Entry<StatePath, JsonNode> loggedAt(int i) {
        return Map.entry(logged[i], loggedValues[i]);
    }
}
