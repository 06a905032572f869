package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.ValidationResult.Failure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every logged field checked, or loudly not (docs/validate.md, "Every logged field is checked").
 * Computed from the mapping alone, per event kind: the fields the mapping constrains, i.e. bound
 * to an action parameter ({@code params}), compared with a spec variable ({@code state} keys, and
 * the event fields a state path indexes by, when the event logs such a key), required to be a
 * message of the spec's network after the step ({@code msgIn}: the whole {@code msg}), paired one to
 * one ({@code oneToOne}) or fixed to a literal ({@code fixed}). A logged field none of these reaches
 * is bad input at the first event carrying it, unless the user lets it go unchecked
 * ({@code --allow-unchecked action.field} or {@code field}); the verdict then lists the fields that
 * went unchecked. The envelope ({@code kind}, {@code seq}, {@code clock}, {@code action}) is the
 * trace format's, not behaviour: the reader checks it. JSON {@code null} logs nothing.
 *
 * <p>One instance per trace (it counts the unchecked fields it let through); both engines run the
 * same code: the trace reader applies it to every event it returns.
 */
public final class FieldRule {
    /** Members of every event line that are the trace format's, not the behaviour's. */
    public static final Set<String> ENVELOPE = Set.of("kind", "seq", "clock", "action");
    private static final Pattern INDEX = Pattern.compile("\\[([A-Za-z0-9_.]+)\\]");

    /** A node of the tree of constrained paths. */
    private static final class Node {
        boolean whole;
        /**
         * Covered only when the event logs one of these fields too: a state key whose path indexes by
         * this field ({@code state.maxBal} for {@code node}), the other field of a oneToOne rule.
         */
        final Set<String> whenLogged = new TreeSet<>();
        final Map<String, Node> children = new HashMap<>();

        Node child(String name) {
            return children.computeIfAbsent(name, k -> new Node());
        }
    }

    private final Map<String, Node> byAction = new HashMap<>();
    private final Map<String, Map<String, JsonNode>> fixed;
    private final Set<String> allow;
    private final Map<String, Long> letThrough = new TreeMap<>();

    /** The mapping's log.failure path, or null. */
    private final String failurePath;

    private FieldRule(Map<String, Map<String, JsonNode>> fixed, Set<String> allow, String failurePath) {
        this.fixed = fixed;
        this.allow = allow;
        this.failurePath = failurePath;
    }

    /**
     * The rule of a mapping.
     *
     * @param allow fields the user accepts unchecked: {@code action.field.path} or {@code field.path}
     */
    public static FieldRule of(TraceMapping m, Collection<String> allow) {
        Map<String, Map<String, JsonNode>> fixed = new HashMap<>();
        FieldRule r = new FieldRule(fixed, Set.copyOf(allow), m.log().failure());
        for (Map.Entry<String, TraceMapping.EventMapping> e : m.events().entrySet()) {
            String action = e.getKey();
            TraceMapping.EventMapping em = e.getValue();
            Node root = new Node();
            LogFormat fmt = m.log();
            for (String p : em.params().values()) cover(root, TraceMapping.pathOf(p)).whole = true;
            if (em.msgIn() != null) cover(root, fmt.msg()).whole = true;
            for (Map.Entry<String, String> s : m.stateFor(action).entrySet()) {
                cover(root, fmt.state() + "." + s.getKey()).whole = true;
                if (MappingModule.isExpression(s.getValue())) {
                    coverReads(root, s.getValue());
                    continue;
                }
                Matcher im = INDEX.matcher(s.getValue());
                while (im.find()) cover(root, im.group(1)).whenLogged.add(fmt.state() + "." + s.getKey());
            }
            for (String req : em.require()) coverReads(root, req);
            if (em.until() != null) coverReads(root, em.until());
            for (TraceMapping.EventMapping step : em.then()) {
                if (step.until() != null) coverReads(root, step.until());
                for (String p : step.params().values()) cover(root, TraceMapping.pathOf(p)).whole = true;
                for (String req : step.require()) coverReads(root, req);
                if (step.msgIn() != null) cover(root, fmt.msg()).whole = true;
            }
            if (fmt.foreign()) {
                // a foreign log's envelope: what classifies the line and orders it
                for (String p : fmt.rulePaths(action)) cover(root, p).whole = true;
                if (fmt.action() != null) cover(root, fmt.action()).whole = true;
                if (fmt.clock() != null) cover(root, fmt.clock()).whole = true;
                if (fmt.clockNode() != null) cover(root, fmt.clockNode()).whole = true;
                if (fmt.failure() != null) cover(root, fmt.failure()).whole = true;   // a logged failure is a rejection
            }
            for (OneToOne.Rule o : m.oneToOne()) {
                if (o.except().contains(action)) continue;
                cover(root, o.fields().get(0)).whenLogged.add(o.fields().get(1));
                cover(root, o.fields().get(1)).whenLogged.add(o.fields().get(0));
            }
            for (String f : em.fixed().keySet()) cover(root, f).whole = true;
            for (String f : em.anyValue()) cover(root, f).whole = true;
            fixed.put(action, em.fixed());
            r.byAction.put(action, root);
        }
        return r;
    }

    private static final Pattern EVENT_READ = Pattern.compile("(?<![A-Za-z0-9_!.])" + MappingModule.EVENT + "((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?![A-Za-z0-9_])");

    /** The event fields a TLA+ expression of the mapping reads ({@code E.pkt.msg.q}; {@code E} alone reads everything). */
    private static void coverReads(Node root, String tla) {
        Matcher m = EVENT_READ.matcher(tla);
        while (m.find()) {
            if (m.group(1).isEmpty()) root.whole = true;
            else cover(root, m.group(1).substring(1)).whole = true;
        }
    }

    private static Node cover(Node root, String path) {
        Node n = root;
        for (String part : path.split("\\.")) n = n.child(part);
        return n;
    }

    /**
     * Checks one event: every logged field is constrained or allowed.
     *
     * @throws BadTraceException at the event's line, naming the first field nothing constrains
     */
    public void check(TraceReader.Event e, Path file) throws BadTraceException {
        Node root = byAction.get(e.action());
        if (root == null || root.whole) return;   // unknown action: the reader reports it
        walk(e, file, e.json(), root, "", true);
    }

    private void walk(TraceReader.Event e, Path file, JsonNode obj, Node n, String prefix, boolean top)
            throws BadTraceException {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (top && ENVELOPE.contains(name)) continue;
            JsonNode v = f.getValue();
            if (v.isNull()) continue;
            Node c = n.children.get(name);
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            if (c != null && (c.whole || logsAny(e.json(), c.whenLogged))) continue;
            if (c != null && v.isObject() && !c.children.isEmpty()) {
                walk(e, file, v, c, path, false);
                continue;
            }
            if (v.isObject() && v.size() == 0) continue;   // "state": {} logs nothing
            unchecked(e, file, path);
        }
    }

    private static boolean logsAny(JsonNode event, Set<String> paths) {
        for (String p : paths) {
            JsonNode v = TraceReader.field(event, p);
            if (v != null && !v.isNull()) return true;
        }
        return false;
    }

    private void unchecked(TraceReader.Event e, Path file, String path) throws BadTraceException {
        String qualified = e.action() + "." + path;
        if (allow.contains(qualified) || allow.contains(path)) {
            letThrough.merge(qualified, 1L, Long::sum);
            return;
        }
        throw new BadTraceException(file, e.line(), "field \"" + path + "\" of " + e.action()
                + " events is logged but nothing in the mapping checks it (no parameter, state key, msgIn, oneToOne or fixed"
                + " value reaches it): map it, or pass --allow-unchecked " + qualified + " to accept it unchecked");
    }

    /**
     * The rejection a {@code fixed} field makes (a logged value other than the mapping's literal), or null.
     */
    public Failure fixedFailure(TraceReader.Event e) {
        if (failurePath != null) {
            JsonNode v = TraceReader.field(e.json(), failurePath);
            if (v != null && !v.isNull()) {
                ObjectNode d = JsonNodeFactory.instance.objectNode();
                d.put("kind", "logged-failure");
                d.put("field", failurePath);
                d.set("logged", v);
                return new Failure(e.line(), e.json(), e.action(), -1, "the system logged a failure here (" + failurePath + ": "
                        + v + "; the mapping's log.failure)", d);
            }
        }
        Map<String, JsonNode> f = fixed.get(e.action());
        if (f == null || f.isEmpty()) return null;
        for (Map.Entry<String, JsonNode> x : f.entrySet()) {
            JsonNode v = TraceReader.field(e.json(), x.getKey());
            if (v == null || v.isNull() || v.equals(x.getValue())) continue;
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("kind", "fixed-field");
            d.put("field", x.getKey());
            d.set("logged", v);
            d.set("expected", x.getValue());
            return new Failure(e.line(), e.json(), e.action(), -1, "field " + x.getKey() + ": logged " + v + ", but every "
                    + e.action() + " event has " + x.getValue() + " there (the mapping's fixed)", d);
        }
        return null;
    }

    /** The allowed fields this trace logged unchecked, with how many events did ({@code Commit.msg.quorum (12 events)}). */
    public List<String> letThrough() {
        List<String> out = new ArrayList<>();
        letThrough.forEach((k, v) -> out.add(k + " (" + v + " event" + (v == 1 ? "" : "s") + ")"));
        return out;
    }

    /** The warning a verdict carries when fields went unchecked, or null. */
    public String warning() {
        if (letThrough.isEmpty()) return null;
        return "fields logged but not checked (--allow-unchecked): " + String.join(", ", letThrough());
    }

    /** For tests and docs: the constrained paths of one event kind, as text. */
    public String describe(String action) {
        Node root = byAction.get(action);
        Map<String, String> out = new LinkedHashMap<>();
        if (root != null) describe(root, "", out);
        return out.toString();
    }

    private static void describe(Node n, String prefix, Map<String, String> out) {
        for (Map.Entry<String, Node> c : new TreeMap<>(n.children).entrySet()) {
            String p = prefix.isEmpty() ? c.getKey() : prefix + "." + c.getKey();
            Node x = c.getValue();
            if (x.whole) out.put(p, "checked");
            else if (!x.whenLogged.isEmpty()) out.put(p, "checked when the event logs one of " + x.whenLogged);
            describe(x, p, out);
        }
    }
}
