package dev.tlaconform.validate.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tla2sany.semantic.ExprNode;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.LabelNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;
import tlc2.tool.BuiltInOPs;
import tlc2.tool.TLCState;
import tlc2.tool.ToolGlobals;
import tlc2.tool.impl.Tool;
import tlc2.util.Context;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;

/**
 * Explains why an action is not enabled in a state: walks the action's top-level conjunction
 * (through labels, LET, and the bodies of the user-defined operators it applies), evaluates each
 * conjunct that mentions no primed variable in the state with the action's Context, and names the
 * first one that is FALSE, with its TLA+ source text and location.
 */
final class GuardExplainer {
    /** A conjunct that evaluated to FALSE. */
    record FalseConjunct(String text, String location) {}

    private final Tool tool;
    private final Path sourceDir;
    private final Map<String, List<String>> sources = new ConcurrentHashMap<>();

    GuardExplainer(Tool tool, Path sourceDir) {
        this.tool = tool;
        this.sourceDir = sourceDir;
    }

    FalseConjunct firstFalse(SemanticNode pred, Context con, TLCState s) {
        return walk(pred, con, s, 0);
    }

    private FalseConjunct walk(SemanticNode n, Context con, TLCState s, int depth) {
        if (depth > 24) return null;
        if (n instanceof LabelNode) return walk(((LabelNode) n).getBody(), con, s, depth + 1);
        if (n instanceof LetInNode) return walk(((LetInNode) n).getBody(), con, s, depth + 1);
        if (!(n instanceof OpApplNode)) return null;
        OpApplNode app = (OpApplNode) n;
        int level = app.getLevel();
        int op = BuiltInOPs.getOpCode(app.getOperator().getName());
        if (op == ToolGlobals.OPCODE_cl || op == ToolGlobals.OPCODE_land) {
            for (ExprOrOpArgNode arg : app.getArgs()) {
                FalseConjunct f = walk(arg, con, s, depth + 1);
                if (f != null) return f;
            }
            return null;
        }
        if (level <= 1) {
            try {
                IValue v = tool.eval(app, con, s);
                if (v instanceof BoolValue && !((BoolValue) v).val) return new FalseConjunct(text(app), where(app));
            } catch (RuntimeException e) {
                return new FalseConjunct(text(app) + "  (TLC cannot evaluate it here: " + firstLine(e.getMessage()) + ")", where(app));
            }
            return null;
        }
        if (op == 0) {
            Object def = tool.lookup(app.getOperator(), con, false);
            if (def instanceof OpDefNode && ((OpDefNode) def).getBody() != null && !((OpDefNode) def).getInRecursive()) {
                try {
                    Context c1 = tool.getOpContext((OpDefNode) def, app.getArgs(), con, true);
                    return walk(((OpDefNode) def).getBody(), c1, s, depth + 1);
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        if (op == ToolGlobals.OPCODE_be) {
            // \E x \in S : body over a state-dependent S: empty S is the usual reason.
            try {
                ExprNode bound = app.getBdedQuantBounds()[0];
                IValue set = tool.eval(bound, con, s);
                if (set instanceof tlc2.value.impl.Enumerable && ((tlc2.value.impl.Enumerable) set).size() == 0) {
                    return new FalseConjunct(text(app) + "  (its set " + text(bound) + " is empty)", where(app));
                }
            } catch (RuntimeException ignored) {
                // not evaluable here: say nothing
            }
            return new FalseConjunct(text(app) + "  (no element of its set satisfies the body)", where(app));
        }
        return null;
    }

    /** The TLA+ source text of a node, whitespace collapsed, at most 300 characters. */
    String text(SemanticNode n) {
        Location loc = n.getLocation();
        List<String> lines = sources.computeIfAbsent(loc.source(), this::read);
        String t;
        if (lines == null || loc.beginLine() < 1 || loc.endLine() > lines.size()) {
            t = n.toString();
        } else {
            StringBuilder b = new StringBuilder();
            for (int l = loc.beginLine(); l <= loc.endLine(); l++) {
                String line = lines.get(l - 1);
                int from = l == loc.beginLine() ? Math.min(line.length(), loc.beginColumn() - 1) : 0;
                int to = l == loc.endLine() ? Math.min(line.length(), loc.endColumn()) : line.length();
                b.append(line, from, Math.max(from, to)).append(' ');
            }
            t = b.toString();
        }
        t = t.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 297) + "..." : t;
    }

    static String where(SemanticNode n) {
        Location l = n.getLocation();
        return l.source() + ".tla line " + l.beginLine() + ", col " + l.beginColumn();
    }

    private List<String> read(String module) {
        try {
            return Files.readAllLines(sourceDir.resolve(module + ".tla"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String firstLine(String s) {
        if (s == null) return "";
        s = s.strip();
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
