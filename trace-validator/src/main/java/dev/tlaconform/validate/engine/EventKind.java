package dev.tlaconform.validate.engine;

import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.TraceMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tlc2.util.FP64;
import tlc2.value.impl.Value;

/**
 * One kind of trace event (an entry of the mapping's {@code events}) compiled against the loaded
 * spec. Each mapping parameter is either bound in the Context of the action's sites (TLC split Next
 * on it: the sites are indexed by those values, so an event finds its sites in O(1)) or a
 * quantifier of the sites, bound at event time.
 */
final class EventKind {
    final String eventAction;
    final String specAction;
    final String[] ctxParams;
    final String[] ctxPaths;
    final Value[] ctxHints;
    final String[] quantParams;
    final String[] quantPaths;
    /** Per quantifier parameter: its field may be left out (path written {@code msg.view?}): then it is enumerated. */
    final boolean[] quantOptional;
    /** Per site, for each of its quantifiers, the index into quantParams binding it, or -1 (enumerated). */
    final Map<ActionSite, int[]> quantBinding = new HashMap<>();
    private final Map<Long, List<ActionSite>> byKey = new HashMap<>();
    /** For diagnostics: the values each Context parameter takes (TLA+ text, sorted). */
    final Map<String, TreeSet<String>> paramValues = new LinkedHashMap<>();
    /** The variable that must contain the event's msg after the step, or null. */
    final util.UniqueString msgIn;
    /** The event may be a step that changes nothing ({@link TraceMapping#STUTTER} among its actions). */
    final boolean stutter;
    /** The generated definition of the step's "until" condition (repeat the action until it holds), or null. */
    tla2sany.semantic.OpDefNode until;
    /** The event may be one of several actions (a list, or an action and UNCHANGED). */
    final boolean alternatives;
    /** The mapping's require conditions: their generated definitions (set by the engine) and their text. */
    tla2sany.semantic.OpDefNode[] require = new tla2sany.semantic.OpDefNode[0];
    final String[] requireText;

    EventKind(String eventAction, TraceMapping.EventMapping em, List<ActionSite> all, TraceMapping mapping,
              List<String> variables, java.util.Set<String> defined, List<String> warnings) throws BadTraceException {
        this.eventAction = eventAction;
        this.specAction = em.action();
        if (em.msgIn() != null && !variables.contains(em.msgIn())) {
            throw bad(mapping, "msgIn: the spec has no variable " + em.msgIn() + " (it has " + variables + ")");
        }
        this.msgIn = em.msgIn() == null ? null : util.UniqueString.uniqueStringOf(em.msgIn());
        this.stutter = em.actions().contains(TraceMapping.STUTTER);
        this.alternatives = em.actions().size() > 1;
        this.requireText = em.require().toArray(new String[0]);
        List<ActionSite> mine = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (ActionSite s : all) names.add(s.name);
        for (String a : em.actions()) {
            if (a.equals(TraceMapping.STUTTER)) continue;
            if (!names.contains(a)) {
                if (defined.contains(a)) {
                    // an operator of the spec that Next has no instance of for these constants (e.g. \E i \in {} : A(i))
                    warnings.add("events." + eventAction + ": " + mapping.next() + " has no instance of " + a
                            + " for these constants; a " + eventAction + " event is rejected");
                    continue;
                }
                throw bad(mapping, "the spec " + mapping.spec() + " has no action " + a + " in " + mapping.next()
                        + " (it has " + names + ")");
            }
            for (ActionSite s : all) if (s.name.equals(a)) mine.add(s);
        }
        boolean noInstance = mine.isEmpty() && !stutter;
        if (mine.isEmpty() && !em.params().isEmpty() && !noInstance) {
            throw bad(mapping, "params: a step that changes nothing (" + TraceMapping.STUTTER + ") has no parameters to bind");
        }
        List<String> cp = new ArrayList<>(), cpath = new ArrayList<>(), qp = new ArrayList<>(), qpath = new ArrayList<>();
        ActionSite first = mine.isEmpty() ? null : mine.get(0);
        for (String p : em.params().keySet()) {
            // a parameter bound by an \E among the action's conjuncts (below its top): hoisted, so the line binds it
            if (first == null || first.contextValue(p) != null || first.quantFor(p) >= 0) continue;
            List<ActionSite> hoisted = new ArrayList<>();
            for (ActionSite s : mine) {
                ActionSite h = s.quantFor(p) >= 0 ? s : s.hoisting(p);
                if (h == null) {
                    hoisted = null;
                    break;
                }
                hoisted.add(h);
            }
            if (hoisted != null) {
                mine = hoisted;
                first = mine.get(0);
            }
        }
        for (Map.Entry<String, String> p : em.params().entrySet()) {
            if (first == null) {   // no instance: the parameters are read (bad input is still bad input), bound to nothing
                qp.add(p.getKey());
                qpath.add(p.getValue());
            } else if (first.contextValue(p.getKey()) != null) {
                if (TraceMapping.optional(p.getValue())) {
                    throw bad(mapping, "params: " + p.getKey() + " is bound when TLC splits Next, so its field cannot be optional"
                            + " (\"" + p.getValue() + "\"); quantify it over a state-level set to make it so");
                }
                cp.add(p.getKey());
                cpath.add(p.getValue());
            } else if (first.quantFor(p.getKey()) >= 0) {
                qp.add(p.getKey());
                qpath.add(p.getValue());
            } else {
                throw bad(mapping, "params: " + p.getKey() + " is not a parameter of " + specAction + " (it has "
                        + first.parameterNames() + ", " + first.location() + ")");
            }
        }
        ctxParams = cp.toArray(new String[0]);
        ctxPaths = cpath.toArray(new String[0]);
        quantParams = qp.toArray(new String[0]);
        quantOptional = new boolean[qpath.size()];
        for (int i = 0; i < quantOptional.length; i++) {
            quantOptional[i] = TraceMapping.optional(qpath.get(i));
            qpath.set(i, TraceMapping.pathOf(qpath.get(i)));
        }
        quantPaths = qpath.toArray(new String[0]);
        ctxHints = new Value[ctxParams.length];
        for (String p : ctxParams) paramValues.put(p, new TreeSet<>());
        for (ActionSite s : mine) {
            Value[] vals = new Value[ctxParams.length];
            for (int i = 0; i < ctxParams.length; i++) {
                vals[i] = s.contextValue(ctxParams[i]);
                if (vals[i] == null) {
                    throw bad(mapping, "params: " + ctxParams[i] + " is bound in some instances of " + specAction
                            + " but not in " + s.location());
                }
                ctxHints[i] = vals[i];
                paramValues.get(ctxParams[i]).add(vals[i].toString());
            }
            int[] qb = new int[s.quants.size()];
            java.util.Arrays.fill(qb, -1);
            for (int i = 0; i < quantParams.length; i++) {
                int q = s.quantFor(quantParams[i]);
                if (q < 0) {
                    throw bad(mapping, "params: " + quantParams[i] + " is a quantifier of some instances of " + specAction
                            + " but not of " + s.location());
                }
                qb[q] = i;
            }
            quantBinding.put(s, qb);
            byKey.computeIfAbsent(key(vals), k -> new ArrayList<>()).add(s);
        }
    }

    private BadTraceException bad(TraceMapping m, String reason) {
        return new BadTraceException(m.file(), 0, "events." + eventAction + ": " + reason);
    }

    /** The sites whose Context parameters have these values, or null. */
    List<ActionSite> sites(Value[] ctxValues) {
        return byKey.get(key(ctxValues));
    }

    static long key(Value[] vals) {
        long fp = FP64.New();
        for (Value v : vals) fp = v.fingerPrint(fp);
        return fp;
    }
}
