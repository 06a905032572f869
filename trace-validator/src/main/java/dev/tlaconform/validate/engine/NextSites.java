package dev.tlaconform.validate.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprNode;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.SymbolNode;
import tla2sany.st.Location;

/**
 * The sub-actions of a spec's next-state relation as TLA+ text, for the trace spec the reference
 * engine generates from the mapping ({@code dev.tlaconform.validate.TraceSpecGenerator}). SANY's
 * tree of Next is walked as TLC's {@code getActions} and the fast engine's {@link ActionSite}
 * split it: at disjunctions, at {@code \E} (whose binders a mapping parameter may bind), into the
 * bodies of applied definitions that split further; a leaf is named after the operator applied
 * there. Each site is given as the source text of its binders' sets and of its leaf, cut from the
 * spec's files by SANY's locations, so the generated module says what the spec says. Loaded in an
 * isolating class loader (SANY's static state) and called reflectively: the answer is JDK types.
 */
public final class NextSites {
    private NextSites() {}

    /**
     * Parses {@code dir/root.tla} and returns lines of the form:
     * {@code ["ERROR", why]} (and nothing else) when SANY rejects it or there is no {@code next};
     * {@code ["VAR", name]} per variable; {@code ["NAME", name]} per defined operator, constant and
     * variable; per site {@code ["SITE", name]} followed by its items in order —
     * {@code ["E", symbol, setText, alias, split]} (alias: the leaf operator's formal parameter it is
     * passed as, or ""; split: "split" when TLC splits Next on it, binding it in the action's Context), {@code ["LET", formal, argText]} (a formal parameter of a definition the walk
     * entered), {@code ["SRC", symbol, setText]} (a state-level set the leaf requires the binder to be
     * in: {@code m \in msgs}) — and {@code ["LEAF", text]}; then, when the leaf's own body begins with
     * {@code \E}, {@code ["INNER"]} followed by its LETs (the leaf's formal parameters), its binders
     * and {@code ["BODY", text]}.
     */
    public static List<List<String>> of(String dir, String root, String next) {
        List<List<String>> out = new ArrayList<>();
        Object parsed = OperatorLocator.parse(dir, root);
        if (parsed instanceof String) {
            out.add(List.of("ERROR", (String) parsed));
            return out;
        }
        ModuleNode m = (ModuleNode) parsed;
        OpDefNode nextDef = null;
        for (OpDefNode d : m.getOpDefs()) {
            out.add(List.of("NAME", d.getName().toString()));
            if (d.getName().toString().equals(next)) nextDef = d;
        }
        for (OpDeclNode d : m.getConstantDecls()) out.add(List.of("NAME", d.getName().toString()));
        for (OpDeclNode d : m.getVariableDecls()) {
            out.add(List.of("VAR", d.getName().toString()));
            out.add(List.of("NAME", d.getName().toString()));
        }
        if (nextDef == null || nextDef.getArity() != 0) {
            List<List<String>> err = new ArrayList<>();
            err.add(List.of("ERROR", root + " defines no next-state relation " + next + " without arguments"));
            return err;
        }
        try {
            new NextSites.Walk(dir, out).walk(nextDef.getBody(), nextDef.getName().toString(), new ArrayList<>(), 0);
        } catch (IllegalStateException e) {
            List<List<String>> err = new ArrayList<>();
            err.add(List.of("ERROR", e.getMessage()));
            return err;
        }
        return out;
    }

    private static final class Walk {
        private final String dir;
        private final List<List<String>> out;
        private final Map<String, List<String>> files = new HashMap<>();

        Walk(String dir, List<List<String>> out) {
            this.dir = dir;
            this.out = out;
        }

        /** scope: items ["E", sym, set, ""] / ["LET", formal, arg] in order; symbols of binders by node. */
        void walk(SemanticNode n, String name, List<Object[]> scope, int depth) {
            if (depth > 64) throw new IllegalStateException("Next nests too deeply for the trace spec generator");
            if (n instanceof LabelNode) {
                walk(((LabelNode) n).getBody(), name, scope, depth + 1);
                return;
            }
            if (n instanceof OpApplNode) {
                OpApplNode app = (OpApplNode) n;
                String op = app.getOperator().getName().toString();
                if (op.equals("$BoundedExists")) {
                    List<Object[]> s = new ArrayList<>(scope);
                    if (binders(app, s)) {
                        walk(app.getArgs()[0], name, s, depth + 1);
                        return;
                    }
                } else if (op.equals("$DisjList") || op.equals("\\lor")) {
                    for (ExprOrOpArgNode d : app.getArgs()) walk(d, name, scope, depth + 1);
                    return;
                } else if ((op.equals("$ConjList") || op.equals("\\land")) && app.getArgs().length == 1) {
                    walk(app.getArgs()[0], name, scope, depth + 1);
                    return;
                } else if (app.getOperator() instanceof OpDefNode
                        && ((OpDefNode) app.getOperator()).getKind() == ASTConstants.UserDefinedOpKind) {
                    OpDefNode od = (OpDefNode) app.getOperator();
                    if (splits(od.getBody(), 0)) {
                        List<Object[]> s = new ArrayList<>(scope);
                        lets(od, app, s);
                        walk(od.getBody(), od.getName().toString(), s, depth + 1);
                        return;
                    }
                    site(od.getName().toString(), scope, app, od);
                    return;
                }
            }
            site(name, scope, n, null);
        }

        /** True when TLC's splitting would go into this body (a disjunction, \E, or a further definition). */
        private boolean splits(SemanticNode n, int depth) {
            if (depth > 16) return false;
            if (n instanceof LabelNode) return splits(((LabelNode) n).getBody(), depth + 1);
            if (!(n instanceof OpApplNode)) return false;
            OpApplNode app = (OpApplNode) n;
            String op = app.getOperator().getName().toString();
            if (op.equals("$BoundedExists") || op.equals("$DisjList") || op.equals("\\lor")) return true;
            if ((op.equals("$ConjList") || op.equals("\\land")) && app.getArgs().length == 1) return splits(app.getArgs()[0], depth + 1);
            return app.getOperator() instanceof OpDefNode
                    && ((OpDefNode) app.getOperator()).getKind() == ASTConstants.UserDefinedOpKind;
        }

        private void lets(OpDefNode od, OpApplNode app, List<Object[]> scope) {
            FormalParamNode[] formals = od.getParams();
            ExprOrOpArgNode[] args = app.getArgs();
            for (int i = 0; i < formals.length && i < args.length; i++) {
                String arg = text(args[i]);
                if (arg.equals(formals[i].getName().toString())) continue;
                if (formals[i].getArity() > 0) {
                    throw new IllegalStateException(od.getName() + " takes an operator argument (" + formals[i].getName()
                            + "): the trace spec generator cannot restate it");
                }
                scope.add(new Object[] {"LET", formals[i], arg});
            }
        }

        private boolean binders(OpApplNode be, List<Object[]> scope) {
            FormalParamNode[][] syms = be.getBdedQuantSymbolLists();
            boolean[] tuple = be.isBdedQuantATuple();
            ExprNode[] bounds = be.getBdedQuantBounds();
            // TLC splits Next on this \E (binding it in the action's Context, as the fast engine's
            // EventKind reads it) when every bound is constant and every binder around it was split
            boolean split = true;
            for (Object[] it : scope) if (it[0].equals("E") && !Boolean.TRUE.equals(it[3])) split = false;
            for (ExprNode b : bounds) split &= b.getLevel() == tla2sany.semantic.LevelConstants.ConstantLevel;
            for (int i = 0; i < syms.length; i++) {
                if (tuple[i]) throw new IllegalStateException("a tuple binder \\E <<...>> \\in S in Next ("
                        + where(be) + "): the trace spec generator cannot bind it");
                for (FormalParamNode s : syms[i]) scope.add(new Object[] {"E", s, text(bounds[i]), split});
            }
            return true;
        }

        private void site(String name, List<Object[]> scope, SemanticNode leaf, OpDefNode leafDef) {
            out.add(List.of("SITE", name));
            Map<SymbolNode, String> alias = new HashMap<>();
            if (leafDef != null) {
                FormalParamNode[] formals = leafDef.getParams();
                ExprOrOpArgNode[] args = ((OpApplNode) leaf).getArgs();
                for (int i = 0; i < args.length && i < formals.length; i++) {
                    if (args[i] instanceof OpApplNode && ((OpApplNode) args[i]).getOperator() instanceof FormalParamNode) {
                        alias.put(((OpApplNode) args[i]).getOperator(), formals[i].getName().toString());
                    }
                }
            }
            Map<SymbolNode, Integer> idx = new HashMap<>();
            List<SymbolNode> syms = new ArrayList<>();
            for (Object[] it : scope) {
                SymbolNode s = (SymbolNode) it[1];
                if (it[0].equals("E")) {
                    out.add(List.of("E", s.getName().toString(), (String) it[2], alias.getOrDefault(s, ""),
                            Boolean.TRUE.equals(it[3]) ? "split" : ""));
                    idx.put(s, syms.size());
                    syms.add(s);
                } else {
                    out.add(List.of("LET", s.getName().toString(), (String) it[2]));
                }
            }
            sources(leaf, idx, syms);
            out.add(List.of("LEAF", text(leaf)));
            if (leafDef != null) inner(leafDef, (OpApplNode) leaf);
        }

        /** The \E binders at the top of the leaf operator's own body (a parameter may name them). */
        private void inner(OpDefNode od, OpApplNode app) {
            SemanticNode n = od.getBody();
            List<Object[]> scope = new ArrayList<>();
            FormalParamNode[] formals = od.getParams();
            ExprOrOpArgNode[] args = app.getArgs();
            for (int i = 0; i < formals.length && i < args.length; i++) {
                String arg = text(args[i]);
                if (!arg.equals(formals[i].getName().toString())) scope.add(new Object[] {"LET", formals[i], arg});
            }
            int before = scope.size();
            for (int guard = 0; guard < 32; guard++) {
                if (n instanceof LabelNode) {
                    n = ((LabelNode) n).getBody();
                    continue;
                }
                if (!(n instanceof OpApplNode)) break;
                OpApplNode a = (OpApplNode) n;
                String op = a.getOperator().getName().toString();
                if ((op.equals("$ConjList") || op.equals("\\land")) && a.getArgs().length == 1) {
                    n = a.getArgs()[0];
                    continue;
                }
                if (!op.equals("$BoundedExists")) break;
                FormalParamNode[][] syms = a.getBdedQuantSymbolLists();
                boolean tupled = false;
                for (boolean t : a.isBdedQuantATuple()) tupled |= t;
                if (tupled) break;
                binders(a, scope);
                n = a.getArgs()[0];
            }
            String bodyText = null;
            if (scope.size() == before) {
                // no \E at the top: the \E among its conjuncts, hoisted (as the fast engine's ActionSite#hoisting)
                OpApplNode conj = ActionSite.conjunction(n);
                if (conj == null) return;
                ExprOrOpArgNode[] cs = conj.getArgs().clone();
                List<String> parts = new ArrayList<>();
                for (int k = 0; k < cs.length; k++) {
                    if (hoistable(conj, k)) {
                        OpApplNode be = (OpApplNode) cs[k];
                        binders(be, scope);
                        cs[k] = be.getArgs()[0];
                    }
                    String t = text(cs[k]);
                    parts.add(t.startsWith("(\n") ? t : "    (" + t + ")");
                }
                if (scope.size() == before) return;
                n = new OpApplNode(conj.getOperator().getName(), cs, conj.getTreeNode(), null);
                bodyText = "(\n" + String.join(" /\\\n", parts) + "\n)";
            }
            out.add(List.of("INNER"));
            Map<SymbolNode, Integer> idx = new HashMap<>();
            List<SymbolNode> syms = new ArrayList<>();
            for (Object[] it : scope) {
                SymbolNode s = (SymbolNode) it[1];
                if (it[0].equals("E")) {
                    out.add(List.of("E", s.getName().toString(), (String) it[2], "", ""));
                    idx.put(s, syms.size());
                    syms.add(s);
                } else {
                    out.add(List.of("LET", s.getName().toString(), (String) it[2]));
                }
            }
            sources(n, idx, syms);
            out.add(List.of("BODY", bodyText != null ? bodyText : text(n)));
        }

        /** True when conjunct k of conj is an \E that may be hoisted for each of its binders ({@link ActionSite#hoistable}). */
        private boolean hoistable(OpApplNode conj, int k) {
            if (!(conj.getArgs()[k] instanceof OpApplNode)) return false;
            OpApplNode a = (OpApplNode) conj.getArgs()[k];
            if (!a.getOperator().getName().toString().equals("$BoundedExists")) return false;
            for (FormalParamNode[] syms : a.getBdedQuantSymbolLists()) {
                for (FormalParamNode f : syms) if (ActionSite.hoistable(conj, f.getName().toString()) != k) return false;
            }
            return true;
        }

            /** The state-level sets the leaf requires binders to be in ({@link ActionSite#sources}), as text. */
        private void sources(SemanticNode leaf, Map<SymbolNode, Integer> idx, List<SymbolNode> syms) {
            if (syms.isEmpty()) return;
            ExprNode[] src = ActionSite.sources(leaf, idx, syms.size());
            for (int i = 0; i < src.length; i++) {
                if (src[i] != null) out.add(List.of("SRC", syms.get(i).getName().toString(), text(src[i])));
            }
        }

        private static String where(SemanticNode n) {
            Location l = n.getLocation();
            return l.source() + ".tla line " + l.beginLine();
        }

        /**
         * The node's source text. A text of several lines keeps its lines' columns (TLA+'s bullet
         * lists are aligned by column): its first line is padded to its column, and the whole is
         * put in parentheses on lines of its own, so it parses as it did in the spec.
         */
        private String text(SemanticNode n) {
            Location l = n.getLocation();
            List<String> lines = files.computeIfAbsent(l.source(), s -> {
                try {
                    return Files.readAllLines(new File(dir, s + ".tla").toPath(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + s + ".tla: " + e.getMessage());
                }
            });
            if (l.beginLine() < 1 || l.endLine() > lines.size()) {
                throw new IllegalStateException("no source text for " + n + " in " + l.source() + ".tla");
            }
            if (l.beginLine() == l.endLine()) {
                String s = lines.get(l.beginLine() - 1);
                return s.substring(l.beginColumn() - 1, Math.min(s.length(), l.endColumn()));
            }
            StringBuilder b = new StringBuilder("(\n");
            String first = lines.get(l.beginLine() - 1);
            b.append(" ".repeat(l.beginColumn() - 1)).append(first.substring(l.beginColumn() - 1)).append('\n');
            for (int i = l.beginLine(); i < l.endLine() - 1; i++) b.append(lines.get(i)).append('\n');
            String last = lines.get(l.endLine() - 1);
            b.append(last, 0, Math.min(last.length(), l.endColumn())).append("\n)");
            return b.toString();
        }
    }
}
