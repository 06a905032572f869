package dev.tlaconform.validate.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tla2sany.semantic.ExprNode;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.Action;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.ToolGlobals;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;
import tlc2.value.impl.Value;

/**
 * One spec action instance as the engine sees it. TLC's {@code getActions()} splits Next at
 * disjunctions and at ∃ over constant sets (binding those parameters in the action's Context), but
 * keeps {@code \E a \in Nodes, m \in msgs : Phase1b(a, m)} whole (its set depends on the state)
 * and names it after Next. A site refines that: it is named after the operator applied at the leaf
 * ({@code Phase1b}) and lists the quantifiers still to bind ({@code a}, {@code m}), each bound at
 * event time from the event's fields (O(log n) membership) or, when unlogged, by enumeration.
 * Quantifiers at the top of the action's own body ({@code Phase1b(a) == \E m \in msgs : ...}) are
 * listed too.
 */
final class ActionSite {
    /** A quantifier {@code \E sym \in bound} to bind; alias is the leaf operator's formal parameter it is passed as. */
    record Quant(FormalParamNode sym, ExprNode bound, String alias) {}

    final String name;
    final Action tlcAction;
    final Context con;
    final OpDefNode opDef;
    final List<Quant> quants;
    /** The predicate left once every quantifier is bound. */
    final SemanticNode body;
    /**
     * Per quantifier, a state-level set E with a top-level conjunct {@code sym \in E} in the body
     * (through the leaf operator's definition: {@code HandlePromise(p, m) == /\ m \in msgs /\ ...}),
     * or null. Only elements of E can enable the action, so a quantifier whose value is not logged
     * (or logged partially) is bound to the elements of E in its set, not to every element of its
     * set (Multi-Paxos's 1b messages: about 10^16).
     */
    final ExprNode[] sources;

    private ActionSite(String name, Action tlcAction, Context con, OpDefNode opDef, List<Quant> quants, SemanticNode body) {
        this.name = name;
        this.tlcAction = tlcAction;
        this.con = con;
        this.opDef = opDef;
        this.quants = quants;
        this.body = body;
        java.util.Map<SymbolNode, Integer> idx = new java.util.HashMap<>();
        for (int i = 0; i < quants.size(); i++) idx.put(quants.get(i).sym(), i);
        this.sources = sources(body, idx, quants.size());
    }

    /**
     * Per binder (idx: binder → its index, n binders), the state-level closed set S of a top-level
     * conjunct {@code sym \in S} of body, or null. Shared with {@link NextSites} (the generated
     * trace spec draws a partially logged value from the same set).
     */
    static ExprNode[] sources(SemanticNode body, java.util.Map<SymbolNode, Integer> idx, int n) {
        ExprNode[] out = new ExprNode[n];
        if (n > 0) conjuncts(body, idx, 0, out);
        return out;
    }

    /** Fills sources from the top-level conjuncts of n (labels, /\, the bodies of applied definitions). */
    private static void conjuncts(SemanticNode n, java.util.Map<SymbolNode, Integer> idx, int depth, ExprNode[] sources) {
        if (depth > 16 || idx.isEmpty()) return;
        if (n instanceof LabelNode) {
            conjuncts(((LabelNode) n).getBody(), idx, depth + 1, sources);
            return;
        }
        if (!(n instanceof OpApplNode)) return;
        OpApplNode app = (OpApplNode) n;
        SymbolNode op = app.getOperator();
        int code = BuiltInOPs.getOpCode(op.getName());
        if (code == ToolGlobals.OPCODE_cl || code == ToolGlobals.OPCODE_land) {
            for (ExprOrOpArgNode a : app.getArgs()) conjuncts(a, idx, depth + 1, sources);
            return;
        }
        if (code == ToolGlobals.OPCODE_in && app.getArgs().length == 2 && app.getArgs()[0] instanceof OpApplNode) {
            Integer k = idx.get(((OpApplNode) app.getArgs()[0]).getOperator());
            ExprOrOpArgNode set = app.getArgs()[1];
            if (k != null && sources[k] == null && set instanceof ExprNode && closed(set, 0)
                    && ((ExprNode) set).getLevel() <= tla2sany.semantic.LevelConstants.VariableLevel) {
                sources[k] = (ExprNode) set;
            }
            return;
        }
        if (code == 0 && op instanceof OpDefNode && ((OpDefNode) op).getKind() == tla2sany.semantic.ASTConstants.UserDefinedOpKind) {
            OpDefNode od = (OpDefNode) op;
            FormalParamNode[] formals = od.getParams();
            java.util.Map<SymbolNode, Integer> inner = new java.util.HashMap<>();
            ExprOrOpArgNode[] args = app.getArgs();
            for (int i = 0; i < args.length && i < formals.length; i++) {
                if (!(args[i] instanceof OpApplNode)) continue;
                Integer k = idx.get(((OpApplNode) args[i]).getOperator());
                if (k != null) inner.put(formals[i], k);
            }
            conjuncts(od.getBody(), inner, depth + 1, sources);
        }
    }

    /** True when e names no formal parameter or bound identifier (so it evaluates in any Context). */
    private static boolean closed(SemanticNode e, int depth) {
        if (depth > 64) return false;
        if (e instanceof OpApplNode) {
            OpApplNode app = (OpApplNode) e;
            if (app.getOperator() instanceof FormalParamNode) return false;
            if (app.getBdedQuantSymbolLists() != null && app.getBdedQuantSymbolLists().length > 0) return false;
            if (app.getUnbdedQuantSymbols() != null && app.getUnbdedQuantSymbols().length > 0) return false;
            for (ExprOrOpArgNode a : app.getArgs()) if (a != null && !closed(a, depth + 1)) return false;
            return true;
        }
        if (e instanceof LabelNode) return closed(((LabelNode) e).getBody(), depth + 1);
        return e instanceof tla2sany.semantic.NumeralNode || e instanceof tla2sany.semantic.StringNode;
    }

    /** The sites of all of TLC's sub-actions of Next. */
    static List<ActionSite> of(Tool tool, Action[] actions) {
        List<ActionSite> out = new ArrayList<>();
        for (Action a : actions) split(tool, a, a.pred, new ArrayList<>(), out, 0);
        return out;
    }

    private static void split(Tool tool, Action a, SemanticNode n, List<Quant> quants, List<ActionSite> out, int depth) {
        if (depth < 32) {
            if (n instanceof LabelNode) {
                split(tool, a, ((LabelNode) n).getBody(), quants, out, depth + 1);
                return;
            }
            if (n instanceof OpApplNode) {
                OpApplNode app = (OpApplNode) n;
                int op = BuiltInOPs.getOpCode(app.getOperator().getName());
                if (op == ToolGlobals.OPCODE_be) {
                    List<Quant> q = binders(app, quants);
                    if (q != null) {
                        split(tool, a, app.getArgs()[0], q, out, depth + 1);
                        return;
                    }
                } else if ((op == ToolGlobals.OPCODE_dl || op == ToolGlobals.OPCODE_lor) && !quants.isEmpty()) {
                    for (ExprOrOpArgNode d : app.getArgs()) split(tool, a, d, quants, out, depth + 1);
                    return;
                } else if (op == 0 && !quants.isEmpty()) {
                    Object def = tool.lookup(app.getOperator(), a.con, false);
                    if (def instanceof OpDefNode) {
                        OpDefNode od = (OpDefNode) def;
                        List<Quant> q = aliased(app, od, quants);
                        out.add(withInnerExists(od.getName().toString(), a, od, q, app));
                        return;
                    }
                }
            }
        }
        out.add(withInnerExists(a.getName().toString(), a, a.getOpDef(), quants, n));
    }

    private static List<Quant> binders(OpApplNode be, List<Quant> outer) {
        FormalParamNode[][] syms = be.getBdedQuantSymbolLists();
        boolean[] tuple = be.isBdedQuantATuple();
        ExprNode[] bounds = be.getBdedQuantBounds();
        List<Quant> q = new ArrayList<>(outer);
        for (int i = 0; i < syms.length; i++) {
            if (tuple[i]) return null;
            for (FormalParamNode s : syms[i]) q.add(new Quant(s, bounds[i], null));
        }
        return q;
    }

    private static List<Quant> aliased(OpApplNode app, OpDefNode od, List<Quant> quants) {
        List<Quant> q = new ArrayList<>(quants);
        ExprOrOpArgNode[] args = app.getArgs();
        FormalParamNode[] formals = od.getParams();
        for (int i = 0; i < args.length && i < formals.length; i++) {
            if (!(args[i] instanceof OpApplNode)) continue;
            SymbolNode s = ((OpApplNode) args[i]).getOperator();
            for (int k = 0; k < q.size(); k++) {
                if (q.get(k).sym() == s) q.set(k, new Quant(q.get(k).sym(), q.get(k).bound(), formals[i].getName().toString()));
            }
        }
        return q;
    }

    /** Adds the \E quantifiers at the top of pred (under labels and one-item conjunctions). */
    private static ActionSite withInnerExists(String name, Action a, OpDefNode od, List<Quant> quants, SemanticNode pred) {
        List<Quant> q = new ArrayList<>(quants);
        SemanticNode n = pred;
        for (int guard = 0; guard < 32; guard++) {
            if (n instanceof LabelNode) {
                n = ((LabelNode) n).getBody();
                continue;
            }
            if (!(n instanceof OpApplNode)) break;
            OpApplNode app = (OpApplNode) n;
            int op = BuiltInOPs.getOpCode(app.getOperator().getName());
            if ((op == ToolGlobals.OPCODE_cl || op == ToolGlobals.OPCODE_land) && app.getArgs().length == 1) {
                n = app.getArgs()[0];
                continue;
            }
            if (op != ToolGlobals.OPCODE_be) break;
            List<Quant> b = binders(app, List.of());
            if (b == null) break;
            q.addAll(b);
            n = app.getArgs()[0];
        }
        if (q.size() == quants.size()) n = pred;
        return new ActionSite(name, a, a.con, od, List.copyOf(q), n);
    }

    /**
     * This site with the {@code \E} among its body's conjuncts that binds a symbol named param
     * hoisted into its quantifiers ({@code /\ A /\ \E j \in S : P /\ B} is {@code \E j \in S : A /\ P
     * /\ B}: j is bound nowhere else), so that a mapping parameter can bind it from the line instead
     * of TLC enumerating S (EWD998's {@code SendMsg(i)}: its receiver j); null when the body has no
     * such conjunct ({@link #hoistable}).
     */
    ActionSite hoisting(String param) {
        OpApplNode conj = conjunction(body);
        if (conj == null) return null;
        int k = hoistable(conj, param);
        if (k < 0) return null;
        OpApplNode be = (OpApplNode) conj.getArgs()[k];
        List<Quant> q = binders(be, quants);
        if (q == null) return null;
        ExprOrOpArgNode[] args = conj.getArgs().clone();
        args[k] = be.getArgs()[0];
        OpApplNode hoisted = new OpApplNode(conj.getOperator().getName(), args, conj.getTreeNode(), null);
        return new ActionSite(name, tlcAction, con, opDef, List.copyOf(q), hoisted);
    }

    /** The conjunction (a list or /\) at the top of n (under labels), or null. */
    static OpApplNode conjunction(SemanticNode n) {
        while (n instanceof LabelNode) n = ((LabelNode) n).getBody();
        if (!(n instanceof OpApplNode)) return null;
        int op = BuiltInOPs.getOpCode(((OpApplNode) n).getOperator().getName());
        return op == ToolGlobals.OPCODE_cl || op == ToolGlobals.OPCODE_land ? (OpApplNode) n : null;
    }

    /**
     * The index of the conjunct of conj that is an {@code \E} (no tuple binders) binding a symbol
     * named name, when no other conjunct binds that name (hoisting it would then capture theirs), or -1.
     * Shared with {@link NextSites} (the generated trace spec hoists the same).
     */
    static int hoistable(OpApplNode conj, String name) {
        ExprOrOpArgNode[] args = conj.getArgs();
        int found = -1;
        for (int k = 0; k < args.length; k++) {
            if (!(args[k] instanceof OpApplNode)) continue;
            OpApplNode a = (OpApplNode) args[k];
            if (BuiltInOPs.getOpCode(a.getOperator().getName()) != ToolGlobals.OPCODE_be || found >= 0) continue;
            boolean tuple = false;
            for (boolean t : a.isBdedQuantATuple()) tuple |= t;
            boolean names = false;
            for (FormalParamNode[] syms : a.getBdedQuantSymbolLists()) {
                for (FormalParamNode s : syms) names |= s.getName().toString().equals(name);
            }
            if (names && !tuple) found = k;
        }
        if (found < 0) return -1;
        for (int k = 0; k < args.length; k++) {
            if (k != found && binds(args[k], name, 0)) return -1;
        }
        OpApplNode be = (OpApplNode) args[found];
        if (binds(be.getArgs()[0], name, 0)) return -1;
        for (ExprNode b : be.getBdedQuantBounds()) if (binds(b, name, 0)) return -1;
        return found;
    }

    /** True when n (not entering the definitions it applies) binds or defines something named name. */
    private static boolean binds(SemanticNode n, String name, int depth) {
        if (n == null) return false;
        if (depth > 200) return true;   // too deep to tell: do not hoist
        if (n instanceof LabelNode) return binds(((LabelNode) n).getBody(), name, depth + 1);
        if (n instanceof tla2sany.semantic.LetInNode) {
            tla2sany.semantic.LetInNode let = (tla2sany.semantic.LetInNode) n;
            for (OpDefNode d : let.getLets()) {
                if (d.getName().toString().equals(name)) return true;
                for (FormalParamNode f : d.getParams()) if (f.getName().toString().equals(name)) return true;
                if (binds(d.getBody(), name, depth + 1)) return true;
            }
            return binds(let.getBody(), name, depth + 1);
        }
        if (n instanceof OpApplNode) {
            OpApplNode a = (OpApplNode) n;
            if (a.getUnbdedQuantSymbols() != null) {
                for (FormalParamNode s : a.getUnbdedQuantSymbols()) if (s.getName().toString().equals(name)) return true;
            }
            if (a.getBdedQuantSymbolLists() != null) {
                for (FormalParamNode[] syms : a.getBdedQuantSymbolLists()) {
                    for (FormalParamNode s : syms) if (s.getName().toString().equals(name)) return true;
                }
                for (ExprNode b : a.getBdedQuantBounds()) if (binds(b, name, depth + 1)) return true;
            }
            for (ExprOrOpArgNode x : a.getArgs()) if (binds(x, name, depth + 1)) return true;
            return false;
        }
        if (n instanceof tla2sany.semantic.OpArgNode) {
            SymbolNode op = ((tla2sany.semantic.OpArgNode) n).getOp();
            if (op instanceof OpDefNode && ((OpDefNode) op).getKind() == tla2sany.semantic.ASTConstants.UserDefinedOpKind
                    && ((OpDefNode) op).getName().toString().equals("LAMBDA")) {
                for (FormalParamNode f : ((OpDefNode) op).getParams()) if (f.getName().toString().equals(name)) return true;
                return binds(((OpDefNode) op).getBody(), name, depth + 1);
            }
        }
        return false;
    }

    /** The index of the quantifier a mapping parameter names (by its own name or its alias), or -1. */
    int quantFor(String param) {
        for (int i = 0; i < quants.size(); i++) {
            if (param.equals(quants.get(i).alias())) return i;
        }
        for (int i = 0; i < quants.size(); i++) {
            if (quants.get(i).sym().getName().toString().equals(param)) return i;
        }
        return -1;
    }

    /** The value of the innermost Context entry named {@code name}, or null. */
    Value contextValue(String name) {
        SymbolNode s = con.lookupName(x -> x.getName().toString().equals(name));
        if (s == null) return null;
        Object v = con.lookup(s);
        return v instanceof Value ? (Value) v : null;
    }

    List<String> parameterNames() {
        List<String> out = new ArrayList<>();
        con.lookupName(x -> {
            if (!out.contains(x.getName().toString())) out.add(x.getName().toString());
            return false;
        });
        for (Quant q : quants) out.add(q.alias() != null ? q.alias() : q.sym().getName().toString());
        return out;
    }

    String location() {
        return GuardExplainer.where(body);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(parameterNames().toArray());
    }
}
