package dev.tlaconform.community;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tla2sany.semantic.APSubstInNode;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.AtNode;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpArgNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.Subst;
import tla2sany.semantic.SubstInNode;
import tla2sany.semantic.SymbolNode;
import tlc2.overrides.Evaluation;
import tlc2.tool.TLCState;
import tlc2.tool.coverage.CostModel;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;
import tlc2.value.impl.Value;

/**
 * TLC!TLCEval as newer TLC releases define it (tlaplus/tlaplus issue 648, TLC 1.8): a
 * constant-level argument is evaluated once and its value kept, so that a constant substituted
 * in the model by a definition ({@code Server <- TraceServer} with
 * {@code TraceServer == TLCEval(FoldSeq(..., TraceLog))}, etcd's Traceetcdraft) is not evaluated
 * again every time the spec names the constant. TLC 2.18 evaluates such a substitution's body at
 * every reference (TLC re-evaluates a definition substituted for a constant, and its own TLCEval
 * keeps nothing): etcd's trace spec folded its 4,888-line log on every {@code Server} and
 * validated 3 states per second.
 *
 * <p>Newer TLC keeps the value only where the evaluation context is empty. This keeps it wherever
 * the context binds none of the symbols the argument's value can depend on (its free formal
 * parameters, LET definitions and declared constants, through the definitions it uses: an
 * {@code INSTANCE ... WITH N <- ...} or an enclosing operator's parameter in the context is
 * such a binding), which gives the same value as the empty context. A state-level argument
 * (variables, or {@code TLCGet("level")}, which {@link DynamicLevels} raises) is evaluated every
 * time, as TLC 2.18 does. The kept value is TLC's own TLCEval of it, fully normalized, shared by
 * the workers.
 */
public final class TLCEvalOps {
    private TLCEvalOps() {}

    /** Per argument node: the symbols its value may depend on through the context. */
    private static final Map<SemanticNode, Set<SymbolNode>> FREE = Collections.synchronizedMap(new WeakHashMap<>());
    /** Per argument node and tool: the value kept. */
    private static final Map<SemanticNode, Map<Integer, Value>> KEPT = Collections.synchronizedMap(new WeakHashMap<>());
    /** The argument uses something the context binds without a symbol of its own (an EXCEPT's @). */
    private static final Set<SymbolNode> NEVER = Collections.emptySet();
    private static final AtomicLong EVALUATIONS = new AtomicLong();
    private static final AtomicLong REUSES = new AtomicLong();

    @Evaluation(definition = "TLCEval", module = "TLC", warn = false)
    public static Value tlcEval(Tool tool, ExprOrOpArgNode[] args, Context c, TLCState s0, TLCState s1, int control,
            CostModel cm) {
        ExprOrOpArgNode arg = args[0];
        if (arg.getLevel() > 0 || !(arg instanceof OpApplNode || arg instanceof LetInNode)) {
            return tlc2.module.TLC.TLCEval(tool.eval(arg, c, s0, s1, control, cm));
        }
        Set<SymbolNode> free = FREE.computeIfAbsent(arg, TLCEvalOps::freeSymbols);
        if (free == NEVER || !free.isEmpty() && c.lookupName(free::contains) != null) {
            return tlc2.module.TLC.TLCEval(tool.eval(arg, c, s0, s1, control, cm));
        }
        Integer id = tool.getId();
        Map<Integer, Value> byTool = KEPT.computeIfAbsent(arg, k -> new java.util.concurrent.ConcurrentHashMap<>());
        Value v = byTool.get(id);
        if (v != null) {
            REUSES.incrementAndGet();
            return v;
        }
        synchronized (byTool) {
            v = byTool.get(id);
            if (v == null) {
                v = tlc2.module.TLC.TLCEval(tool.eval(arg, c, s0, s1, control, cm));
                v.deepNormalize();
                byTool.put(id, v);
                EVALUATIONS.incrementAndGet();
            } else {
                REUSES.incrementAndGet();
            }
        }
        return v;
    }

    /** How many constant TLCEval arguments were evaluated and how often a kept value was reused, in this JVM (for tests). */
    public static long[] counts() {
        return new long[] {EVALUATIONS.get(), REUSES.get()};
    }

    /**
     * The symbols a context may bind that the value of n can depend on: the formal parameters,
     * declared constants and variables, and definitions it refers to, directly or through the
     * bodies of the definitions it applies, less those bound inside (quantifiers, set and
     * function constructors, LAMBDA and definition parameters, LET definitions). Top-level
     * definitions are among them, harmlessly: a context never binds one.
     */
    static Set<SymbolNode> freeSymbols(SemanticNode n) {
        Walk w = new Walk();
        w.visit(n);
        if (w.at) {
            return NEVER;
        }
        Set<SymbolNode> free = new HashSet<>(w.refs);
        free.removeAll(w.bound);
        return free;
    }

    private static final class Walk {
        final Set<SymbolNode> refs = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<SymbolNode> bound = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<SemanticNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean at;

        void visit(SemanticNode n) {
            if (n == null || !seen.add(n)) {
                return;
            }
            if (n instanceof OpApplNode) {
                OpApplNode a = (OpApplNode) n;
                operator(a.getOperator());
                if (a.getUnbdedQuantSymbols() != null) {
                    Collections.addAll(bound, a.getUnbdedQuantSymbols());
                }
                if (a.getBdedQuantSymbolLists() != null) {
                    for (FormalParamNode[] l : a.getBdedQuantSymbolLists()) {
                        Collections.addAll(bound, l);
                    }
                }
                if (a.getBdedQuantBounds() != null) {
                    for (SemanticNode r : a.getBdedQuantBounds()) {
                        visit(r);
                    }
                }
                for (SemanticNode x : a.getArgs()) {
                    visit(x);
                }
            } else if (n instanceof OpArgNode) {
                operator(((OpArgNode) n).getOp());
            } else if (n instanceof LetInNode) {
                LetInNode l = (LetInNode) n;
                for (OpDefNode d : l.getLets()) {
                    bound.add(d);
                    definition(d);
                }
                visit(l.getBody());
            } else if (n instanceof SubstInNode) {
                SubstInNode s = (SubstInNode) n;
                for (Subst x : s.getSubsts()) {
                    visit(x.getExpr());
                }
                visit(s.getBody());
            } else if (n instanceof APSubstInNode) {
                APSubstInNode s = (APSubstInNode) n;
                for (Subst x : s.getSubsts()) {
                    visit(x.getExpr());
                }
                visit(s.getBody());
            } else if (n instanceof LabelNode) {
                visit(((LabelNode) n).getBody());
            } else if (n instanceof OpDefNode) {
                definition((OpDefNode) n);
            } else if (n instanceof AtNode) {
                at = true;
            } else {
                SemanticNode[] kids = n.getChildren();
                if (kids != null) {
                    for (SemanticNode k : kids) {
                        visit(k);
                    }
                }
            }
        }

        void operator(SymbolNode op) {
            if (op == null) {
                return;
            }
            if (op instanceof FormalParamNode || op instanceof OpDeclNode) {
                refs.add(op);
            } else if (op instanceof OpDefNode && op.getKind() != ASTConstants.BuiltInKind) {
                refs.add(op);
                definition((OpDefNode) op);
            } else if (!(op instanceof OpDefNode)) {
                refs.add(op);   // a theorem or assumption name, or anything else: assume the context may bind it
            }
        }

        void definition(OpDefNode d) {
            if (!seen.add(d)) {
                return;
            }
            if (d.getParams() != null) {
                Collections.addAll(bound, d.getParams());
            }
            visit(d.getBody());
        }
    }
}
