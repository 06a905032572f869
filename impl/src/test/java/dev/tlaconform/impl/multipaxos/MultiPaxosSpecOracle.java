package dev.tlaconform.impl.multipaxos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.trace.DeltaStates;
import dev.tlaconform.impl.trace.TraceReader;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * A literal reading of specs/multipaxos/EVENTS.md over a trace (test oracle, not the validator):
 * every event's action must be enabled for its message in the spec state so far, and the logged
 * state must be the spec's post-state of that one action.
 */
final class MultiPaxosSpecOracle {
    private static final ObjectMapper M = new ObjectMapper();

    private final int n;
    private final int slots;
    private final Node[] nodes;
    /** Each node's whole state as the trace's deltas build it up (EVENTS.md: logs as deltas). */
    private final ObjectNode[] logged;
    private final TreeSet<String> msgs = new TreeSet<>();

    private final class Node {
        int maxBal = -1;
        int[] aBal = filled();
        String[] aVal = empty();
        int pBal = -1;
        String pPhase = "idle";
        TreeSet<Integer> pPromises = new TreeSet<>();
        int[] hBal = filled();
        String[] hVal = empty();
        int pNext = 1;
        String[] proposed = empty();
        TreeSet<String> pending = new TreeSet<>();
        String[] decided = empty();
        TreeSet<String> l2b = new TreeSet<>();
    }

    MultiPaxosSpecOracle(int n, int slots) {
        this.n = n;
        this.slots = slots;
        nodes = new Node[n + 1];
        logged = new ObjectNode[n + 1];
        for (int k = 1; k <= n; k++) {
            nodes[k] = new Node();
            logged[k] = state(nodes[k]);
        }
    }

    private int[] filled() {
        int[] a = new int[slots];
        Arrays.fill(a, -1);
        return a;
    }

    private String[] empty() {
        String[] a = new String[slots];
        Arrays.fill(a, "");
        return a;
    }

    String step(TraceReader.Event e) {
        String why = apply(nodes[e.node()], e.node(), e.action(), e.msg());
        if (why != null) {
            return "line " + e.line() + " " + e.action() + " at node " + e.node() + ": " + why;
        }
        ObjectNode expect = state(nodes[e.node()]);
        logged[e.node()] = DeltaStates.apply(logged[e.node()], e.state());
        if (!expect.equals(logged[e.node()])) {
            return "line " + e.line() + " " + e.action() + " at node " + e.node() + ": state " + logged[e.node()]
                    + " (logged " + e.state() + ") but the spec says " + expect;
        }
        return null;
    }

    private String apply(Node x, int p, String action, JsonNode m) {
        String type = m == null ? "" : m.get("type").asText();
        boolean sent = m != null && msgs.contains(m.toString());
        switch (action) {
            case "ClientRequest": {
                String c = m.get("val").asText();
                if (x.pending.contains(c)) {
                    return c + " already pending";
                }
                x.pending.add(c);
                return null;
            }
            case "Phase1a": {
                int b = m.get("bal").asInt();
                if (!type.equals("1a") || b % n + 1 != p || b <= x.pBal || m.get("from").asInt() != p) {
                    return "not enabled for " + m;
                }
                x.pBal = b;
                x.pPhase = "p1";
                x.pPromises.clear();
                x.hBal = filled();
                x.hVal = empty();
                x.proposed = empty();
                x.pNext = 1;
                msgs.add(m.toString());
                return null;
            }
            case "Phase1b": {
                if (!sent || !type.equals("1a") || m.get("bal").asInt() <= x.maxBal) {
                    return "not enabled for " + m;
                }
                x.maxBal = m.get("bal").asInt();
                ObjectNode b = M.createObjectNode().put("type", "1b").put("bal", x.maxBal).put("from", p);
                b.set("votes", votes(x.aBal, x.aVal));
                msgs.add(b.toString());
                return null;
            }
            case "HandlePromise": {
                if (!sent || !type.equals("1b") || !x.pPhase.equals("p1") || m.get("bal").asInt() != x.pBal) {
                    return "not enabled for " + m;
                }
                x.pPromises.add(m.get("from").asInt());
                for (int s = 0; s < slots; s++) {
                    JsonNode v = m.get("votes").get(s);
                    if (v.get("mbal").asInt() > x.hBal[s]) {
                        x.hBal[s] = v.get("mbal").asInt();
                        x.hVal[s] = v.get("mval").asText();
                    }
                }
                return null;
            }
            case "BecomeLeader": {
                if (!x.pPhase.equals("p1") || 2 * x.pPromises.size() <= n || m != null) {
                    return "not enabled";
                }
                x.pPhase = "p2";
                int highest = 0;
                for (int s = 1; s <= slots; s++) {
                    if (x.hBal[s - 1] >= 0) {
                        highest = s;
                    }
                }
                x.pNext = highest + 1;
                return null;
            }
            case "Phase2a": {
                int s = m.get("slot").asInt();
                String v = m.get("val").asText();
                if (!type.equals("2a") || !x.pPhase.equals("p2") || s < 1 || s > slots || !x.proposed[s - 1].isEmpty()
                        || m.get("bal").asInt() != x.pBal || m.get("from").asInt() != p) {
                    return "not enabled for " + m;
                }
                if (x.hBal[s - 1] >= 0) {
                    if (!v.equals(x.hVal[s - 1])) {
                        return "slot " + s + " must re-propose " + x.hVal[s - 1];
                    }
                } else if (s < x.pNext) {
                    if (!v.equals("noop")) {
                        return "hole " + s + " must be filled with noop";
                    }
                } else if (s == x.pNext && x.pending.contains(v)) {
                    x.pending.remove(v);
                    x.pNext = s + 1;
                } else {
                    return "slot " + s + " value " + v + " is no allowed proposal";
                }
                x.proposed[s - 1] = v;
                msgs.add(m.toString());
                return null;
            }
            case "Phase2b": {
                if (!sent || !type.equals("2a") || m.get("bal").asInt() < x.maxBal) {
                    return "not enabled for " + m;
                }
                int s = m.get("slot").asInt();
                x.maxBal = m.get("bal").asInt();
                x.aBal[s - 1] = x.maxBal;
                x.aVal[s - 1] = m.get("val").asText();
                msgs.add(M.createObjectNode().put("type", "2b").put("bal", x.maxBal).put("slot", s)
                        .put("val", x.aVal[s - 1]).put("from", p).toString());
                return null;
            }
            case "Learn": {
                if (!sent || !type.equals("2b")) {
                    return "not enabled for " + m;
                }
                x.l2b.add(m.toString());
                int agree = 0;
                for (String r : x.l2b) {
                    JsonNode y = parse(r);
                    if (y.get("bal").equals(m.get("bal")) && y.get("slot").equals(m.get("slot")) && y.get("val").equals(m.get("val"))) {
                        agree++;
                    }
                }
                if (2 * agree > n) {
                    x.decided[m.get("slot").asInt() - 1] = m.get("val").asText();
                }
                return null;
            }
            case "Restart": {
                Node fresh = new Node();
                fresh.maxBal = x.maxBal;
                fresh.aBal = x.aBal;
                fresh.aVal = x.aVal;
                fresh.pBal = x.pBal;
                nodes[p] = fresh;
                return null;
            }
            default:
                return "no such action";
        }
    }

    private static JsonNode parse(String s) {
        try {
            return M.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode votes(int[] bal, String[] val) {
        ArrayNode a = M.createArrayNode();
        for (int s = 0; s < bal.length; s++) {
            a.add(M.createObjectNode().put("mbal", bal[s]).put("mval", val[s]));
        }
        return a;
    }

    private static ArrayNode strings(Iterable<String> xs) {
        ArrayNode a = M.createArrayNode();
        xs.forEach(a::add);
        return a;
    }

    private ObjectNode state(Node x) {
        ObjectNode s = M.createObjectNode().put("maxBal", x.maxBal);
        s.set("aVotes", votes(x.aBal, x.aVal));
        s.put("pBal", x.pBal).put("pPhase", x.pPhase);
        ArrayNode pr = s.putArray("pPromises");
        x.pPromises.forEach(pr::add);
        s.set("pHigh", votes(x.hBal, x.hVal));
        s.put("pNext", x.pNext);
        s.set("pProposed", strings(Arrays.asList(x.proposed)));
        s.set("pending", strings(x.pending));
        s.set("decided", strings(Arrays.asList(x.decided)));
        return s;
    }
}
