package dev.tlaconform.validate.engine;

import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.TraceMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tla2sany.semantic.ExprNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.Action;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.ToolGlobals;
import tlc2.util.FP64;
import tlc2.value.impl.Value;

/**
 * One kind of trace event (an entry of the mapping's {@code events}) compiled against the loaded
 * spec: the spec action's instances (TLC's sub-actions of Next) indexed by the values of the
 * parameters bound in their Context, so an event finds its instances in O(1); and, for parameters
 * that are not in the Context because they range over a state-dependent set (a top-level
 * {@code \E m \in msgs : ...}), where that quantifier is so the engine can bind it directly.
 */
final class EventKind {
    /** A top-level {@code \E x \in S : body} of an action instance whose x the event binds. */
    record Exists(FormalParamNode symbol, ExprNode bound, SemanticNode body) {}

    final String eventAction;
    final String specAction;
    /** Parameters bound in the actions' Context, and the event paths they come from. */
    final String[] ctxParams;
    final String[] ctxPaths;
    final Value[] ctxHints;
    /** Parameters bound by a top-level \E of the action (in nesting order). */
    final String[] exParams;
    final String[] exPaths;
    /** Per action instance (same order as the index values), its \E descents. */
    final Map<Action, Exists[]> exists = new HashMap<>();
    private final Map<Long, List<Action>> byKey = new HashMap<>();
    /** For diagnostics: the values each Context parameter takes (TLA+ text, sorted). */
    final Map<String, TreeSet<String>> paramValues = new LinkedHashMap<>();
    final Map<String, String> state;

    EventKind(String eventAction, TraceMapping.EventMapping em, Action[] all, Map<String, String> state,
              TraceMapping mapping) throws BadTraceException {
        this.eventAction = eventAction;
        this.specAction = em.action();
        this.state = state;
        List<Action> mine = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (Action a : all) {
            names.add(a.getName().toString());
            if (a.getName().toString().equals(specAction)) mine.add(a);
        }
        if (mine.isEmpty()) {
            throw new BadTraceException(mapping.file(), 0, "events." + eventAction + ": the spec " + mapping.spec()
                    + " has no sub-action of " + mapping.next() + " named " + specAction + " (it has " + names + ")");
        }
        List<String> cp = new ArrayList<>(), cpath = new ArrayList<>(), ep = new ArrayList<>(), epath = new ArrayList<>();
        Action first = mine.get(0);
        for (Map.Entry<String, String> p : em.params().entrySet()) {
            if (lookup(first, p.getKey()) != null) {
                cp.add(p.getKey());
                cpath.add(p.getValue());
            } else {
                ep.add(p.getKey());
                epath.add(p.getValue());
            }
        }
        ctxParams = cp.toArray(new String[0]);
        ctxPaths = cpath.toArray(new String[0]);
        exParams = ep.toArray(new String[0]);
        exPaths = epath.toArray(new String[0]);
        ctxHints = new Value[ctxParams.length];
        for (String p : ctxParams) paramValues.put(p, new TreeSet<>());
        for (Action a : mine) {
            Value[] vals = new Value[ctxParams.length];
            for (int i = 0; i < ctxParams.length; i++) {
                vals[i] = lookup(a, ctxParams[i]);
                if (vals[i] == null) {
                    throw new BadTraceException(mapping.file(), 0, "events." + eventAction + ".params: " + ctxParams[i]
                            + " is bound in some instances of " + specAction + " but not in " + a.getLocation());
                }
                ctxHints[i] = vals[i];
                paramValues.get(ctxParams[i]).add(vals[i].toString());
            }
            byKey.computeIfAbsent(key(vals), k -> new ArrayList<>()).add(a);
            Exists[] ex = new Exists[exParams.length];
            SemanticNode pred = a.pred;
            for (int i = 0; i < exParams.length; i++) {
                ex[i] = findExists(pred, exParams[i]);
                if (ex[i] == null) {
                    throw new BadTraceException(mapping.file(), 0, "events." + eventAction + ".params: " + exParams[i]
                            + " is neither a parameter of " + specAction + " (bound: " + contextNames(a)
                            + ") nor a top-level \\E of its body (" + a.getLocation() + ")");
                }
                pred = ex[i].body();
            }
            exists.put(a, ex);
        }
    }

    /** The action instances whose Context parameters have these values, or null. */
    List<Action> instances(Value[] ctxValues) {
        return byKey.get(key(ctxValues));
    }

    static long key(Value[] vals) {
        long fp = FP64.New();
        for (Value v : vals) fp = v.fingerPrint(fp);
        return fp;
    }

    /** The value of the innermost Context entry named {@code name}, or null. */
    static Value lookup(Action a, String name) {
        SymbolNode s = a.con.lookupName(x -> x.getName().toString().equals(name));
        if (s == null) return null;
        Object v = a.con.lookup(s);
        return v instanceof Value ? (Value) v : null;
    }

    static List<String> contextNames(Action a) {
        List<String> out = new ArrayList<>();
        a.con.lookupName(x -> {
            if (!out.contains(x.getName().toString())) out.add(x.getName().toString());
            return false;
        });
        return out;
    }

    /** Finds {@code \E name \in S : body} at the top of pred (under labels and one-item conjunctions). */
    static Exists findExists(SemanticNode pred, String name) {
        SemanticNode n = pred;
        for (int guard = 0; guard < 64; guard++) {
            if (n instanceof LabelNode) {
                n = ((LabelNode) n).getBody();
                continue;
            }
            if (!(n instanceof OpApplNode)) return null;
            OpApplNode app = (OpApplNode) n;
            int op = BuiltInOPs.getOpCode(app.getOperator().getName());
            if ((op == ToolGlobals.OPCODE_cl || op == ToolGlobals.OPCODE_land) && app.getArgs().length == 1) {
                n = app.getArgs()[0];
                continue;
            }
            if (op != ToolGlobals.OPCODE_be) return null;
            FormalParamNode[][] syms = app.getBdedQuantSymbolLists();
            if (syms.length != 1 || syms[0].length != 1 || app.isBdedQuantATuple()[0]) return null;
            if (!syms[0][0].getName().toString().equals(name)) return null;
            return new Exists(syms[0][0], app.getBdedQuantBounds()[0], app.getArgs()[0]);
        }
        return null;
    }
}
