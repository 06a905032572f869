package dev.tlaconform.validate.engine;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprNode;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.Subst;
import tla2sany.semantic.SubstInNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.ToolGlobals;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;

/**
 * Which state variables may hold persistent functions ({@link tlc2.value.impl.PersistentFcn}): those
 * whose EXCEPT results no TLA+ expression reads before the engine folds them. TLC 2.18's
 * {@code FcnLambdaValue.toTuple} ignores a lambda's pending EXCEPTs (bytecode: it never reads
 * {@code excepts} or {@code fcnRcd}), so {@code Len}, {@code Append}, {@code SubSeq}, {@code <<...>> = f}
 * and a tuple's {@code compareTo} would see an EXCEPT result of a persistent function without its
 * EXCEPTs. Such a result exists only from TLC's EXCEPT until the engine's fold after the step, so it
 * is safe when every EXCEPT the spec evaluates is stored straight into a primed variable
 * ({@code v' = [v EXCEPT ...]}, through IF/CASE branches, LET bodies, operator bodies and the new
 * values of an enclosing EXCEPT) and that primed variable is not read in the step (only assigned, or
 * named by UNCHANGED). Computed once from SANY's tree, walking Next's actions and Init, every
 * definition without parameters of the spec's own (non-standard) modules and every definition of the
 * loaded root module (the mapping's), and, transitively, the operators they apply, in the mode of the
 * application (an operator with parameters is evaluated only where it is applied; Java overrides see
 * only their arguments); conservative: an EXCEPT elsewhere rules out the variable its base is (or, when the
 * base is not a variable, every variable), a primed read rules out its variable, a construct the
 * walk does not know rules out every variable. Two more reads of a pending result (ExceptScanTest,
 * specs/scangaps): a later {@code v' = e} of a conjunction is TLC's test {@code first.equals(e)}
 * (a tuple's {@code equals} goes through {@code toTuple}), so a variable two conjuncts may assign
 * is ruled out; {@code @} in an EXCEPT clause after the first is the earlier clauses' result at its
 * path, so it rules out the base variable.
 */
final class ExceptScan {
    private final Tool tool;
    private final Map<OpDeclNode, Integer> vars = new IdentityHashMap<>();
    private final boolean[] allowed;
    private boolean none;
    /**
     * Definitions walked, per mode (the body of a definition applied where its value is stored is
     * walked again as stored; one evaluated in a step again with primes counted).
     */
    private final Set<OpDefNode> walkedRead = new HashSet<>(), walkedStored = new HashSet<>(),
            stepRead = new HashSet<>(), stepStored = new HashSet<>();
    /**
     * Walking what TLC evaluates while it computes a step (Init, Next and what they apply): a primed
     * variable read there may be a pending EXCEPT result. Elsewhere (invariants, their step forms,
     * evaluated by the engine on states it has already folded) primes read folded values.
     */
    private boolean step;
    /** Why variables were ruled out (for docs and tests). */
    final java.util.List<String> reasons = new java.util.ArrayList<>();

    private ExceptScan(Tool tool, OpDeclNode[] vs) {
        this.tool = tool;
        for (int i = 0; i < vs.length; i++) vars.put(vs[i], i);
        allowed = new boolean[vs.length];
        java.util.Arrays.fill(allowed, true);
    }

    /** Per variable (TLCState.vars order), whether its functions may be persistent. */
    static ExceptScan of(Tool tool, OpDeclNode[] vs) {
        ExceptScan s = new ExceptScan(tool, vs);
        try {
            s.step = true;
            for (tlc2.tool.Action a : tool.getActions()) s.walk(a.pred, false);
            tlc2.tool.Action next = tool.getNextStateSpec();
            if (next != null) s.walk(next.pred, false);
            tlc2.util.Vect<tlc2.tool.Action> init = tool.getInitStateSpec();
            for (int i = 0; init != null && i < init.size(); i++) s.walk(init.elementAt(i).pred, false);
            s.step = false;
            for (OpDefNode d : tool.getRootModule().getOpDefs()) {
                tla2sany.semantic.ModuleNode m = d.getOriginallyDefinedInModuleNode();
                if (m != null && m.isStandard()) continue;
                if (d.getKind() == ASTConstants.BuiltInKind) continue;
                // an operator with parameters is evaluated where it is applied, and every application
                // is walked (from Next, Init, a definition without parameters or the mapping's own
                // module, whose definitions the engine applies to events): walked there, in that mode
                if (d.getArity() > 0 && d.getOriginallyDefinedInModuleNode() != tool.getRootModule()) continue;
                s.def(d, false);
            }
        } catch (RuntimeException | StackOverflowError e) {
            s.ruleOutAll("the walk failed: " + e);
        }
        return s;
    }

    boolean[] allowed() {
        return none ? new boolean[allowed.length] : allowed.clone();
    }

    /** The variables allowed, and why the others are not. */
    String describe(OpDeclNode[] vs) {
        boolean[] a = allowed();
        java.util.List<String> yes = new java.util.ArrayList<>();
        for (int i = 0; i < vs.length; i++) if (a[i]) yes.add(vs[i].getName().toString());
        return "allowed " + yes + "; not: " + reasons;
    }

    private void ruleOutAll(String why) {
        if (!none) reasons.add("every variable: " + why);
        none = true;
    }

    private void ruleOut(OpDeclNode v, String why) {
        Integer i = vars.get(v);
        if (i == null) {
            ruleOutAll(why + " (a variable of another module)");
            return;
        }
        if (allowed[i]) reasons.add(v.getName() + ": " + why);
        allowed[i] = false;
    }

    private void def(OpDefNode d, boolean stored) {
        if (!(step ? (stored ? stepStored : stepRead) : (stored ? walkedStored : walkedRead)).add(d)) return;
        walk(d.getBody(), stored);
    }

    /** stored: the value of n goes straight into a primed variable's value (nothing reads it in the step). */
    private void walk(SemanticNode n, boolean stored) {
        if (n == null || none) return;
        if (n instanceof OpApplNode) {
            app((OpApplNode) n, stored);
        } else if (n instanceof LetInNode) {
            LetInNode let = (LetInNode) n;
            for (OpDefNode d : let.getLets()) def(d, false);
            walk(let.getBody(), stored);
        } else if (n instanceof SubstInNode) {
            SubstInNode s = (SubstInNode) n;
            for (Subst sub : s.getSubsts()) walk(sub.getExpr(), false);
            walk(s.getBody(), stored);
        } else if (n instanceof LabelNode) {
            walk(((LabelNode) n).getBody(), stored);
        } else if (n instanceof tla2sany.semantic.OpArgNode) {
            SymbolNode op = ((tla2sany.semantic.OpArgNode) n).getOp();
            if (op instanceof OpDefNode) callee((OpDefNode) op, false);
        }
        // numerals, strings, @, formal parameters: nothing to see
    }

    private void app(OpApplNode app, boolean stored) {
        SymbolNode op = app.getOperator();
        ExprOrOpArgNode[] args = app.getArgs();
        ExprNode[] bounds = app.getBdedQuantBounds();
        if (bounds != null) for (ExprNode b : bounds) walk(b, false);
        int code = BuiltInOPs.getOpCode(op.getName());
        if (step && (code == ToolGlobals.OPCODE_cl || code == ToolGlobals.OPCODE_land)) twiceAssigned(app, args);
        switch (code) {
            case ToolGlobals.OPCODE_eq: {
                OpDeclNode v = primedVariable(args[0]);
                if (v != null) { // v' = e: an assignment (or TLC's test of an assigned v'): e is stored
                    walk(args[1], true);
                    return;
                }
                break;
            }
            case ToolGlobals.OPCODE_unchanged:
                return; // names variables: reads nothing TLC built in the step
            case ToolGlobals.OPCODE_prime: {
                if (!step) break; // outside a step: the engine's folded post-state
                OpDeclNode v = primedVariable(app);
                if (v != null) {
                    ruleOut(v, "its primed value is read (" + app.getLocation() + ")");
                    return;
                }
                ruleOutAll("a primed expression that is not a variable (" + app.getLocation() + ")");
                return;
            }
            case ToolGlobals.OPCODE_exc: {
                if (!stored) {
                    OpDeclNode v = root(args[0]);
                    if (v != null) ruleOut(v, "an EXCEPT result is read (" + app.getLocation() + ")");
                    else ruleOutAll("an EXCEPT on a value that is not a variable is read (" + app.getLocation() + ")");
                }
                walk(args[0], false);
                // @ in a clause after the first is the earlier clauses' result at its path: a pending
                // EXCEPT result when an earlier clause's path went deeper (![1][1] = 5, ![1] = Head(@))
                for (int k = 2; k < args.length; k++) {
                    if (usesAt(args[k], new java.util.HashSet<>())) {
                        OpDeclNode v = root(args[0]);
                        if (v != null) ruleOut(v, "@ in a later EXCEPT clause may read an earlier clause's result (" + app.getLocation() + ")");
                        else ruleOutAll("@ in a later clause of an EXCEPT on a value that is not a variable (" + app.getLocation() + ")");
                        break;
                    }
                }
                for (int k = 1; k < args.length; k++) {
                    ExprOrOpArgNode p = args[k];
                    if (p instanceof OpApplNode && ((OpApplNode) p).getArgs().length == 2) {
                        OpApplNode pair = (OpApplNode) p;
                        walk(pair.getArgs()[0], false); // the path
                        walk(pair.getArgs()[1], stored); // the new value: stored in the result
                    } else {
                        walk(p, false);
                    }
                }
                return;
            }
            case ToolGlobals.OPCODE_ite:
                walk(args[0], false);
                walk(args[1], stored);
                walk(args[2], stored);
                return;
            case ToolGlobals.OPCODE_case:
                for (ExprOrOpArgNode a : args) {
                    if (a instanceof OpApplNode && ((OpApplNode) a).getArgs().length == 2) {
                        OpApplNode arm = (OpApplNode) a;
                        walk(arm.getArgs()[0], false);
                        walk(arm.getArgs()[1], stored);
                    } else {
                        walk(a, false);
                    }
                }
                return;
            default:
                break;
        }
        if (op instanceof OpDefNode && ((OpDefNode) op).getKind() != ASTConstants.BuiltInKind) {
            callee((OpDefNode) op, stored);
        } else if (op instanceof OpDeclNode && ((OpDeclNode) op).getKind() != ASTConstants.VariableDeclKind
                && ((OpDeclNode) op).getKind() != ASTConstants.ConstantDeclKind) {
            ruleOutAll("an operator the walk does not know: " + op.getName());
        }
        for (ExprOrOpArgNode a : args) walk(a, false);
    }

    /**
     * A conjunction whose conjuncts may assign the same variable: TLC assigns the first and evaluates the
     * later {@code v' = e} as the test {@code first.equals(e)}, which for a tuple and an EXCEPT result
     * goes through {@code toTuple} (pending EXCEPTs ignored). Rules out every variable two conjuncts may
     * assign ({@code v' = e}, {@code v' \in S}, UNCHANGED; through definitions), in whatever order.
     */
    private void twiceAssigned(OpApplNode app, ExprOrOpArgNode[] args) {
        Set<OpDeclNode> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (ExprOrOpArgNode a : args) {
            Set<OpDeclNode> mine = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            assigns(a, mine, java.util.Collections.newSetFromMap(new IdentityHashMap<>()), false);
            for (OpDeclNode v : mine) {
                if (!seen.add(v)) ruleOut(v, "two conjuncts may assign it, the later one a test (" + app.getLocation() + ")");
            }
        }
    }

    /** Adds to out the variables n may assign (all variables it names, under UNCHANGED); conservative. */
    private void assigns(SemanticNode n, Set<OpDeclNode> out, Set<SemanticNode> visited, boolean unchanged) {
        if (n == null || !visited.add(n)) return;
        if (n instanceof OpApplNode) {
            OpApplNode a = (OpApplNode) n;
            SymbolNode op = a.getOperator();
            if (op instanceof OpDeclNode && ((OpDeclNode) op).getKind() == ASTConstants.VariableDeclKind && unchanged) {
                out.add((OpDeclNode) op);
            }
            int code = BuiltInOPs.getOpCode(op.getName());
            if (code == ToolGlobals.OPCODE_eq || code == ToolGlobals.OPCODE_in) {
                OpDeclNode v = primedVariable(a.getArgs()[0]);
                if (v != null) out.add(v);
            }
            boolean u = unchanged || code == ToolGlobals.OPCODE_unchanged;
            if (op instanceof OpDefNode && ((OpDefNode) op).getKind() != ASTConstants.BuiltInKind) {
                assigns(((OpDefNode) op).getBody(), out, visited, u);
            }
            if (a.getBdedQuantBounds() != null) for (ExprNode b : a.getBdedQuantBounds()) assigns(b, out, visited, u);
            for (ExprOrOpArgNode x : a.getArgs()) assigns(x, out, visited, u);
        } else if (n instanceof LetInNode) {
            for (OpDefNode d : ((LetInNode) n).getLets()) assigns(d.getBody(), out, visited, unchanged);
            assigns(((LetInNode) n).getBody(), out, visited, unchanged);
        } else if (n instanceof SubstInNode) {
            for (Subst sub : ((SubstInNode) n).getSubsts()) assigns(sub.getExpr(), out, visited, unchanged);
            assigns(((SubstInNode) n).getBody(), out, visited, unchanged);
        } else if (n instanceof LabelNode) {
            assigns(((LabelNode) n).getBody(), out, visited, unchanged);
        } else if (n instanceof tla2sany.semantic.OpArgNode) {
            SymbolNode op = ((tla2sany.semantic.OpArgNode) n).getOp();
            if (op instanceof OpDefNode) assigns(((OpDefNode) op).getBody(), out, visited, unchanged);
        }
    }

    /** n (through definitions) contains @. */
    private static boolean usesAt(SemanticNode n, Set<SemanticNode> visited) {
        if (n == null || !visited.add(n)) return false;
        if (n instanceof tla2sany.semantic.AtNode) return true;
        if (n instanceof OpApplNode) {
            OpApplNode a = (OpApplNode) n;
            if (a.getOperator() instanceof OpDefNode && ((OpDefNode) a.getOperator()).getKind() != ASTConstants.BuiltInKind
                    && usesAt(((OpDefNode) a.getOperator()).getBody(), visited)) return true;
            if (a.getBdedQuantBounds() != null) for (ExprNode b : a.getBdedQuantBounds()) if (usesAt(b, visited)) return true;
            for (ExprOrOpArgNode x : a.getArgs()) if (usesAt(x, visited)) return true;
            return false;
        }
        if (n instanceof LetInNode) {
            for (OpDefNode d : ((LetInNode) n).getLets()) if (usesAt(d.getBody(), visited)) return true;
            return usesAt(((LetInNode) n).getBody(), visited);
        }
        if (n instanceof SubstInNode) return usesAt(((SubstInNode) n).getBody(), visited);
        if (n instanceof LabelNode) return usesAt(((LabelNode) n).getBody(), visited);
        return false;
    }

    /** A user definition applied: its body's value is the application's (Java overrides: only their arguments). */
    private void callee(OpDefNode def, boolean stored) {
        Object r;
        try {
            r = tool.lookup(def, Context.Empty, false);
        } catch (RuntimeException e) {
            r = def;
        }
        if (r instanceof DefMemo) r = ((DefMemo) r).def;
        if (r instanceof OpDefNode) def((OpDefNode) r, stored);
    }

    /** The variable e primes (e is v'), or null. */
    private static OpDeclNode primedVariable(ExprOrOpArgNode e) {
        if (!(e instanceof OpApplNode)) return null;
        OpApplNode a = (OpApplNode) e;
        if (BuiltInOPs.getOpCode(a.getOperator().getName()) != ToolGlobals.OPCODE_prime) return null;
        ExprOrOpArgNode x = a.getArgs()[0];
        if (x instanceof OpApplNode && ((OpApplNode) x).getOperator() instanceof OpDeclNode) {
            OpDeclNode d = (OpDeclNode) ((OpApplNode) x).getOperator();
            return d.getKind() == ASTConstants.VariableDeclKind ? d : null;
        }
        return null;
    }

    /** The variable an EXCEPT's base is, through applications, record fields and primes (f[a].x'), or null. */
    private static OpDeclNode root(ExprOrOpArgNode e) {
        while (e instanceof OpApplNode) {
            OpApplNode a = (OpApplNode) e;
            SymbolNode op = a.getOperator();
            if (op instanceof OpDeclNode) {
                return ((OpDeclNode) op).getKind() == ASTConstants.VariableDeclKind ? (OpDeclNode) op : null;
            }
            int code = BuiltInOPs.getOpCode(op.getName());
            if (code != ToolGlobals.OPCODE_fa && code != ToolGlobals.OPCODE_rs && code != ToolGlobals.OPCODE_prime) return null;
            e = a.getArgs()[0];
        }
        return null;
    }
}
