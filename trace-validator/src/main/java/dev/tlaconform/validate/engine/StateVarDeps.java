package dev.tlaconform.validate.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.AtNode;
import tla2sany.semantic.DecimalNode;
import tla2sany.semantic.ExprNode;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.NumeralNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpArgNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.StringNode;
import tla2sany.semantic.Subst;
import tla2sany.semantic.SubstInNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;

/**
 * Which state variables an expression reads, computed once from SANY's semantic tree: the
 * variables it names, transitively through the bodies of the operators it applies (after TLC's
 * configuration overrides), LET definitions, INSTANCE substitutions and quantifier bounds. A state
 * predicate's value depends only on these variables, so two states that agree on them give it the
 * same value. Conservative: any construct the walk does not know makes the answer "every variable"
 * ({@code null}).
 */
final class StateVarDeps {
    private final Tool tool;
    private final Map<OpDeclNode, Integer> stateVars;
    private final Set<Integer> all = new TreeSet<>();
    private int cutoffs;
    private final Map<OpDefNode, Set<Integer>> memo = new HashMap<>();
    private final Set<OpDefNode> inProgress = new HashSet<>();
    /** Variables of instantiated modules that some INSTANCE substitutes (their substitutes are walked). */
    private final Set<OpDeclNode> substituted = new HashSet<>();
    private final Set<OpDeclNode> foreign = new HashSet<>();
    private boolean unknown;

    private StateVarDeps(Tool tool, OpDeclNode[] vars) {
        this.tool = tool;
        this.stateVars = new java.util.IdentityHashMap<>();
        for (int i = 0; i < vars.length; i++) {
            stateVars.put(vars[i], i);
            all.add(i);
        }
    }

    /**
     * The indexes (into vars, TLC's state variables) of the variables pred reads, sorted, or null
     * when the walk meets something it cannot account for (then the caller must assume every variable).
     */
    static Set<Integer> of(Tool tool, SemanticNode pred, OpDeclNode[] vars) {
        StateVarDeps d = new StateVarDeps(tool, vars);
        Set<Integer> out = new TreeSet<>();
        d.walk(pred, out, 0);
        for (OpDeclNode f : d.foreign) if (!d.substituted.contains(f)) d.unknown = true;
        return d.unknown ? null : out;
    }

    private void walk(SemanticNode n, Set<Integer> out, int depth) {
        if (n == null || unknown) return;
        if (depth > 400) {
            unknown = true;
            return;
        }
        if (n instanceof OpApplNode) {
            OpApplNode app = (OpApplNode) n;
            symbol(app.getOperator(), out, depth);
            ExprNode[] bounds = app.getBdedQuantBounds();
            if (bounds != null) for (ExprNode b : bounds) walk(b, out, depth + 1);
            for (ExprOrOpArgNode a : app.getArgs()) walk(a, out, depth + 1);
        } else if (n instanceof OpArgNode) {
            symbol(((OpArgNode) n).getOp(), out, depth);
        } else if (n instanceof LetInNode) {
            LetInNode let = (LetInNode) n;
            for (OpDefNode d : let.getLets()) out.addAll(orAll(body(d, depth)));
            walk(let.getBody(), out, depth + 1);
        } else if (n instanceof SubstInNode) {
            SubstInNode s = (SubstInNode) n;
            for (Subst sub : s.getSubsts()) {
                substituted.add(sub.getOp());
                walk(sub.getExpr(), out, depth + 1);
            }
            walk(s.getBody(), out, depth + 1);
        } else if (n instanceof LabelNode) {
            walk(((LabelNode) n).getBody(), out, depth + 1);
        } else if (n instanceof AtNode) {
            walk(((AtNode) n).getAtBase(), out, depth + 1);
        } else if (!(n instanceof NumeralNode || n instanceof StringNode || n instanceof DecimalNode
                || n instanceof FormalParamNode)) {
            unknown = true;
        }
    }

    private void symbol(SymbolNode op, Set<Integer> out, int depth) {
        if (op instanceof OpDeclNode) {
            OpDeclNode d = (OpDeclNode) op;
            if (d.getKind() == ASTConstants.VariableDeclKind) {
                Integer i = stateVars.get(d);
                if (i != null) out.add(i);
                else foreign.add(d); // a variable of an INSTANCEd module: fine if the INSTANCE substitutes it
            } else if (d.getKind() != ASTConstants.ConstantDeclKind) {
                unknown = true;
            }
            return;
        }
        if (op instanceof FormalParamNode) return; // a parameter: its argument is walked where it is passed
        if (!(op instanceof OpDefNode)) {
            unknown = true;
            return;
        }
        OpDefNode def = (OpDefNode) op;
        if (def.getKind() == ASTConstants.BuiltInKind) return;
        Object r;
        try {
            r = tool.lookup(def, Context.Empty, false);
        } catch (RuntimeException e) {
            unknown = true;
            return;
        }
        if (r instanceof DefMemo) r = ((DefMemo) r).def; // memoized: its value still comes from its body
        if (r instanceof OpDefNode) {
            out.addAll(orAll(body((OpDefNode) r, depth)));
        } else if (!(r instanceof tlc2.value.IValue)) {
            unknown = true; // neither a definition nor a value (constant or Java override): be conservative
        }
        // a value: a constant from the configuration or a Java override, which sees only its arguments
    }

    private Set<Integer> body(OpDefNode def, int depth) {
        Set<Integer> m = memo.get(def);
        if (m != null) return m;
        if (!inProgress.add(def)) {
            cutoffs++; // recursion: the outer walk of def collects its variables
            return Set.of();
        }
        int before = cutoffs;
        Set<Integer> s = new TreeSet<>();
        walk(def.getBody(), s, depth + 1);
        inProgress.remove(def);
        if (cutoffs == before) memo.put(def, s); // a result cut short by recursion is complete only for the outer walk
        return s;
    }

    private Set<Integer> orAll(Set<Integer> s) {
        return s == null ? all : s;
    }
}
