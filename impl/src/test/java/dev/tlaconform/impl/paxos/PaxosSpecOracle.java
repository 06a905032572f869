package dev.tlaconform.impl.paxos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.trace.TraceReader;
import java.util.TreeSet;

/**
 * A deliberately literal, independent reading of specs/paxos/Paxos.tla over a trace: for every
 * event, the named action must be enabled for the logged message in the spec state so far, and
 * the node's logged state must be the spec's post-state. Not the trace validator (that one runs
 * TLC); a test oracle that keeps the implementation honest to EVENTS.md inside this module.
 */
final class PaxosSpecOracle {
    private static final ObjectMapper M = new ObjectMapper();

    private final int n;
    private final int[] maxBal;
    private final int[] maxVBal;
    private final String[] maxVal;
    private final int[] pBal;
    private final String[] pPhase;
    private final TreeSet<Integer>[] pPromises;
    private final int[] pHighBal;
    private final String[] pHighVal;
    private final String[] pInput;
    private final String[] decided;
    private final TreeSet<String>[] l2b;
    private final TreeSet<String> msgs = new TreeSet<>();

    @SuppressWarnings("unchecked")
    PaxosSpecOracle(int n) {
        this.n = n;
        maxBal = fill(n, -1);
        maxVBal = fill(n, -1);
        maxVal = empty(n);
        pBal = fill(n, -1);
        pPhase = new String[n + 1];
        java.util.Arrays.fill(pPhase, "idle");
        pPromises = new TreeSet[n + 1];
        l2b = new TreeSet[n + 1];
        for (int k = 0; k <= n; k++) {
            pPromises[k] = new TreeSet<>();
            l2b[k] = new TreeSet<>();
        }
        pHighBal = fill(n, -1);
        pHighVal = empty(n);
        pInput = empty(n);
        decided = empty(n);
    }

    private static int[] fill(int n, int v) {
        int[] a = new int[n + 1];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static String[] empty(int n) {
        String[] a = new String[n + 1];
        java.util.Arrays.fill(a, "");
        return a;
    }

    private boolean quorum(int size) {
        return 2 * size > n;
    }

    private static ObjectNode msg(Object... kv) {
        ObjectNode o = M.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v instanceof Integer x) {
                o.put((String) kv[i], x);
            } else {
                o.put((String) kv[i], (String) v);
            }
        }
        return o;
    }

    /** Applies one event; returns null if it conforms, else why not. */
    String step(TraceReader.Event e) {
        int p = e.node();
        JsonNode m = e.msg();
        String why = apply(p, e.action(), m);
        if (why != null) {
            return "line " + e.line() + " " + e.action() + " at node " + p + ": " + why;
        }
        ObjectNode expect = state(p);
        if (!expect.equals(e.state())) {
            return "line " + e.line() + " " + e.action() + " at node " + p + ": state " + e.state() + " but the spec says " + expect;
        }
        return null;
    }

    private String apply(int p, String action, JsonNode m) {
        switch (action) {
            case "ClientRequest": {
                if (!pInput[p].isEmpty()) {
                    return "pInput is already " + pInput[p];
                }
                pInput[p] = m.get("val").asText();
                return null;
            }
            case "Phase1a": {
                int b = m.get("bal").asInt();
                if (b % n + 1 != p || b <= pBal[p] || !m.equals(msg("type", "1a", "bal", b, "from", p))) {
                    return "not enabled for " + m;
                }
                pBal[p] = b;
                pPhase[p] = "p1";
                pPromises[p].clear();
                pHighBal[p] = -1;
                pHighVal[p] = "";
                msgs.add(m.toString());
                return null;
            }
            case "Phase1b": {
                if (!msgs.contains(m.toString()) || !m.get("type").asText().equals("1a") || m.get("bal").asInt() <= maxBal[p]) {
                    return "not enabled for " + m;
                }
                maxBal[p] = m.get("bal").asInt();
                msgs.add(msg("type", "1b", "bal", maxBal[p], "from", p, "mbal", maxVBal[p], "mval", maxVal[p]).toString());
                return null;
            }
            case "HandlePromise": {
                if (!msgs.contains(m.toString()) || !m.get("type").asText().equals("1b") || !pPhase[p].equals("p1")
                        || m.get("bal").asInt() != pBal[p]) {
                    return "not enabled for " + m;
                }
                pPromises[p].add(m.get("from").asInt());
                if (m.get("mbal").asInt() > pHighBal[p]) {
                    pHighBal[p] = m.get("mbal").asInt();
                    pHighVal[p] = m.get("mval").asText();
                }
                return null;
            }
            case "Phase2a": {
                String v = pHighBal[p] == -1 ? pInput[p] : pHighVal[p];
                if (!pPhase[p].equals("p1") || !quorum(pPromises[p].size()) || v.isEmpty()
                        || !m.equals(msg("type", "2a", "bal", pBal[p], "val", v, "from", p))) {
                    return "not enabled for " + m;
                }
                pPhase[p] = "p2";
                msgs.add(m.toString());
                return null;
            }
            case "Phase2b": {
                if (!msgs.contains(m.toString()) || !m.get("type").asText().equals("2a") || m.get("bal").asInt() < maxBal[p]) {
                    return "not enabled for " + m;
                }
                maxBal[p] = maxVBal[p] = m.get("bal").asInt();
                maxVal[p] = m.get("val").asText();
                msgs.add(msg("type", "2b", "bal", maxBal[p], "val", maxVal[p], "from", p).toString());
                return null;
            }
            case "Learn": {
                if (!msgs.contains(m.toString()) || !m.get("type").asText().equals("2b")) {
                    return "not enabled for " + m;
                }
                l2b[p].add(m.toString());
                int agree = 0;
                for (String x : l2b[p]) {
                    JsonNode y = parse(x);
                    if (y.get("bal").equals(m.get("bal")) && y.get("val").equals(m.get("val"))) {
                        agree++;
                    }
                }
                if (quorum(agree)) {
                    decided[p] = m.get("val").asText();
                }
                return null;
            }
            case "Restart": {
                pPhase[p] = "idle";
                pPromises[p].clear();
                pHighBal[p] = -1;
                pHighVal[p] = "";
                pInput[p] = "";
                decided[p] = "";
                l2b[p].clear();
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

    private ObjectNode state(int p) {
        ObjectNode s = M.createObjectNode();
        s.put("maxBal", maxBal[p]).put("maxVBal", maxVBal[p]).put("maxVal", maxVal[p]).put("pBal", pBal[p])
                .put("pPhase", pPhase[p]);
        ArrayNode a = s.putArray("pPromises");
        pPromises[p].forEach(a::add);
        s.put("pHighBal", pHighBal[p]).put("pHighVal", pHighVal[p]).put("pInput", pInput[p]).put("decided", decided[p]);
        return s;
    }
}
