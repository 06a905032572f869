package dev.tlaconform.community;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import tla2sany.semantic.LetInNode;
import tla2sany.semantic.LevelNode;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.StringNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.impl.Tool;

/**
 * TLC 2.18 decides whether a part of a temporal property is a constant from SANY's levels, and
 * SANY says {@code TLCGet("queue")} is one (TLC!TLCGet's definition is constant): so TLC
 * evaluates it once, while it processes the property, before any state exists, and fails
 * ("TLCGet(queue) was undefined"), where newer TLC releases evaluate it in every state. This
 * raises to state level every expression that applies TLCGet to a register that changes while
 * TLC runs ("queue", "level", "stats", ...), and every definition and expression using one, in
 * the spec TLC has processed, and TLCGet's own body (TLC 2.18's liveness reads an operator's
 * level from its body). "config" and "revision" stay constant: ASSUME TLCGet("config").mode = "bfs".
 * {@code tlaconform check} calls it between loading the spec and creating TLC's model checker
 * ({@code TlcProcess}); plain {@code tlc2.TLC} with the tlaconform jar does not, so there a
 * temporal property with TLCGet("queue") fails as it does with TLC 2.18 alone.
 */
public final class DynamicLevels {
    private static final Set<String> DYNAMIC = Set.of("level", "queue", "distinct", "diameter", "generated",
            "duration", "stats", "action", "spec");
    private static final Set<ModuleNode> DONE = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private DynamicLevels() {}

    /** Raises the levels in the spec the tool has loaded (once per spec; TLCGet's override needs it too). */
    public static void ensure(Tool tool) {
        ModuleNode root;
        try {
            root = tool.getRootModule();
        } catch (RuntimeException notYet) {
            return;
        }
        if (root == null) {
            return;
        }
        synchronized (DONE) {
            if (!DONE.add(root)) {
                return;
            }
        }
        // TLC 2.18's liveness takes the level of an operator's application from its body: TLCGet's
        // body (CHOOSE n : TRUE) must not look constant there, as newer TLC's minLevel 1 says.
        for (OpDefNode d : root.getOpDefs()) {
            if (d.getName().toString().equals("TLCGet") && d.getOriginallyDefinedInModuleNode() != null
                    && d.getOriginallyDefinedInModuleNode().getName().toString().equals("TLC")) {
                raise(d.getBody());
            }
        }
        Set<OpDefNode> dynamicDefs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        boolean changed = true;
        for (int round = 0; changed && round < 50; round++) {
            changed = false;
            for (OpDefNode d : root.getOpDefs()) {
                Map<SemanticNode, Boolean> memo = new IdentityHashMap<>();
                if (d.getBody() != null && dynamic(d.getBody(), dynamicDefs, memo, new HashSet<>())
                        && dynamicDefs.add(d)) {
                    raise(d);
                    changed = true;
                }
            }
        }
    }

    /** Whether n applies a dynamic TLCGet (or a definition that does); raises n's level if so. */
    private static boolean dynamic(SemanticNode n, Set<OpDefNode> defs, Map<SemanticNode, Boolean> memo,
            Set<SemanticNode> onPath) {
        if (n == null) {
            return false;
        }
        Boolean known = memo.get(n);
        if (known != null) {
            return known;
        }
        if (!onPath.add(n)) {
            return false;
        }
        boolean dyn = false;
        if (n instanceof OpApplNode) {
            OpApplNode a = (OpApplNode) n;
            SymbolNode op = a.getOperator();
            if (op != null && op.getName().toString().equals("TLCGet") && a.getArgs().length == 1
                    && (!(a.getArgs()[0] instanceof StringNode)
                        || DYNAMIC.contains(((StringNode) a.getArgs()[0]).getRep().toString()))) {
                dyn = true;
            } else if (op instanceof OpDefNode && defs.contains(op)) {
                dyn = true;
            }
        }
        if (n instanceof LetInNode) {
            for (OpDefNode d : ((LetInNode) n).getLets()) {
                if (dynamic(d.getBody(), defs, memo, onPath) && defs.add(d)) {
                    raise(d);
                }
            }
        }
        SemanticNode[] kids = n.getChildren();
        if (kids != null) {
            for (SemanticNode k : kids) {
                dyn |= dynamic(k, defs, memo, onPath);
            }
        }
        onPath.remove(n);
        memo.put(n, dyn);
        if (dyn) {
            raise(n);
        }
        return dyn;
    }

    /**
     * Raises n to state level, and marks its level as checked for good: TLC runs SANY's level check
     * again while it processes the spec, which would otherwise recompute the old level.
     */
    private static void raise(SemanticNode n) {
        if (n instanceof LevelNode && ((LevelNode) n).level < 1) {
            LevelNode l = (LevelNode) n;
            l.level = 1;
            l.levelChecked = Integer.MAX_VALUE;
        }
    }
}
