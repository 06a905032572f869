package dev.tlaconform.community;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import tla2sany.semantic.APSubstInNode;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpArgNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.Subst;
import tla2sany.semantic.SubstInNode;
import tlc2.tool.impl.Tool;

/**
 * Leaves out of TLC's evaluation the substitutions of an INSTANCE that replace a constant or
 * variable by itself: a trace spec that EXTENDS the protocol's module and instantiates it again
 * for a refinement property ({@code etcd == INSTANCE etcdraft}, {@code etcdSpec == etcd!Init /\ [][etcd!NextDynamic]_etcd!vars})
 * has one such substitution per constant and variable ({@code Server <- Server}, ...). TLC 2.18
 * binds each of them in its evaluation context every time it enters an instantiated definition,
 * and every lookup of a variable then walks past all of them (a miss: variables are read from
 * the state): in etcd's trace spec, 40 % of the time checking the refinement property.
 * Evaluating {@code Server} bound to "{@code Server} evaluated where the INSTANCE was entered"
 * or not bound at all gives the same value (nothing else binds that constant or variable in
 * between: definitions' parameters, bound variables and LET definitions are other symbols), so
 * the rest of the substitutions are kept and these are dropped from TLC's semantic graph, after
 * the spec is processed and before the model checker starts (as {@link DynamicLevels} changes
 * levels). Only {@code tlaconform check}'s TLC run does this.
 */
public final class IdentitySubstitutions {
    private static final Set<ModuleNode> DONE = Collections.newSetFromMap(new IdentityHashMap<>());

    private IdentitySubstitutions() {}

    /** Drops the identity substitutions of the spec the tool has loaded (once per spec); returns how many. */
    public static int elide(Tool tool) {
        ModuleNode root;
        try {
            root = tool.getRootModule();
        } catch (RuntimeException notYet) {
            return 0;
        }
        if (root == null) {
            return 0;
        }
        synchronized (DONE) {
            if (!DONE.add(root)) {
                return 0;
            }
        }
        Field substs;
        Field apSubsts;
        try {
            substs = SubstInNode.class.getDeclaredField("substs");
            substs.setAccessible(true);
            apSubsts = APSubstInNode.class.getDeclaredField("substs");
            apSubsts.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0; // another TLC: evaluate as it is
        }
        int dropped = 0;
        Set<SemanticNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<SemanticNode> todo = new ArrayDeque<>();
        for (OpDefNode d : root.getOpDefs()) {
            push(todo, d);
        }
        while (!todo.isEmpty()) {
            SemanticNode n = todo.pop();
            if (n == null || !seen.add(n)) {
                continue;
            }
            try {
                if (n instanceof SubstInNode) {
                    dropped += keepOthers(substs, n, ((SubstInNode) n).getSubsts());
                } else if (n instanceof APSubstInNode) {
                    dropped += keepOthers(apSubsts, n, ((APSubstInNode) n).getSubsts());
                }
            } catch (IllegalAccessException e) {
                return dropped;
            }
            if (n instanceof OpDefNode) {
                push(todo, ((OpDefNode) n).getBody());
            } else if (n instanceof OpApplNode && ((OpApplNode) n).getOperator() instanceof OpDefNode) {
                push(todo, ((OpApplNode) n).getOperator());
            } else if (n instanceof OpArgNode && ((OpArgNode) n).getOp() instanceof OpDefNode) {
                push(todo, ((OpArgNode) n).getOp());
            }
            SemanticNode[] kids = n.getChildren();
            if (kids != null) {
                for (SemanticNode k : kids) {
                    push(todo, k);
                }
            }
        }
        return dropped;
    }

    private static void push(Deque<SemanticNode> todo, SemanticNode n) {
        if (n != null) {
            todo.push(n);
        }
    }

    private static int keepOthers(Field field, SemanticNode node, Subst[] all) throws IllegalAccessException {
        if (all == null || all.length == 0) {
            return 0;
        }
        List<Subst> kept = new ArrayList<>(all.length);
        for (Subst s : all) {
            if (!identity(s)) {
                kept.add(s);
            }
        }
        if (kept.size() == all.length) {
            return 0;
        }
        field.set(node, kept.toArray(new Subst[0]));
        return all.length - kept.size();
    }

    /** {@code c <- c}: the substituted expression is the very constant or variable substituted. */
    static boolean identity(Subst s) {
        ExprOrOpArgNode e = s.getExpr();
        if (e instanceof OpApplNode) {
            OpApplNode a = (OpApplNode) e;
            return a.getOperator() == s.getOp() && (a.getArgs() == null || a.getArgs().length == 0);
        }
        return e instanceof OpArgNode && ((OpArgNode) e).getOp() == s.getOp();
    }
}
