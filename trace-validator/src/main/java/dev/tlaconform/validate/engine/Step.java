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
    /** Where logged values were bound by earlier events (set for a diagnosis), or null. */
    FastEngine.Bound earlier;
    /** --max-candidates: no search enumerates more (see {@link #bind}). */
    final long limit;

    private Step(FastEngine engine, EventKind kind, TraceReader.Event event, TraceReader reader, Value[] ctxValues,
                 JsonNode[] exJson, StatePath[] logged, JsonNode[] loggedValues, long limit) {
        this.limit = limit;
        this.engine = engine;
        this.kind = kind;
        this.event = event;
        this.reader = reader;
        this.ctxValues = ctxValues;
        this.exJson = exJson;
        this.logged = logged;
        this.loggedValues = loggedValues;
    }

    static Step prepare(FastEngine engine, EventKind k, TraceReader.Event e, TraceReader r, Set<String> unmapped, long limit)
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
        JsonNode[] ex = new JsonNode[k.quantParams.length];
        for (int i = 0; i < ex.length; i++) {
            if (k.quantOptional[i]) {
                JsonNode j = TraceReader.field(e.json(), k.quantPaths[i]);
                ex[i] = j == null || j.isNull() ? null : j;   // left out: enumerated
            } else {
                ex[i] = field(k, e, r, k.quantPaths[i], k.quantParams[i]);
            }
        }
        StatePath[] paths = engine.statePaths(k.eventAction);
        String sp = r.format().state();
        JsonNode st = sp.indexOf('.') < 0 ? e.json().get(sp) : TraceReader.field(e.json(), sp);
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
        return new Step(engine, k, e, r, ctx, ex, lp.toArray(new StatePath[0]), lv.toArray(new JsonNode[0]), limit);
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
     * Adds to out the successors of s under the site with this event's parameters bound; when
     * filter is set, only those whose logged variables equal the event's state.
     */
    void successors(ActionSite site, TLCState s, boolean filter, List<TLCState> out) throws BadTraceException {
        successors(site, s, filter, out, null);
    }

    /** As above; parents (if not null) receives s once per state added to out. */
    void successors(ActionSite site, TLCState s, boolean filter, List<TLCState> out, List<TLCState> parents)
            throws BadTraceException {
        try {
            if (site.quants.isEmpty()) {
                add(engine.tool().getNextStates(site.tlcAction, s), s, filter, out, parents);
                return;
            }
            for (Context c : bind(engine, site, kind.quantBinding.get(site), exJson, s, limit).contexts()) {
                add(engine.tool().getNextStates(new Action(site.body, c, site.opDef), s), s, filter, out, parents);
            }
        } catch (SearchLimit e) {
            throw e;
        } catch (RuntimeException e) {
            throw reader.bad(event.line(), "TLC cannot evaluate " + kind.specAction + " with this event's values: "
                    + GuardExplainer.firstLine(e.getMessage()));
        }
    }

    /**
     * The Contexts binding a site's quantifiers; when there are none, the first quantifier that found
     * no value and, when the logged value is not an element of its set, why (which field breaks it).
     */
    record Binding(List<Context> contexts, int failedQuant, String reason) {
        Binding(List<Context> contexts, int failedQuant) {
            this(contexts, failedQuant, null);
        }
    }

    /**
     * Binds the site's quantifiers in order: a logged one to the logged value when it is in the
     * quantifier's set (O(log n) membership); a logged one that is not an element of the set, even
     * as a partial log (a field its records lack, a field's value outside its set), to nothing, with
     * the reason; a partially logged one (a record with fields left out) or an unlogged one to the
     * elements that agree with what is logged, drawn from the state-level set the action requires
     * it to be in ({@code m \in msgs}, {@link ActionSite#sources}) when there is one, else from the
     * quantifier's set. No set whose enumeration would visit more than limit elements is
     * enumerated, nor more than limit bindings kept: {@link SearchLimit}.
     */
    static Binding bind(FastEngine engine, ActionSite site, int[] binding, JsonNode[] json, TLCState s, long limit) {
        List<Context> cs = List.of(site.con);
        for (int i = 0; i < site.quants.size(); i++) {
            ActionSite.Quant q = site.quants.get(i);
            List<Context> next = new ArrayList<>();
            String reason = null;
            for (Context c : cs) {
                Value set = (Value) engine.tool().eval(q.bound(), c, s);
                if (!(set instanceof Enumerable)) continue;
                JsonNode j = binding == null || binding[i] < 0 ? null : json[binding[i]];
                if (j != null) {
                    Value v = ValueCodec.toValue(j, ValueCodec.shapeOf(set));
                    boolean member;
                    try {
                        member = v != null && set.member(v);
                    } catch (RuntimeException e) {
                        member = false;
                    }
                    if (member) {
                        next.add(c.cons(q.sym(), v));
                        continue;
                    }
                    String why = SetBounds.notAnElement(j, set, "the logged value");
                    if (why != null || !j.isObject()) {
                        reason = why;
                        continue;
                    }
                }
                List<Value> xs = new ArrayList<>();
                java.util.function.Predicate<Value> agrees = j == null ? x -> true : x -> ValueCodec.matchesPartially(j, x);
                String what = "the quantifier " + q.sym().getName() + " of " + site.name
                        + (j == null ? " (not logged)" : " (logged partially: " + SetBounds.abbreviate(j.toString()) + ")");
                Value src = site.sources[i] == null ? null : (Value) engine.tool().eval(site.sources[i], c, s);
                if (src instanceof Enumerable && SetBounds.visits(src) <= limit) {
                    SetBounds.enumerate(src, limit, what, x -> agrees.test(x) && inSet(set, x), xs);
                } else {
                    SetBounds.enumerate(set, limit, what, agrees, xs);
                }
                for (Value x : xs) next.add(c.cons(q.sym(), x));
                if (next.size() > limit) {
                    throw new SearchLimit(what + " has more than --max-candidates " + limit + " possible values");
                }
            }
            if (next.isEmpty()) return new Binding(next, i, reason);
            cs = next;
        }
        return new Binding(cs, -1);
    }

    private static boolean inSet(Value set, Value x) {
        try {
            return set.member(x);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Successors of one step up to which every successor is made canonical before the filter. */
    private static final int EARLY_CANON = 8;

    private void add(StateVec ns, TLCState parent, boolean filter, List<TLCState> out, List<TLCState> parents)
            throws BadTraceException {
        for (int i = 0; i < ns.size(); i++) {
            TLCState t = ns.elementAt(i);
            if (!t.allAssigned()) {
                throw reader.bad(event.line(), "the spec's " + kind.specAction + " leaves variables unassigned: " + t.getUnassigned());
            }
            // canonical before the filter when the step has few successors (a fully logged event: one),
            // so the filter compares sorted sets that share the parent's parts (S \cup {m} is otherwise an
            // unsorted copy of S that every comparison sorts anew: O(|S| log |S|) an event); after it, only
            // the survivors, when a step has many successors the event rules out
            // (always when functions may be persistent: the filter must not read a pending EXCEPT result, which
            // TLC's toTuple gets wrong; Canon folds it, O(changes))
            boolean early = ns.size() <= EARLY_CANON || Canon.anyPersistentVars();
            if (early) Canon.state(t, parent);
            if (!filter || (mismatches(t, parent, null) == 0 && msgSent(t, parent) && failedRequire(parent, t) < 0)) {
                if (!early) Canon.state(t, parent);
                out.add(t);
                if (parents != null) parents.add(parent);
            }
        }
    }

    /**
     * How many logged keys differ in state t, the successor of parent (delta keys are compared with
     * what the step changed); stops at the first when counting is not needed.
     */
    int mismatches(TLCState t, TLCState parent, List<Value>[] specValues) throws BadTraceException {
        int n = 0;
        for (int i = 0; i < logged.length; i++) {
            Value sv = logged[i].eval(t, this);
            if (specValues != null && sv != null && !specValues[i].contains(sv)) specValues[i].add(sv);
            if (!logged[i].matches(loggedValues[i], parent, sv, this)) {
                n++;
                if (specValues == null) return n;
            }
        }
        return n;
    }

    private final java.util.Map<String, Value> indexCache = new java.util.HashMap<>(4);

    /** The event field at path as an argument of a function whose domain contains hint (cached per event). */
    Value indexValue(String[] path, String joined, Value hint) throws BadTraceException {
        Value v = indexCache.get(joined);
        if (v != null) return v;
        JsonNode j = event.json();
        for (String p : path) j = j == null ? null : j.get(p);
        if (j == null || j.isNull()) {
            throw reader.bad(event.line(), "missing field \"" + joined + "\" (the mapping reads logged state at it)");
        }
        v = ValueCodec.toValue(j, hint);
        if (v != null) indexCache.put(joined, v);
        return v;
    }

    /**
     * True unless the mapping names a variable ({@code msgIn}) that must hold the event's msg as what
     * this step sent: a message of t's set that the parent's set lacks, or, when the step left the set
     * as it was (a re-send), one of its messages. A message sent by an earlier step does not do.
     */
    boolean msgSent(TLCState t, TLCState parent) throws BadTraceException {
        if (kind.msgIn == null) return true;
        Value set = (Value) t.lookup(kind.msgIn);
        Value before = parent == null ? null : (Value) parent.lookup(kind.msgIn);
        JsonNode m = loggedMsg();
        if (m == null || m.isNull()) {
            throw reader.bad(event.line(), "missing field \"" + reader.format().msg() + "\" (the mapping checks it is in " + kind.msgIn + ")");
        }
        return Logged.sent(m, before, set);
    }

    /** The logged message (at the log format's msg path). */
    JsonNode loggedMsg() {
        String mp = reader.format().msg();
        return mp.indexOf('.') < 0 ? event.json().get(mp) : TraceReader.field(event.json(), mp);
    }

    private Value eventValue;

    /** The logged line as a TLA+ value, as the community's ndJsonDeserialize reads it (the mapping's E). */
    Value eventValue() {
        if (eventValue == null) {
            eventValue = dev.tlaconform.community.JsonValues.fromTree(event.json(), reader.file().toString(), event.line());
        }
        return eventValue;
    }

    /** The index of the first of the kind's require conditions FALSE on the step pre → post, or -1. */
    int failedRequire(TLCState pre, TLCState post) throws BadTraceException {
        for (int i = 0; i < kind.require.length; i++) {
            String origin = dev.tlaconform.validate.TraceMapping.originOf(kind.eventAction) + ".require[" + i + "]";
            Value v = evalMapping(kind.require[i], pre, post, origin);
            if (!(v instanceof tlc2.value.impl.BoolValue)) {
                throw reader.bad(event.line(), "the mapping's " + origin + " is not a boolean here: " + v);
            }
            if (!((tlc2.value.impl.BoolValue) v).val) return i;
        }
        return -1;
    }

    /** A condition of E the mapping wrote, on one state. */
    boolean holds(tla2sany.semantic.OpDefNode def, TLCState s) throws BadTraceException {
        String origin = dev.tlaconform.validate.TraceMapping.originOf(kind.eventAction) + ".until";
        Value v = evalMapping(def, s, null, origin);
        if (!(v instanceof tlc2.value.impl.BoolValue)) {
            throw reader.bad(event.line(), "the mapping's " + origin + " is not a boolean here: " + v);
        }
        return ((tlc2.value.impl.BoolValue) v).val;
    }

    /** A definition of E the mapping wrote, on a step (post null: on the state pre alone). */
    Value evalMapping(tla2sany.semantic.OpDefNode def, TLCState pre, TLCState post, String origin) throws BadTraceException {
        try {
            Context c = Context.Empty.cons(def.getParams()[0], eventValue());
            return post == null ? (Value) engine.tool().eval(def.getBody(), c, pre)
                    : (Value) engine.tool().eval(def.getBody(), c, pre, post, tlc2.tool.EvalControl.Clear);
        } catch (SearchLimit e) {
            throw e;
        } catch (RuntimeException e) {
            throw reader.bad(event.line(), "TLC cannot evaluate the mapping's " + origin + " on this line: "
                    + GuardExplainer.firstLine(e.getMessage()));
        }
    }

    /** Adds s itself (the step that changes nothing) when the event allows it and s agrees with what it logs. */
    void stutter(TLCState s, List<TLCState> out, List<TLCState> parents) throws BadTraceException {
        if (mismatches(s, s, null) == 0 && msgSent(s, s) && failedRequire(s, s) < 0) {
            out.add(s);
            parents.add(s);
        }
    }

    /** The logged state keys (for diagnostics). */
    Map.Entry<StatePath, JsonNode> loggedAt(int i) {
        return Map.entry(logged[i], loggedValues[i]);
    }
}
