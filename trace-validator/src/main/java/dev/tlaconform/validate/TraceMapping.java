package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The mapping from a protocol's trace events to its TLA+ spec: the file {@code trace-mapping.json}
 * beside the spec (format in docs/validate.md). It names the spec module, how header constants
 * become spec constants, which spec action each event {@code action} names and how the action's
 * parameters bind from event fields, how the logged {@code state} keys map to spec variables, and
 * which spec actions may happen without being logged ("silent").
 *
 * @param spec          the protocol module the fast engine loads (e.g. {@code Paxos})
 * @param traceSpec     the trace-validation module TLC checks with {@code --engine tlc}
 * @param init          the initial predicate of {@code spec}
 * @param next          the next-state relation of {@code spec}
 * @param invariants    invariants checked on every candidate state
 * @param invariantForms invariant → an equivalent definition the fast engine checks in its place
 *                      (a trace-time form; the spec must show the equivalence, docs/validate.md)
 * @param invariantSteps invariant → its step form: an action-level definition the fast engine evaluates on a
 *                      step's pre- and post-state in place of the (trace-time form of the) invariant on the
 *                      post-state, when the pre-state satisfied it; the spec must show {@code Inv => (Inv' <=> Step)}
 *                      on every step, and each top-level conjunct TRUE on steps that leave the variables it reads
 *                      unchanged (docs/validate.md, "Invariants' step forms")
 * @param constants     spec constant → header constant name, or a JSON literal ({"value": ...})
 * @param nodes         the header constant naming the nodes (an int n means 1..n, an array its elements); may be null
 * @param events        event action name → how it maps
 * @param state         logged state key → variable path, e.g. {@code maxBal[node]}
 * @param silent        spec action names that may occur between logged events
 * @param sparse        logged state key → the name of a constant definition of the spec (e.g. {@code NoEntry}):
 *                      the key's value is a function logged sparsely, as a JSON object listing only
 *                      the entries (argument → value) that differ from that constant
 * @param oneToOne      pairs of event fields that must correspond one to one over the trace
 *                      (checked outside TLC by both engines, {@link OneToOne})
 * @param delta         logged state keys whose value is logged as what the step changed (docs/validate.md,
 *                      "delta"): a function on 1..n as {@code {"len": n, "at": [[i, v], ...]}} (unlisted
 *                      arguments keep the pre-state's value, or map to {@code "fill"} when given), a set as
 *                      {@code {"add": [...], "del": [...]}} (or {@code {"set": [...]}}, the whole set); each
 *                      such key constrains its state variable as a fully logged key does, given the pre-state
 * @param log           how a system's own log is read ({@link LogFormat}; {@link LogFormat#NATIVE} for tlaconform's format)
 * @param define        definitions (left side → TLA+ text) of a module that EXTENDS the spec, for the mapping's
 *                      expressions ({@link MappingModule}); the fast engine loads that module when there are any
 * @param extendsModules standard modules that module EXTENDS besides the spec (default Integers, Sequences, FiniteSets, TLC)
 */
public record TraceMapping(Path file, String spec, String traceSpec, String init, String next,
                           List<String> invariants, Map<String, String> invariantForms, Map<String, String> invariantSteps,
                           Map<String, JsonNode> constants, String nodes,
                           Map<String, EventMapping> events, Map<String, String> state, List<String> silent,
                           Map<String, String> sparse, List<OneToOne.Rule> oneToOne, List<String> delta,
                           LogFormat log, Map<String, String> define, List<String> extendsModules) {

    /** The name of the mapping file inside a spec directory. */
    public static final String FILE_NAME = "trace-mapping.json";

    /**
     * How one kind of event maps to a spec action.
     *
     * @param action  the spec action name (the operator name TLC reports, e.g. {@code Phase1b})
     * @param params  action parameter (a bound identifier of the action) → event field path ({@code node}, {@code msg}, {@code msg.bal});
     *                a path ending in {@code ?} may be left out by an event (the parameter, a quantifier, is then enumerated)
     * @param state   extra or overriding state-key mappings for this event
     * @param msgIn   a spec variable (a set) that must contain the event's {@code msg} after the step, or null:
     *                checks the message a send action sent
     * @param fixed   event field path → the JSON literal every event of this kind logs there (e.g.
     *                {@code "msg.type": "request"} for a message the spec does not model): another value is a
     *                non-conformance at its line, checked outside TLC by both engines
     * @param anyValue event field paths whose every value the spec allows for this event kind (a Byzantine
     *                replica's message content): declared in the mapping, so not "unchecked" ({@link FieldRule})
     * @param actions the spec actions any one of which the event may be ({@code "action": [...]}; {@link #STUTTER}
     *                for a step that changes no variable); one element for a single action
     * @param require TLA+ conditions every matching step satisfies: unprimed variables are the state before the
     *                step, primed ones after it, {@code E} the logged line (as {@code ndJsonDeserialize} reads it)
     * @param then    further spec steps the same line stands for, in order (each an action with its params,
     *                require, msgIn); the line's logged state is compared after the last
     * @param until   or null: the step's action is taken once, then again until this TLA+ condition (over the
     *                variables after the step and E) holds, e.g. until the logged message is consumed
     */
    public record EventMapping(String action, Map<String, String> params, Map<String, String> state, String msgIn,
                               Map<String, JsonNode> fixed, List<String> anyValue, List<String> actions, List<String> require,
                               List<EventMapping> then, String until) {}

    /** In an event's {@code action} list: the step that changes no variable (a log line with no spec step of its own). */
    public static final String STUTTER = "UNCHANGED";

    private static EventMapping eventMapping(Path f, JsonNode m, String name, String where, boolean line) throws BadTraceException {
        if (!m.isObject()) throw new BadTraceException(f, 0, where + " must be an object");
        List<String> actions = new ArrayList<>();
        JsonNode a = m.get("action");
        if (a == null || a.isNull()) {
            if (!line) throw new BadTraceException(f, 0, where + ": a step of \"then\" names its \"action\"");
            actions.add(name);
        } else if (a.isTextual()) {
            actions.add(a.asText());
        } else if (a.isArray() && a.size() > 0) {
            for (JsonNode x : a) actions.add(x.asText());
        } else {
            throw new BadTraceException(f, 0, where + ".action must be a spec action or a non-empty array of them");
        }
        List<EventMapping> then = new ArrayList<>();
        JsonNode t = m.get("then");
        if (t != null && !t.isNull()) {
            if (!line) throw new BadTraceException(f, 0, where + ": a step of \"then\" has no \"then\" of its own");
            if (!t.isArray() || t.size() == 0) throw new BadTraceException(f, 0, where + ".then must be a non-empty array of steps");
            for (int i = 0; i < t.size(); i++) then.add(eventMapping(f, t.get(i), name, where + ".then[" + i + "]", false));
        }
        if (!line) {
            for (String k : List.of("state", "fixed", "anyValue")) {
                if (m.has(k)) throw new BadTraceException(f, 0, where + "." + k + ": belongs to the line (the event), not to one of its steps");
            }
        }
        return new EventMapping(String.join("|", actions),
                stringMap(f, m.get("params"), where + ".params"),
                stringMap(f, m.get("state"), where + ".state"),
                m.hasNonNull("msgIn") ? m.get("msgIn").asText() : null,
                literals(f, m.get("fixed"), where + ".fixed"),
                strings(f, m, "anyValue"), List.copyOf(actions), strings(f, m, "require"), List.copyOf(then), until(f, m, where, actions));
    }

    private static String until(Path f, JsonNode m, String where, List<String> actions) throws BadTraceException {
        JsonNode u = m.get("until");
        if (u == null || u.isNull()) return null;
        if (!u.isTextual() || u.asText().isBlank()) throw new BadTraceException(f, 0, where + ".until must be a TLA+ condition");
        if (actions.contains(STUTTER)) {
            throw new BadTraceException(f, 0, where + ".until: a step that may change nothing cannot be repeated until something holds");
        }
        return u.asText();
    }

    /** Separates an event name from the number of its step in a step kind's name ({@code Commit#2}). */
    public static final String THEN = "#";

    /**
     * Every step kind: each event of the mapping, and for an event with {@code then} its further
     * steps, named {@code X#2}, {@code X#3}, ... (X itself is the first step).
     */
    public Map<String, EventMapping> stepKinds() {
        Map<String, EventMapping> out = new LinkedHashMap<>();
        for (Map.Entry<String, EventMapping> e : events.entrySet()) {
            out.put(e.getKey(), e.getValue());
            for (int i = 0; i < e.getValue().then().size(); i++) out.put(e.getKey() + THEN + (i + 2), e.getValue().then().get(i));
        }
        return out;
    }

    /** The steps a line of this event is ({@code X}, {@code X#2}, ...). */
    public List<String> stepsOf(String event) {
        List<String> out = new ArrayList<>(List.of(event));
        EventMapping em = events.get(event);
        for (int i = 0; em != null && i < em.then().size(); i++) out.add(event + THEN + (i + 2));
        return out;
    }

    /** Where a step kind is in the mapping ({@code events.X}, {@code events.X.then[0]}). */
    public static String originOf(String stepKind) {
        int h = stepKind.indexOf(THEN);
        if (h < 0) return "events." + stepKind;
        return "events." + stepKind.substring(0, h) + ".then[" + (Integer.parseInt(stepKind.substring(h + 1)) - 2) + "]";
    }

    /** The event (the line's kind) a step kind belongs to. */
    public static String eventOf(String stepKind) {
        int h = stepKind.indexOf(THEN);
        return h < 0 ? stepKind : stepKind.substring(0, h);
    }

    /** Reads {@code dir/trace-mapping.json}. */
    public static TraceMapping load(Path dir) throws BadTraceException {
        Path f = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            throw new BadTraceException(f, 0, "no trace mapping here (is " + dir + " a spec directory with a " + FILE_NAME + "?)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new BadTraceException(f, 0, "malformed JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadTraceException(f, 0, "the mapping must be a JSON object");
        }
        String spec = text(f, root, "spec", true);
        String traceSpec = text(f, root, "traceSpec", false);
        String init = orDefault(text(f, root, "init", false), "Init");
        String next = orDefault(text(f, root, "next", false), "Next");
        List<String> invariants = strings(f, root, "invariants");
        Map<String, String> forms = stringMap(f, root.get("invariantForms"), "invariantForms");
        for (String k : forms.keySet()) {
            if (!invariants.contains(k)) {
                throw new BadTraceException(f, 0, "invariantForms: " + k + " is not one of the invariants " + invariants);
            }
        }
        Map<String, String> steps = stringMap(f, root.get("invariantSteps"), "invariantSteps");
        for (String k : steps.keySet()) {
            if (!invariants.contains(k)) {
                throw new BadTraceException(f, 0, "invariantSteps: " + k + " is not one of the invariants " + invariants);
            }
        }
        Map<String, JsonNode> constants = new LinkedHashMap<>();
        JsonNode c = root.get("constants");
        if (c != null) {
            if (!c.isObject()) throw new BadTraceException(f, 0, "\"constants\" must be an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (!(v.isTextual() || (v.isObject() && v.has("value")))) {
                    throw new BadTraceException(f, 0, "constant " + e.getKey() + ": expected a header constant name or {\"value\": literal}");
                }
                constants.put(e.getKey(), v);
            }
        }
        String nodes = text(f, root, "nodes", false);
        Map<String, String> state = stringMap(f, root.get("state"), "state");
        Map<String, EventMapping> events = new LinkedHashMap<>();
        JsonNode ev = root.get("events");
        if (ev == null || !ev.isObject() || ev.size() == 0) {
            throw new BadTraceException(f, 0, "\"events\" must be a non-empty object (event action -> mapping)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ev.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().contains(THEN)) throw new BadTraceException(f, 0, "events." + e.getKey() + ": an event name has no " + THEN);
            events.put(e.getKey(), eventMapping(f, e.getValue(), e.getKey(), "events." + e.getKey(), true));
        }
        List<String> silent = strings(f, root, "silent");
        Map<String, String> sparse = stringMap(f, root.get("sparse"), "sparse");
        List<OneToOne.Rule> oneToOne = new ArrayList<>();
        JsonNode o = root.get("oneToOne");
        if (o != null && !o.isNull()) {
            if (!o.isArray()) throw new BadTraceException(f, 0, "\"oneToOne\" must be an array of {\"fields\": [a, b], \"except\": [actions]}");
            for (JsonNode rule : o) {
                JsonNode fl = rule.get("fields");
                if (!rule.isObject() || fl == null || !fl.isArray() || fl.size() != 2 || !fl.get(0).isTextual() || !fl.get(1).isTextual()) {
                    throw new BadTraceException(f, 0, "oneToOne: each rule needs \"fields\": two event field paths, e.g. [\"msg.digest\", \"msg.req\"]");
                }
                java.util.Set<String> except = new java.util.TreeSet<>(strings(f, rule, "except"));
                for (String a : except) {
                    if (!events.containsKey(a)) throw new BadTraceException(f, 0, "oneToOne: except names " + a + ", not an event action of the mapping");
                }
                oneToOne.add(new OneToOne.Rule(List.of(fl.get(0).asText(), fl.get(1).asText()), except));
            }
        }
        List<String> delta = strings(f, root, "delta");
        LogFormat log = LogFormat.parse(f, root.get("log"));
        log.checkKinds(f, events.keySet());
        List<String> ext = root.has("extends") ? strings(f, root, "extends") : List.of("Integers", "Sequences", "FiniteSets", "TLC");
        TraceMapping tm = new TraceMapping(f, spec, traceSpec, init, next, invariants, forms, steps, constants, nodes,
                Collections.unmodifiableMap(events), state, silent, sparse, List.copyOf(oneToOne), delta,
                log, stringMap(f, root.get("define"), "define"), ext);
        for (String k : delta) {
            if (!tm.allStateKeys().contains(k)) {
                throw new BadTraceException(f, 0, "delta: " + k + " is not a state key of the mapping " + tm.allStateKeys());
            }
            if (sparse.containsKey(k)) {
                throw new BadTraceException(f, 0, "delta: " + k + " is also sparse; a key is logged one way");
            }
        }
        for (String k : sparse.keySet()) {
            if (!tm.allStateKeys().contains(k)) {
                throw new BadTraceException(f, 0, "sparse: " + k + " is not a state key of the mapping " + tm.allStateKeys());
            }
        }
        return tm;
    }

    /** True for a parameter path the event may leave out ({@code msg.view?}): the parameter is then enumerated. */
    public static boolean optional(String path) {
        return path.endsWith("?");
    }

    /** The field path of a parameter path, without the optional mark. */
    public static String pathOf(String path) {
        return optional(path) ? path.substring(0, path.length() - 1) : path;
    }

    /** The definitions the fast engine checks: each invariant, or its trace-time form. */
    public List<String> checkedInvariants() {
        List<String> out = new ArrayList<>();
        for (String i : invariants) out.add(invariantForms.getOrDefault(i, i));
        return Collections.unmodifiableList(out);
    }

    /** The step form of the invariant that the checked definition stands for, or null. */
    public String stepFormOf(String checked) {
        return invariantSteps.get(invariantOf(checked));
    }

    /** The invariant a checked definition stands for (itself unless it is a trace-time form). */
    public String invariantOf(String checked) {
        for (Map.Entry<String, String> e : invariantForms.entrySet()) if (e.getValue().equals(checked)) return e.getKey();
        return checked;
    }

    /** The state-key mappings in force for one event kind (global ones overridden by the event's). */
    public Map<String, String> stateFor(String eventAction) {
        EventMapping em = events.get(eventAction);
        if (em == null || em.state().isEmpty()) return state;
        Map<String, String> m = new LinkedHashMap<>(state);
        m.putAll(em.state());
        return m;
    }

    /** Every state key any event may log (for warnings about keys that stay unmapped). */
    public TreeSet<String> allStateKeys() {
        TreeSet<String> keys = new TreeSet<>(state.keySet());
        for (EventMapping em : events.values()) keys.addAll(em.state().keySet());
        return keys;
    }

    private static String text(Path f, JsonNode root, String field, boolean required) throws BadTraceException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) throw new BadTraceException(f, 0, "missing field \"" + field + "\"");
            return null;
        }
        if (!n.isTextual()) throw new BadTraceException(f, 0, "\"" + field + "\" must be a string");
        return n.asText();
    }

    private static String orDefault(String s, String d) {
        return s == null ? d : s;
    }

    private static List<String> strings(Path f, JsonNode root, String field) throws BadTraceException {
        JsonNode n = root.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw new BadTraceException(f, 0, "\"" + field + "\" must be an array of strings");
        for (JsonNode x : n) {
            if (!x.isTextual()) throw new BadTraceException(f, 0, "\"" + field + "\" must be an array of strings");
            out.add(x.asText());
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, String> stringMap(Path f, JsonNode n, String where) throws BadTraceException {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) throw new BadTraceException(f, 0, "\"" + where + "\" must be an object of strings");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) throw new BadTraceException(f, 0, "\"" + where + "." + e.getKey() + "\" must be a string");
            out.put(e.getKey(), e.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, JsonNode> literals(Path f, JsonNode n, String where) throws BadTraceException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) throw new BadTraceException(f, 0, "\"" + where + "\" must be an object (event field -> JSON literal)");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new BadTraceException(f, 0, "\"" + where + "." + e.getKey() + "\" must be a string, number or boolean");
            }
            out.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
