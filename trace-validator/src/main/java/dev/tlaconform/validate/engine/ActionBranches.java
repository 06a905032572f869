package dev.tlaconform.validate.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;
import tlc2.tool.Action;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.EvalControl;
import tlc2.tool.TLCState;
import tlc2.tool.ToolGlobals;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;
import tlc2.value.impl.BoolValue;

/**
 * Which alternatives of each spec action the validated steps took, as TLC's coverage reports per
 * sub-expression: every disjunct of a disjunction ({@code \/}), both arms of an IF, every arm of a
 * CASE, found through the action's conjunctions, labels, LET bodies and the definitions it applies
 * as conjuncts (depth at most {@link #MAX_DEPTH}). Not through a quantifier: {@code \E x \in S : P}
 * is one leaf.
 *
 * <p>Sound: an alternative counts only when, on an accepted step (the candidate state before, the
 * surviving state after) and under the binding of the action's parameters that makes the whole
 * action true on that pair, it evaluated to TRUE (an IF: its guard took that side); a disjunct that
 * held is then walked further. Cheap: one surviving pair per event is examined (the first; an
 * under-approximation when an event leaves several candidates), and only when recording is on.
 */
final class ActionBranches {
    static final int MAX_DEPTH = 8;

    private final Tool tool;
    private final Path runDir;
    /** Per action, its alternatives' labels in source order, and per label the steps that took it. */
    private final Map<String, Map<String, LongAdder>> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> sourceLines = new ConcurrentHashMap<>();
    /** The label of each alternative node (keyed by identity: one node, one label). */
    private final Map<SemanticNode, String> labels = new java.util.IdentityHashMap<>();

    ActionBranches(Tool tool, List<ActionSite> sites, Path runDir) {
        this.tool = tool;
        this.runDir = runDir;
        // TLC splits Next at its disjunctions: an action whose definition is a disjunction comes as
        // several sites, one per disjunct (and per value of a quantifier over a constant set: same body)
        Map<String, List<SemanticNode>> bodies = new LinkedHashMap<>();
        for (ActionSite a : sites) {
            List<SemanticNode> b = bodies.computeIfAbsent(a.name, k -> new java.util.ArrayList<>());
            if (b.stream().noneMatch(x -> x == a.body)) b.add(a.body);
        }
        for (ActionSite a : sites) {
            Map<String, LongAdder> m = counts.computeIfAbsent(a.name, k -> new LinkedHashMap<>());
            List<SemanticNode> b = bodies.get(a.name);
            if (b.size() > 1) {
                m.putIfAbsent(label(a.body, "\\/ " + (indexOf(b, a.body) + 1) + " of " + b.size()), new LongAdder());
            }
            collect(a.body, m, new HashSet<>(), 0);
        }
    }

    private static int indexOf(List<SemanticNode> l, SemanticNode n) {
        for (int i = 0; i < l.size(); i++) if (l.get(i) == n) return i;
        return -1;
    }

    /** Per action, each alternative's label and how many examined steps took it (0: never), in source order. */
    Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        counts.forEach((a, m) -> {
            if (m.isEmpty()) return;
            Map<String, Long> c = new LinkedHashMap<>();
            m.forEach((l, n) -> c.put(l, n.sum()));
            out.put(a, c);
        });
        return out;
    }

    // ---- the static walk: every alternative an action has -------------------------------------------------

    private void collect(SemanticNode n, Map<String, LongAdder> m, Set<OpDefNode> path, int depth) {
        n = unwrap(n);
        if (depth > MAX_DEPTH || !(n instanceof OpApplNode)) return;
        OpApplNode app = (OpApplNode) n;
        int code = BuiltInOPs.getOpCode(app.getOperator().getName());
        ExprOrOpArgNode[] args = app.getArgs();
        switch (code) {
            case ToolGlobals.OPCODE_cl, ToolGlobals.OPCODE_land -> {
                for (ExprOrOpArgNode a : args) collect(a, m, path, depth + 1);
            }
            case ToolGlobals.OPCODE_dl, ToolGlobals.OPCODE_lor -> {
                for (int i = 0; i < args.length; i++) {
                    m.putIfAbsent(label(args[i], "\\/ " + (i + 1) + " of " + args.length), new LongAdder());
                    collect(args[i], m, path, depth + 1);
                }
            }
            case ToolGlobals.OPCODE_ite -> {
                m.putIfAbsent(label(n, "IF ... THEN"), new LongAdder());
                m.putIfAbsent(label(args[2], "ELSE"), new LongAdder());
                collect(args[1], m, path, depth + 1);
                collect(args[2], m, path, depth + 1);
            }
            case ToolGlobals.OPCODE_case -> {
                for (int i = 0; i < args.length; i++) {
                    OpApplNode arm = (OpApplNode) args[i];
                    m.putIfAbsent(label(arm, "CASE arm " + (i + 1) + " of " + args.length), new LongAdder());
                    collect(arm.getArgs()[1], m, path, depth + 1);
                }
            }
            case 0 -> {
                OpDefNode d = definition(app);
                if (d != null && path.add(d)) {
                    collect(d.getBody(), m, path, depth + 1);
                    path.remove(d);
                }
            }
            default -> { }
        }
    }

    /** n without the labels and LET ... IN around its expression (a LET's definitions are looked up when used). */
    private static SemanticNode unwrap(SemanticNode n) {
        for (int guard = 0; guard < 32; guard++) {
            if (n instanceof LabelNode) {
                n = ((LabelNode) n).getBody();
            } else if (n instanceof LetInNode) {
                n = ((LetInNode) n).getBody();
            } else {
                break;
            }
        }
        return n;
    }

    /** The user-defined operator applied at app, or null (a built-in, a parameter, a recursive one). */
    private static OpDefNode definition(OpApplNode app) {
        if (!(app.getOperator() instanceof OpDefNode)) return null;
        OpDefNode d = (OpDefNode) app.getOperator();
        if (d.getKind() != ASTConstants.UserDefinedOpKind || d.getInRecursive() || d.getBody() == null) return null;
        return d;
    }

    private String label(SemanticNode n, String what) {
        String l = labels.get(n);
        if (l != null) return l;
        Location loc = n.getLocation();
        String text = snippet(loc);
        l = loc.source() + ".tla:" + loc.beginLine() + ":" + loc.beginColumn() + " " + what + (text.isEmpty() ? "" : ": " + text);
        labels.put(n, l);
        return l;
    }

    /** The start of the node's source text on its first line (up to 60 characters). */
    private String snippet(Location loc) {
        List<String> lines = sourceLines.computeIfAbsent(loc.source(), mod -> {
            try {
                return Files.readAllLines(runDir.resolve(mod + ".tla"), StandardCharsets.UTF_8);
            } catch (java.io.IOException | RuntimeException e) {
                return List.of();   // a standard module: no snippet
            }
        });
        if (loc.beginLine() < 1 || loc.beginLine() > lines.size()) return "";
        String line = lines.get(loc.beginLine() - 1);
        String s = loc.beginColumn() - 1 < line.length() ? line.substring(Math.max(0, loc.beginColumn() - 1)).trim() : "";
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    // ---- the dynamic walk: which alternatives one accepted step took -------------------------------------

    /**
     * Records the alternatives the step from p to t took under one of acts: the first site and
     * binding for which the whole action holds on (p, t).
     */
    void record(Step st, List<ActionSite> acts, TLCState p, TLCState t) {
        for (ActionSite a : acts) {
            Map<String, LongAdder> m = counts.get(a.name);
            if (m == null || m.isEmpty()) continue;
            List<Context> cs;
            try {
                cs = a.quants.isEmpty() ? List.of(a.con)
                        : Step.bind(st.engine, a, st.kind.quantBinding.get(a), st.exJson, p, st.limit).contexts();
            } catch (RuntimeException e) {
                continue;
            }
            for (Context c : cs) {
                Action act = a.quants.isEmpty() ? a.tlcAction : new Action(a.body, c, a.opDef);
                if (holds(act.pred, act.con, p, t)) {
                    take(m, a.body);   // the site itself, when its action is split into several
                    walk(act.pred, act.con, p, t, m, new HashSet<>(), 0);
                    return;
                }
            }
        }
    }

    private boolean holds(SemanticNode n, Context c, TLCState p, TLCState t) {
        try {
            Object v = tool.eval(n, c, p, t, EvalControl.Clear);
            return v instanceof BoolValue && ((BoolValue) v).val;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    private void take(Map<String, LongAdder> m, SemanticNode n) {
        String l = labels.get(n);
        LongAdder a = l == null ? null : m.get(l);
        if (a != null) a.increment();
    }

    private void walk(SemanticNode n, Context c, TLCState p, TLCState t, Map<String, LongAdder> m, Set<OpDefNode> path,
            int depth) {
        n = unwrap(n);
        if (depth > MAX_DEPTH || !(n instanceof OpApplNode)) return;
        OpApplNode app = (OpApplNode) n;
        int code = BuiltInOPs.getOpCode(app.getOperator().getName());
        ExprOrOpArgNode[] args = app.getArgs();
        switch (code) {
            case ToolGlobals.OPCODE_cl, ToolGlobals.OPCODE_land -> {
                for (ExprOrOpArgNode a : args) walk(a, c, p, t, m, path, depth + 1);
            }
            case ToolGlobals.OPCODE_dl, ToolGlobals.OPCODE_lor -> {
                for (ExprOrOpArgNode a : args) {
                    if (holds(a, c, p, t)) {
                        take(m, a);
                        walk(a, c, p, t, m, path, depth + 1);
                    }
                }
            }
            case ToolGlobals.OPCODE_ite -> {
                boolean then = holds(args[0], c, p, t);
                take(m, then ? n : args[2]);
                walk(then ? args[1] : args[2], c, p, t, m, path, depth + 1);
            }
            case ToolGlobals.OPCODE_case -> {
                for (ExprOrOpArgNode a : args) {
                    OpApplNode arm = (OpApplNode) a;
                    ExprOrOpArgNode guard = arm.getArgs()[0];
                    if (guard == null || holds(guard, c, p, t)) {   // OTHER has no guard
                        take(m, arm);
                        walk(arm.getArgs()[1], c, p, t, m, path, depth + 1);
                        break;
                    }
                }
            }
            case 0 -> {
                OpDefNode d = definition(app);
                if (d == null || !path.add(d)) return;
                Context inner = c;
                FormalParamNode[] formals = d.getParams();
                try {
                    for (int i = 0; i < formals.length; i++) {
                        if (formals[i].getArity() > 0) return;   // an operator argument: not walked into
                        inner = inner.cons(formals[i], tool.eval(args[i], c, p, t, EvalControl.Clear));
                    }
                } catch (RuntimeException e) {
                    return;
                }
                walk(d.getBody(), inner, p, t, m, path, depth + 1);
                path.remove(d);
            }
            default -> { }
        }
    }
}
