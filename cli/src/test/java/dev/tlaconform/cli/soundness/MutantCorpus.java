package dev.tlaconform.cli.soundness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mutants of simulator traces (issue 21): every protocol, every fault plan, deterministic from a
 * seed. Each mutant is a trace file's text with the class of mutation and a note; the classes are
 * field changes (a value of msg, state or node), forged senders (msg.from), dropped events (end
 * count adjusted, or left as it was), duplicated and swapped events, and partial logs (a msg field,
 * the state, or a state key left out).
 */
public final class MutantCorpus {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final List<String> PROTOCOLS = List.of("paxos", "multipaxos", "zab", "pbft");
    public static final List<String> CLASSES = List.of("field", "sender", "drop", "drop-keep-count", "duplicate", "swap",
            "partial-msg", "partial-state");

    /** One mutant: its protocol, base trace, class, what was done, and the trace text. */
    public record Mutant(String protocol, String base, String cls, String note, String text, String baseText) {}

    /** A simulated base trace. */
    public record Base(String protocol, String name, JsonNode header, List<ObjectNode> events, String text) {}

    private MutantCorpus() {}

    /** Base traces: each protocol under each fault plan for the given seeds (PBFT with a Byzantine replica). */
    public static List<Base> bases(List<String> protocols, List<String> plans, long seeds) throws IOException {
        List<Base> out = new ArrayList<>();
        for (String plan : plans) {          // plan by plan, the protocols side by side: a run cut short has them all
            for (long s = 1; s <= seeds; s++) {
                for (String p : protocols) {
                    SimConfig.Builder b = SimConfig.builder(p).seed(s).faults(FaultPlan.parse(plan));
                    if (p.equals("pbft")) b = b.nodes(4).byzantine(1);
                    ByteArrayOutputStream os = new ByteArrayOutputStream();
                    SimResult r = Simulation.run(b.build(), os);
                    if (!r.ok()) continue;
                    String text = os.toString(java.nio.charset.StandardCharsets.UTF_8);
                    String[] lines = text.split("\n");
                    List<ObjectNode> ev = new ArrayList<>();
                    for (int i = 1; i < lines.length - 1; i++) ev.add((ObjectNode) JSON.readTree(lines[i]));
                    out.add(new Base(p, p + "-" + plan + "-" + s, JSON.readTree(lines[0]), ev, text));
                }
            }
        }
        return out;
    }

    /** perBase mutants of each class... roughly: count mutants of one base, drawn from seed. */
    public static List<Mutant> mutants(Base b, int count, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed ^ b.name().hashCode());
        List<Mutant> out = new ArrayList<>();
        int n = b.events().size();
        if (n < 2) return out;
        for (int k = 0; k < count; k++) {
            String cls = CLASSES.get(k % CLASSES.size());
            List<ObjectNode> ev = new ArrayList<>();
            for (ObjectNode e : b.events()) ev.add(e.deepCopy());
            int i = rnd.nextInt(n);
            String note;
            boolean keepCount = false;
            switch (cls) {
                case "field" -> {
                    List<String> paths = new ArrayList<>();
                    leaves(ev.get(i), "", paths);
                    if (paths.isEmpty()) continue;
                    String p = paths.get(rnd.nextInt(paths.size()));
                    note = "event " + (i + 1) + " " + p + " changed";
                    if (!change(ev.get(i), p, rnd)) continue;
                }
                case "sender" -> {
                    int j = -1;
                    for (int t = 0; t < n && j < 0; t++) {
                        int x = (i + t) % n;
                        if (ev.get(x).path("msg").has("from")) j = x;
                    }
                    if (j < 0) continue;
                    i = j;
                    ObjectNode m = (ObjectNode) ev.get(i).get("msg");
                    int from = m.get("from").asInt();
                    int nodes = nodeCount(b);
                    int lo = b.protocol().equals("pbft") ? 0 : 1;
                    int to = lo + (from - lo + 1 + rnd.nextInt(Math.max(1, nodes - 1))) % nodes;
                    m.put("from", to);
                    note = "event " + (i + 1) + " msg.from " + from + " -> " + to;
                }
                case "drop" -> { ev.remove(i); note = "event " + (i + 1) + " dropped"; }
                case "drop-keep-count" -> { ev.remove(i); keepCount = true; note = "event " + (i + 1) + " dropped, end count unchanged"; }
                case "duplicate" -> { ev.add(i, ev.get(i).deepCopy()); note = "event " + (i + 1) + " duplicated"; }
                case "swap" -> {
                    if (i == n - 1) i--;
                    ObjectNode x = ev.get(i);
                    ev.set(i, ev.get(i + 1));
                    ev.set(i + 1, x);
                    note = "events " + (i + 1) + " and " + (i + 2) + " swapped";
                }
                case "partial-msg" -> {
                    JsonNode m = ev.get(i).get("msg");
                    if (m == null || !m.isObject() || m.size() == 0) continue;
                    List<String> fs = new ArrayList<>();
                    m.fieldNames().forEachRemaining(fs::add);
                    String f = fs.get(rnd.nextInt(fs.size()));
                    ((ObjectNode) m).remove(f);
                    note = "event " + (i + 1) + " msg." + f + " left out";
                }
                case "partial-state" -> {
                    JsonNode s = ev.get(i).get("state");
                    if (s == null || !s.isObject() || s.size() == 0) continue;
                    if (rnd.nextBoolean()) {
                        ev.get(i).remove("state");
                        note = "event " + (i + 1) + " state left out";
                    } else {
                        List<String> fs = new ArrayList<>();
                        s.fieldNames().forEachRemaining(fs::add);
                        String f = fs.get(rnd.nextInt(fs.size()));
                        ((ObjectNode) s).remove(f);
                        note = "event " + (i + 1) + " state." + f + " left out";
                    }
                }
                default -> throw new IllegalStateException(cls);
            }
            out.add(new Mutant(b.protocol(), b.name(), cls, note,
                    write(b.header(), ev, keepCount ? b.events().size() : ev.size()), b.text()));
        }
        return out;
    }

    static int nodeCount(Base b) {
        JsonNode c = b.header().get("constants");
        return c.get("N").asInt();
    }

    static String write(JsonNode header, List<ObjectNode> ev, int endCount) throws IOException {
        StringBuilder s = new StringBuilder(JSON.writeValueAsString(header)).append('\n');
        for (ObjectNode e : ev) s.append(JSON.writeValueAsString(e)).append('\n');
        return s.append("{\"kind\":\"end\",\"events\":").append(endCount).append("}\n").toString();
    }

    /** Leaf paths of an event outside the envelope (node, msg..., state...). */
    static void leaves(JsonNode n, String prefix, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (prefix.isEmpty() && (e.getKey().equals("kind") || e.getKey().equals("seq") || e.getKey().equals("clock")
                    || e.getKey().equals("action"))) continue;
            String p = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && v.size() > 0) leaves(v, p, out);
            else out.add(p);
        }
    }

    /** Changes the value at a slash path: an integer by ±1..3, a string, a boolean, an array (element dropped or doubled). */
    static boolean change(ObjectNode root, String path, SplittableRandom rnd) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = cut < 0 ? root : root.at("/" + path.substring(0, cut));
        String f = cut < 0 ? path : path.substring(cut + 1);
        if (!(parent instanceof ObjectNode)) return false;
        ObjectNode o = (ObjectNode) parent;
        JsonNode v = o.get(f);
        if (v.isIntegralNumber()) {
            int d = 1 + rnd.nextInt(3);
            o.set(f, IntNode.valueOf(v.asInt() + (rnd.nextBoolean() ? d : -d)));
        } else if (v.isTextual()) {
            o.set(f, TextNode.valueOf(v.asText().isEmpty() ? "v1" : v.asText().equals("v1") ? "v2" : v.asText() + "x"));
        } else if (v.isBoolean()) {
            o.put(f, !v.asBoolean());
        } else if (v.isArray()) {
            ArrayNode a = (ArrayNode) v;
            if (a.size() > 0 && rnd.nextBoolean()) a.remove(rnd.nextInt(a.size()));
            else if (a.size() > 0) a.add(a.get(rnd.nextInt(a.size())).deepCopy());
            else a.add(IntNode.valueOf(1));
        } else {
            return false;
        }
        return true;
    }
}
