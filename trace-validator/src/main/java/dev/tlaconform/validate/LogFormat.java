package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a system's own NDJSON log is read without a converter: the {@code "log"} section of a
 * mapping (docs/validate.md, "Foreign logs"). Without it a trace is tlaconform's format (header,
 * events with {@code "kind":"event"}, end line).
 *
 * @param constantsLine the first line of the log is a JSON object of constants (EWD998's {@code {"N":5}}), not an event
 * @param action        JSON path whose value (a string) names the event kind, or null
 * @param kinds         rules tried in order before {@code action}: the first whose every path holds its literal names the kind
 * @param skip          rules for lines that are not events (another tag, debug output): read, counted, not validated
 * @param clock         JSON path of a vector clock (object: process → count): lines are put in causal order, or null
 * @param clockNode     JSON path of the line's process (its key in the clocks), with {@code clock}
 * @param node          JSON path of the acting node (checked against the mapping's {@code nodes}), or null
 * @param msg           JSON path of the message ({@code msgIn} checks it), default {@code msg}
 * @param state         JSON path of the object of logged state keys, default {@code state}
 * @param failure       JSON path where the system logs that it failed (EWD998's {@code failure}), or null: an event
 *                      line with a value there is rejected at that line by both engines (the system says it did not
 *                      conform), not bad input
 */
public record LogFormat(boolean constantsLine, String action, List<Rule> kinds, List<Map<String, JsonNode>> skip,
                        String clock, String clockNode, String node, String msg, String state, String failure) {

    /** A classification rule: every path in {@code when} holds its JSON literal → the line is an {@code event} event. */
    public record Rule(Map<String, JsonNode> when, String event) {}

    /** The kind {@link #classify} gives a line that a {@code skip} rule matches. */
    public static final String SKIP = "";

    /** The format of tlaconform's own traces. */
    public static final LogFormat NATIVE = new LogFormat(false, "action", List.of(), List.of(), null, null, "node", "msg", "state", null);

    /** True for a format read by {@link ForeignLog}. */
    public boolean foreign() {
        return this != NATIVE;
    }

    /** The event kind of a line: a rule's, else the value at {@code action}; {@link #SKIP}; or null (no rule, no action). */
    public String classify(JsonNode line) {
        for (Rule r : kinds) if (holds(r.when(), line)) return r.event();
        for (Map<String, JsonNode> s : skip) if (holds(s, line)) return SKIP;
        if (action != null) {
            JsonNode a = TraceReader.field(line, action);
            if (a != null && a.isTextual()) return a.asText();
        }
        return null;
    }

    /** The literal paths of the rule that classified a line as {@code event} (they are checked by the classification). */
    public List<String> rulePaths(String event) {
        List<String> out = new ArrayList<>();
        for (Rule r : kinds) if (r.event().equals(event)) out.addAll(r.when().keySet());
        return out;
    }

    private static boolean holds(Map<String, JsonNode> when, JsonNode line) {
        for (Map.Entry<String, JsonNode> w : when.entrySet()) {
            JsonNode v = TraceReader.field(line, w.getKey());
            if (v == null || !sameLiteral(v, w.getValue())) return false;
        }
        return true;
    }

    private static boolean sameLiteral(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }

    static LogFormat parse(Path f, JsonNode n) throws BadTraceException {
        if (n == null || n.isNull()) return NATIVE;
        if (!n.isObject()) throw new BadTraceException(f, 0, "\"log\" must be an object (how the system's own log is read)");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("constants", "action", "kinds", "skip", "clock", "clockNode", "node", "msg", "state", "failure").contains(k)) {
                throw new BadTraceException(f, 0, "log." + k + ": unknown (known: constants, action, kinds, skip, clock, clockNode, node, msg, state, failure)");
            }
        }
        boolean constantsLine = false;
        JsonNode c = n.get("constants");
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !c.asText().equals("firstLine")) {
                throw new BadTraceException(f, 0, "log.constants: only \"firstLine\" (the log's first line is an object of constants)");
            }
            constantsLine = true;
        }
        List<Rule> kinds = new ArrayList<>();
        JsonNode k = n.get("kinds");
        if (k != null && !k.isNull()) {
            if (!k.isArray()) throw new BadTraceException(f, 0, "log.kinds must be an array of {\"when\": {path: literal}, \"event\": name}");
            for (JsonNode r : k) {
                if (!r.isObject() || !r.path("event").isTextual()) {
                    throw new BadTraceException(f, 0, "log.kinds: each rule needs \"event\": the event kind (a key of \"events\")");
                }
                kinds.add(new Rule(literals(f, r.get("when"), "log.kinds[" + kinds.size() + "].when"), r.get("event").asText()));
            }
        }
        List<Map<String, JsonNode>> skip = new ArrayList<>();
        JsonNode s = n.get("skip");
        if (s != null && !s.isNull()) {
            if (!s.isArray()) throw new BadTraceException(f, 0, "log.skip must be an array of {path: literal} objects");
            for (JsonNode r : s) skip.add(literals(f, r, "log.skip[" + skip.size() + "]"));
        }
        String action = text(f, n, "action");
        if (kinds.isEmpty() && action == null) {
            throw new BadTraceException(f, 0, "log: say which field names the event (\"action\": path) or give \"kinds\" rules");
        }
        String clock = text(f, n, "clock");
        String clockNode = text(f, n, "clockNode");
        if ((clock == null) != (clockNode == null)) {
            throw new BadTraceException(f, 0, "log: \"clock\" and \"clockNode\" go together (the vector clock and the line's process in it)");
        }
        return new LogFormat(constantsLine, action, Collections.unmodifiableList(kinds), Collections.unmodifiableList(skip),
                clock, clockNode, text(f, n, "node"), orElse(text(f, n, "msg"), "msg"), orElse(text(f, n, "state"), "state"),
                text(f, n, "failure"));
    }

    /** Checks that the rules name event kinds of the mapping. */
    void checkKinds(Path f, java.util.Set<String> events) throws BadTraceException {
        for (Rule r : kinds) {
            if (!events.contains(r.event())) {
                throw new BadTraceException(f, 0, "log.kinds: event " + r.event() + " is not a key of \"events\" " + events);
            }
        }
    }

    private static String orElse(String s, String d) {
        return s == null ? d : s;
    }

    private static String text(Path f, JsonNode n, String field) throws BadTraceException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || v.asText().isEmpty()) throw new BadTraceException(f, 0, "log." + field + " must be a JSON path (e.g. pkt.msg)");
        return v.asText();
    }

    private static Map<String, JsonNode> literals(Path f, JsonNode n, String where) throws BadTraceException {
        if (n == null || !n.isObject() || n.size() == 0) {
            throw new BadTraceException(f, 0, where + " must be a non-empty object {path: literal}");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new BadTraceException(f, 0, where + "." + e.getKey() + " must be a string, number or boolean");
            }
            out.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }
}
