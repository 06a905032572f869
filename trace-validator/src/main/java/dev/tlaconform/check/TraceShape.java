package dev.tlaconform.check;

import java.io.File;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.StringNode;
import tla2sany.semantic.SymbolNode;

/**
 * How a trace spec walks its log, read from its definitions: an application {@code Log[p]} of a
 * top-level definition without arguments (the log) to a position that is either a variable
 * ({@code logline == TraceLog[l]}: etcd, CCF, lbinria's template) or {@code TLCGet("level")},
 * directly or through a LET or a definition ({@code LET i == TLCGet("level") IN TraceLog[i]}:
 * EWD998ChanTrace). Only definitions of the spec's own modules (files in its directory) are read.
 * The most frequent (log, position) pair wins; a variable wins a tie with the level.
 *
 * @param log      the name of the log's definition
 * @param variable the position variable, or null when the position is TLCGet("level")
 */
record TraceShape(String log, String variable) {
    /** The position's description for people. */
    String position() {
        return variable == null ? "TLCGet(\"level\")" : "variable " + variable;
    }

    /** The shape of the spec rooted at {@code root}, or null if no definition indexes a log by a position. */
    static TraceShape of(ModuleNode root, File specDir) {
        Map<OpDefNode, Boolean> topLevel = new LinkedHashMap<>();
        for (OpDefNode d : root.getOpDefs()) {
            topLevel.put(d, Boolean.TRUE);
        }
        Map<TraceShape, Integer> votes = new LinkedHashMap<>();
        for (OpDefNode d : root.getOpDefs()) {
            if (d.getKind() != ASTConstants.UserDefinedOpKind || !ownModule(d, specDir)) {
                continue;
            }
            walk(d.getBody(), topLevel, votes, new HashSet<>());
        }
        TraceShape best = null;
        int bestVotes = 0;
        for (Map.Entry<TraceShape, Integer> e : votes.entrySet()) {
            int v = e.getValue();
            boolean better = v > bestVotes
                    || v == bestVotes && best != null && best.variable() == null && e.getKey().variable() != null;
            if (better) {
                best = e.getKey();
                bestVotes = v;
            }
        }
        return best;
    }

    private static boolean ownModule(OpDefNode d, File specDir) {
        if (d.getLocation() == null || d.getLocation().source() == null) {
            return false;
        }
        return new File(specDir, d.getLocation().source() + ".tla").isFile();
    }

    private static void walk(SemanticNode n, Map<OpDefNode, Boolean> topLevel, Map<TraceShape, Integer> votes,
            Set<SemanticNode> seen) {
        if (n == null || !seen.add(n) || seen.size() > 200_000) {
            return;
        }
        if (n instanceof OpApplNode) {
            OpApplNode a = (OpApplNode) n;
            if (a.getOperator() != null && a.getOperator().getName().toString().equals("$FcnApply")
                    && a.getArgs().length == 2) {
                String log = logName(a.getArgs()[0], topLevel);
                if (log != null) {
                    String pos = position(a.getArgs()[1], 0);
                    if (pos != null) {
                        votes.merge(new TraceShape(log, pos.isEmpty() ? null : pos), 1, Integer::sum);
                    }
                }
            }
        }
        if (n instanceof LetInNode) {
            for (OpDefNode d : ((LetInNode) n).getLets()) {
                walk(d.getBody(), topLevel, votes, seen);
            }
        }
        SemanticNode[] kids = n.getChildren();
        if (kids != null) {
            for (SemanticNode k : kids) {
                walk(k, topLevel, votes, seen);
            }
        }
    }

    /** The name of a top-level definition without arguments applied here, or null. */
    private static String logName(ExprOrOpArgNode e, Map<OpDefNode, Boolean> topLevel) {
        if (!(e instanceof OpApplNode)) {
            return null;
        }
        SymbolNode op = ((OpApplNode) e).getOperator();
        if (op instanceof OpDefNode && ((OpDefNode) op).getArity() == 0 && topLevel.containsKey(op)) {
            return op.getName().toString();
        }
        return null;
    }

    /** "" for TLCGet("level"), a variable's name, or null; through definitions without arguments. */
    private static String position(ExprOrOpArgNode e, int depth) {
        if (!(e instanceof OpApplNode) || depth > 4) {
            return null;
        }
        OpApplNode a = (OpApplNode) e;
        SymbolNode op = a.getOperator();
        if (op instanceof OpDeclNode && ((OpDeclNode) op).getKind() == ASTConstants.VariableDeclKind) {
            return op.getName().toString();
        }
        if (op != null && op.getName().toString().equals("TLCGet") && a.getArgs().length == 1
                && a.getArgs()[0] instanceof StringNode
                && ((StringNode) a.getArgs()[0]).getRep().toString().equals("level")) {
            return "";
        }
        if (op instanceof OpDefNode && ((OpDefNode) op).getArity() == 0 && a.getArgs().length == 0) {
            return position(((OpDefNode) op).getBody(), depth + 1);
        }
        return null;
    }
}
