package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.ValidationResult.Failure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping's {@code oneToOne} rules, checked outside TLC by both engines: two logged fields that
 * must correspond one to one over the whole trace, e.g. a message digest and the request it
 * digests ({@code ["msg.digest", "msg.req"]}: the spec models a digest by the request itself, so an
 * implementation that pairs one digest with two requests, or one request with two digests, has
 * behaviour the spec cannot see). The first event that logs both fields fixes the pairing; a later
 * event that logs the same value of one field with a different value of the other is a
 * non-conformance at its line. Events of the rule's {@code except} actions are not checked (a
 * Byzantine replica may send any digest). One instance per trace; not thread-safe.
 */
public final class OneToOne {
    /**
     * One rule.
     *
     * @param fields the two event field paths (dotted, as for params)
     * @param except event actions the rule does not apply to
     */
    public record Rule(List<String> fields, Set<String> except) {}

    private record Seen(JsonNode other, long line, String action) {}

    private final List<Rule> rules;
    private final List<Map<JsonNode, Seen>> forward;
    private final List<Map<JsonNode, Seen>> backward;

    public OneToOne(List<Rule> rules) {
        this.rules = rules;
        this.forward = new java.util.ArrayList<>();
        this.backward = new java.util.ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            forward.add(new HashMap<>());
            backward.add(new HashMap<>());
        }
    }

    /** The failure this event makes (the first rule it breaks), or null. */
    public Failure check(TraceReader.Event e) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.except().contains(e.action())) continue;
            JsonNode a = TraceReader.field(e.json(), r.fields().get(0));
            JsonNode b = TraceReader.field(e.json(), r.fields().get(1));
            if (a == null || b == null || a.isNull() || b.isNull()) continue;
            Failure f = pair(forward.get(i), a, b, r.fields().get(0), r.fields().get(1), e);
            if (f == null) f = pair(backward.get(i), b, a, r.fields().get(1), r.fields().get(0), e);
            if (f != null) return f;
        }
        return null;
    }

    private static Failure pair(Map<JsonNode, Seen> seen, JsonNode key, JsonNode value, String keyPath, String valuePath,
                                TraceReader.Event e) {
        Seen s = seen.putIfAbsent(key, new Seen(value, e.line(), e.action()));
        if (s == null || s.other().equals(value)) return null;
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("kind", "one-to-one");
        d.putArray("fields").add(keyPath).add(valuePath);
        d.set(keyPath, key);
        d.set("logged", value);
        d.set("before", s.other());
        d.put("beforeLine", s.line());
        d.put("beforeAction", s.action());
        String summary = keyPath + " " + key + " went with " + valuePath + " " + s.other() + " at line " + s.line()
                + " (" + s.action() + "), here with " + value + " (the mapping's oneToOne: they must correspond one to one)";
        return new Failure(e.line(), e.json(), e.action(), -1, summary, d);
    }
}
