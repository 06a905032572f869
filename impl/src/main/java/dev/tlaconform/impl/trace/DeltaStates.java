package dev.tlaconform.impl.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Whole node states from a trace whose events log some keys as deltas (the trace mapping's
 * {@code "delta"}, docs/validate.md), for readers that want whole states (tests, replay tools):
 * a per-index log {@code {"len": n, "at": [[i, v], ...], "fill": x}} applied to the key's previous
 * array, a set {@code {"add": [...], "del": [...]}} or {@code {"set": [...]}} to its previous sorted
 * array. Keys logged whole pass through.
 */
public final class DeltaStates {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DeltaStates() {}

    /** The whole state after an event: {@code logged} applied to {@code previous} (the node's whole state before it). */
    public static ObjectNode apply(ObjectNode previous, JsonNode logged) {
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = logged.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode before = previous == null ? null : previous.get(e.getKey());
            out.set(e.getKey(), applyKey(before, e.getValue()));
        }
        return out;
    }

    /** One key: a delta object applied to the previous whole value, anything else as it is. */
    public static JsonNode applyKey(JsonNode before, JsonNode v) {
        if (!v.isObject()) {
            return v;
        }
        if (v.has("len")) {
            int len = v.get("len").asInt();
            JsonNode[] entries = new JsonNode[len];
            for (int i = 0; i < len; i++) {
                entries[i] = v.has("fill") ? v.get("fill") : before != null && i < before.size() ? before.get(i) : null;
            }
            for (JsonNode p : v.path("at")) {
                entries[p.get(0).asInt() - 1] = p.get(1);
            }
            ArrayNode a = F.arrayNode();
            for (JsonNode x : entries) {
                a.add(x);
            }
            return a;
        }
        if (v.has("set") || v.has("add") || v.has("del")) {
            List<JsonNode> xs = new ArrayList<>();
            if (v.has("set")) {
                v.get("set").forEach(xs::add);
            } else {
                if (before != null) {
                    before.forEach(xs::add);
                }
                for (JsonNode d : v.path("del")) {
                    xs.remove(d);
                }
                for (JsonNode x : v.path("add")) {
                    if (!xs.contains(x)) {
                        xs.add(x);
                    }
                }
            }
            xs.sort(Comparator.comparing((JsonNode x) -> x.isNumber() ? String.format("%020d", x.asLong()) : x.asText()));
            ArrayNode a = F.arrayNode();
            xs.forEach(a::add);
            return a;
        }
        return v;
    }
}
