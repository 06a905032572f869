package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.ValidationResult.Failure;
import java.util.ArrayList;
import java.util.List;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.util.Context;
import tlc2.value.impl.Value;

/**
 * Explains a rejected event: over the candidate states just before it (the first 64) and the
 * event's action instances, finds the nearest candidate — one where the action is enabled but
 * some logged variables differ from every successor (nearest: fewest such variables), else one
 * where the logged message is not in the set the action draws it from, else one where the action
 * is not enabled, naming the first FALSE conjunct of its guard.
 */
final class Diagnoser {
    private static final int MAX_CANDIDATES_EXAMINED = 64;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final FastEngine engine;
    private final GuardExplainer explainer;

    Diagnoser(FastEngine engine, GuardExplainer explainer) {
        this.engine = engine;
        this.explainer = explainer;
    }

    Failure diagnose(Step step, List<ActionSite> acts, List<TLCState> cands) throws BadTraceException {
        EventKind k = step.kind;
        String action = step.event.action();
        if (acts == null && k.stutter) acts = List.of();
        if (acts == null) {
            ObjectNode d = F.objectNode();
            d.put("kind", "no-action-instance");
            ObjectNode params = d.putObject("params");
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < k.ctxParams.length; i++) {
                params.set(k.ctxParams[i], ValueCodec.toJson(step.ctxValues[i]));
                if (!k.paramValues.get(k.ctxParams[i]).contains(step.ctxValues[i].toString())) {
                    java.util.TreeSet<String> vals = k.paramValues.get(k.ctxParams[i]);
                    String among = vals.size() <= 10 ? vals.toString()
                            : "[" + String.join(", ", new ArrayList<>(vals).subList(0, 10)) + ", ... (" + vals.size() + " in all)]";
                    why.append(" ").append(k.ctxParams[i]).append(" = ").append(step.ctxValues[i])
                            .append(" (the logged ").append(k.ctxPaths[i]).append(")")
                            .append(" is not among ").append(among);
                }
            }
            if (k.ctxParams.length == 0) {
                why.append(" Next has none for these constants");
            } else if (why.length() == 0) {   // each value occurs, but not together
                for (int i = 0; i < k.ctxParams.length; i++) {
                    why.append(i == 0 ? " " : ", ").append(k.ctxParams[i]).append(" = ").append(step.ctxValues[i])
                            .append(" (the logged ").append(k.ctxPaths[i]).append(")");
                }
                why.append(" together");
            }
            return failure(step, cands, "the spec has no instance of " + k.specAction + " for these parameters:" + why, d);
        }
        Best best = null;
        int examined = 0;
        for (TLCState s : cands) {
            if (examined++ >= MAX_CANDIDATES_EXAMINED) break;
            for (ActionSite a : acts) {
                Best b = examine(step, a, s);
                if (best == null || b.score < best.score) best = b;
                if (best.score == 1) break;
            }
            if (k.stutter) {
                Best b = examineStutter(step, s);
                if (best == null || b.score < best.score) best = b;
            }
        }
        return failure(step, cands, best.summary, best.details);
    }

    private record Best(double score, String summary, ObjectNode details) {}

    private Best examine(Step step, ActionSite a, TLCState s) throws BadTraceException {
        EventKind k = step.kind;
        SemanticNode pred = a.body;
        Context con = a.con;
        if (!a.quants.isEmpty()) {
            Step.Binding b;
            try {
                b = Step.bind(engine, a, k.quantBinding.get(a), step.exJson, s, step.limit);
            } catch (SearchLimit e) {
                throw e;
            } catch (RuntimeException e) {
                b = new Step.Binding(List.of(), 0);
            }
            if (b.contexts().isEmpty()) {
                ActionSite.Quant q = a.quants.get(b.failedQuant());
                int pi = k.quantBinding.get(a)[b.failedQuant()];
                ObjectNode d = F.objectNode();
                d.put("kind", "message-not-found");
                d.put("action", k.specAction);
                d.put("param", q.sym().getName().toString());
                d.put("set", explainer.text(q.bound()));
                d.put("location", GuardExplainer.where(q.bound()));
                String what;
                if (pi >= 0 && step.exJson[pi] != null) {
                    d.set("logged", step.exJson[pi]);
                    what = "the logged " + k.quantPaths[pi] + " " + step.exJson[pi] + " is not in " + explainer.text(q.bound());
                    if (b.reason() != null) {
                        String why = b.reason().replace("the logged value", k.quantPaths[pi]);
                        d.put("reason", why);
                        what += ": " + why;
                    } else {
                        what += nearest(k.quantPaths[pi], step.exJson[pi], q, con, s, d);
                    }
                    String was = step.earlier == null ? null : step.earlier.of(step.exJson[pi]);
                    if (was != null) {
                        d.put("boundBefore", was);
                        what += "; the same " + k.quantPaths[pi] + " was taken by the event at " + was;
                    }
                } else {
                    what = "the set " + explainer.text(q.bound()) + " is empty";
                }
                return new Best(3, what + " (the set " + k.specAction + " draws " + q.sym().getName() + " from, "
                        + GuardExplainer.where(q.bound()) + ")", d);
            }
            con = b.contexts().get(0);
        }
        List<TLCState> succ = new ArrayList<>();
        step.successors(a, s, false, succ);
        if (succ.isEmpty()) {
            GuardExplainer.FalseConjunct f = explainer.firstFalse(pred, con, s);
            ObjectNode d = F.objectNode();
            d.put("kind", "not-enabled");
            d.put("action", k.specAction);
            d.put("conjunct", f == null ? null : f.text());
            d.put("location", f == null ? a.location() : f.location());
            d.set("candidate", FastEngine.stateJson(s));
            String sum = k.specAction + " is not enabled: "
                    + (f == null ? "no top-level conjunct of its guard is FALSE, yet it has no successor (" + a.location() + ")"
                                 : "conjunct " + f.text() + " is FALSE (" + f.location() + ")" + loggedFields(step, f.text()));
            return new Best(2, sum, d);
        }
        @SuppressWarnings("unchecked")
        List<Value>[] specValues = new List[step.logged.length];
        for (int i = 0; i < specValues.length; i++) specValues[i] = new ArrayList<>();
        int[] diff = new int[step.logged.length];
        for (TLCState t : succ) {
            for (int i = 0; i < step.logged.length; i++) {
                StatePath p = step.logged[i];
                Value sv = p.eval(t, step);
                if (sv != null && !specValues[i].contains(sv)) specValues[i].add(sv);
                if (p.delta ? Delta.matches(step.loggedValues[i], p.eval(s, step), sv)
                        : p.absent == null ? ValueCodec.equalsLogged(step.loggedValues[i], sv)
                        : ValueCodec.equalsSparse(step.loggedValues[i], sv, p.absent)) diff[i]++;
            }
        }
        ObjectNode d = F.objectNode();
        d.put("kind", "state-mismatch");
        d.put("action", k.specAction);
        ArrayNode vars = d.putArray("variables");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < step.logged.length; i++) {
            if (diff[i] > 0) continue;
            ObjectNode v = vars.addObject();
            v.put("key", step.logged[i].key);
            v.put("spec", step.logged[i].spec);
            v.set("logged", step.loggedValues[i]);
            ArrayNode sv = v.putArray("specValues");
            for (Value x : specValues[i]) {
                StatePath p = step.logged[i];
                sv.add(p.delta ? Delta.toJson(p.eval(s, step), x)
                        : p.absent == null ? ValueCodec.toJson(x) : ValueCodec.toJsonSparse(x, p.absent));
            }
            names.add(step.logged[i].key);
        }
        if (names.isEmpty()) {
            boolean sent = false;
            for (TLCState t : succ) sent |= step.msgSent(t, s);
            if (!sent) {
                d.put("kind", "message-not-sent");
                d.put("set", k.msgIn.toString());
                d.set("logged", step.loggedMsg());
                return new Best(1, "the logged msg " + step.loggedMsg() + " is not a message "
                        + k.specAction + " sends (one it adds to " + k.msgIn + ", or re-sends)", d);
            }
            Best req = requireFailure(step, s, succ, d);
            if (req != null) return req;
            // each key matches some successor, but no single successor matches them all
            names.add("(no single successor matches all logged keys together)");
        }
        return new Best(1 + vars.size() / 1000.0, "the logged state differs from every successor of " + k.specAction
                + " in " + String.join(", ", names), d);
    }

    /**
     * The mapping's require condition FALSE on every step from s that agrees with the logged keys
     * (the first such condition), as a diagnosis; null if none is.
     */
    private Best requireFailure(Step step, TLCState s, List<TLCState> succ, ObjectNode d) throws BadTraceException {
        EventKind k = step.kind;
        if (k.require.length == 0) return null;
        int[] falseFor = new int[k.require.length];
        int agreeing = 0;
        for (TLCState t : succ) {
            if (step.mismatches(t, s, null) > 0 || !step.msgSent(t, s)) continue;
            agreeing++;
            int i = step.failedRequire(s, t);
            if (i < 0) return null;
            falseFor[i]++;
        }
        if (agreeing == 0) return null;
        int worst = 0;
        for (int i = 1; i < falseFor.length; i++) if (falseFor[i] > falseFor[worst]) worst = i;
        String origin = dev.tlaconform.validate.TraceMapping.originOf(k.eventAction) + ".require[" + worst + "]";
        d.put("kind", "require");
        d.put("condition", origin);
        d.put("text", k.requireText[worst]);
        d.set("candidate", FastEngine.stateJson(s));
        return new Best(1.5, "the mapping's condition " + origin + " (" + k.requireText[worst] + ") is FALSE after every step of "
                + (k.stutter && succ.size() == 1 && succ.get(0) == s ? "UNCHANGED" : k.specAction) + " that agrees with the logged state", d);
    }

    /** For a stutter step (no spec action): why the candidate s itself does not match the event. */
    Best examineStutter(Step step, TLCState s) throws BadTraceException {
        List<TLCState> self = List.of(s);
        ObjectNode d = F.objectNode();
        Best r = requireFailure(step, s, self, d);
        if (r != null) return r;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < step.logged.length; i++) {
            if (!step.logged[i].matches(step.loggedValues[i], s, step.logged[i].eval(s, step), step)) names.add(step.logged[i].key);
        }
        d.put("kind", "state-mismatch");
        d.put("action", dev.tlaconform.validate.TraceMapping.STUTTER);
        d.set("candidate", FastEngine.stateJson(s));
        return new Best(1, "the logged state differs from the state before the line (a step that changes nothing) in "
                + (names.isEmpty() ? "the message" : String.join(", ", names)), d);
    }

    /**
     * For a logged record not in a small set of records: the fields in which it differs from the
     * nearest member ("; it differs from the spec's in msg.from: logged 1, spec 2"), else "".
     */
    private String nearest(String path, com.fasterxml.jackson.databind.JsonNode j, ActionSite.Quant q, Context con, TLCState s,
                           ObjectNode d) {
        if (j == null || !j.isObject()) return "";
        Value set;
        try {
            set = (Value) engine.tool().eval(q.bound(), con, s);
        } catch (RuntimeException e) {
            return "";
        }
        // counted from the set's structure: TLC's size() overflows (throws) on sets like [1..6 -> Votes]
        if (!(set instanceof tlc2.value.impl.Enumerable) || SetBounds.visits(set) > 64) return "";
        List<String> best = null;
        tlc2.value.impl.ValueEnumeration en = ((tlc2.value.impl.Enumerable) set).elements();
        for (Value x; (x = en.nextElement()) != null; ) {
            if (!(x instanceof tlc2.value.impl.RecordValue)) return "";
            List<String> diff = new ArrayList<>();
            for (java.util.Iterator<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = j.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = it.next();
                Value fv = ValueCodec.fieldOf((tlc2.value.impl.RecordValue) x, util.UniqueString.uniqueStringOf(f.getKey()));
                if (fv == null) diff.add(path + "." + f.getKey() + " (not a field of the spec's record)");
                else if (!ValueCodec.matchesPartially(f.getValue(), fv)) {
                    diff.add(path + "." + f.getKey() + ": logged " + f.getValue() + ", spec " + ValueCodec.toJson(fv));
                }
            }
            if (best == null || diff.size() < best.size()) best = diff;
        }
        if (best == null || best.isEmpty()) return "";
        ArrayNode a = d.putArray("differs");
        best.forEach(a::add);
        return "; it differs from the nearest spec value in " + String.join(", ", best);
    }

    /** The logged fields the parameters named in a conjunct were bound from: "; p is the logged msg.from 3". */
    static String loggedFields(Step step, String text) {
        EventKind k = step.kind;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < k.ctxParams.length; i++) {
            if (names(text, k.ctxParams[i])) {
                b.append(b.length() == 0 ? "; " : ", ").append(k.ctxParams[i]).append(" is the logged ").append(k.ctxPaths[i])
                        .append(' ').append(ValueCodec.toJson(step.ctxValues[i]));
            }
        }
        for (int i = 0; i < k.quantParams.length; i++) {
            if (step.exJson[i] != null && names(text, k.quantParams[i])) {
                b.append(b.length() == 0 ? "; " : ", ").append(k.quantParams[i]).append(" is the logged ").append(k.quantPaths[i])
                        .append(' ').append(step.exJson[i]);
            }
        }
        return b.toString();
    }

    private static boolean names(String text, String ident) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(ident) + "(?![A-Za-z0-9_])")
                .matcher(text).find();
    }

    private Failure failure(Step step, List<TLCState> cands, String summary, ObjectNode d) {
        return new Failure(step.event.line(), step.event.json(), step.event.action(), cands.size(), summary, d);
    }
}
