package dev.tlaconform.community;

import java.lang.reflect.Field;

import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.LevelConstants;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.Action;
import tlc2.tool.impl.Tool;
import util.UniqueString;

/**
 * Checks a property {@code [][A]_v} (a refinement: etcd's {@code etcdSpec == etcd!Init /\ [][etcd!NextDynamic]_etcd!vars})
 * on each step as {@code UNCHANGED v \/ A} rather than TLC 2.18's {@code A \/ UNCHANGED v}: the same
 * truth value (a disjunction), but a step that leaves v unchanged no longer evaluates A, which
 * for a protocol's next-state relation is every disjunct, quantifiers over the log included, and
 * false. In etcd's trace spec a sixth of the log's lines are such steps (a response sent to
 * another node, bootstrapping): each evaluated the whole of etcdraft's NextDynamic for nothing.
 * Only the implied actions tlaconform check's TLC run checks are rewritten (after the spec is
 * processed); their location (the property's) is kept for a violation's message.
 */
public final class StutterFirst {
    private StutterFirst() {}

    /** Rewrites the tool's implied actions of the form [A]_v; returns how many. */
    public static int rewrite(Tool tool) {
        Action[] actions;
        try {
            actions = tool.getImpliedActions();
        } catch (RuntimeException notYet) {
            return 0;
        }
        if (actions == null || actions.length == 0) {
            return 0;
        }
        SymbolNode or = builtIn("\\lor");
        SymbolNode unchanged = builtIn("UNCHANGED");
        if (or == null || unchanged == null) {
            return 0;
        }
        Field pred;
        try {
            pred = Action.class.getDeclaredField("pred");
            pred.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
        int n = 0;
        for (Action a : actions) {
            if (!(a.pred instanceof OpApplNode)) {
                continue;
            }
            OpApplNode sq = (OpApplNode) a.pred;
            if (sq.getOperator() == null || !"$SquareAct".equals(sq.getOperator().getName().toString())
                    || sq.getArgs().length != 2) {
                continue;
            }
            try {
                ModuleNode m = sq.getOperator() instanceof tla2sany.semantic.OpDefNode
                        ? ((tla2sany.semantic.OpDefNode) sq.getOperator()).getOriginallyDefinedInModuleNode() : null;
                OpApplNode same = new OpApplNode(unchanged, new ExprOrOpArgNode[] {sq.getArgs()[1]}, sq.getTreeNode(), m);
                OpApplNode either = new OpApplNode(or, new ExprOrOpArgNode[] {same, sq.getArgs()[0]}, sq.getTreeNode(), m);
                same.level = LevelConstants.ActionLevel;
                either.level = LevelConstants.ActionLevel;
                pred.set(a, either);
                n++;
            } catch (Exception e) {
                // leave this one as TLC has it
            }
        }
        return n;
    }

    private static SymbolNode builtIn(String name) {
        try {
            return tla2sany.semantic.Context.getGlobalContext().getSymbol(UniqueString.uniqueStringOf(name));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
