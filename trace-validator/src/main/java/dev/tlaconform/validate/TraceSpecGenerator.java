package dev.tlaconform.validate;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trace spec {@code --engine tlc} checks, generated from the mapping (Cirstea, Kuppe, Loillier,
 * Merz, Ron 2024): a variable for the position of the next log line, each line's step the spec
 * action(s) its mapping names with the parameters bound from the line ({@code LoggedIn} of
 * NDJsonTrace: the logged value, or the spec values a partial log agrees with), the mapping's
 * require, msgIn and then/until steps, and the line's logged state compared after its last step.
 * The actions are the sub-actions of the mapping's {@code next} as the spec writes them (the source
 * text of each disjunct's binders and leaf, {@code engine.NextSites}), so both engines read one
 * mapping and one spec. The mapping's TLA+ ({@code define}, require, until, state expressions) is
 * the module {@link MappingModule} writes, which the fast engine loads too.
 */
public final class TraceSpecGenerator {
    private TraceSpecGenerator() {}

    /** The header line every generated trace spec carries after its MODULE line. */
    public static final String HEADER = "\\* GENERATED from trace-mapping.json by tlaconform (TraceSpecGenerator): do not edit, edit the mapping.";

    /**
     * A generated trace spec.
     *
     * @param module     its module name
     * @param text       its text
     * @param init       its initial predicate, next the next-state relation
     * @param invariants the names the configuration checks: the mapping's invariants (or, where a line
     *                   stands for several steps, their forms that hold between lines only), the
     *                   progress invariant and, last, the one whose violation means acceptance
     * @param invariantOf checked name → the mapping's invariant it stands for
     * @param position   the variable holding the next line's position
     * @param incomplete the invariant violated exactly when every line was matched (where lines are
     *                   single steps: when the trace has no line; the last of properties otherwise)
     * @param properties the action properties the configuration checks (PROPERTIES, after the invariants,
     *                   in this order): per invariant its step form (or the invariant primed), last the
     *                   one violated by the step that matched the last line; empty where a line may
     *                   stand for several steps
     * @param view       the VIEW identifying states by their position (null: none; used where each step
     *                   advances the position), under which TLC prints a line when a position has two states
     */
    public record Generated(String module, String text, String init, String next, List<String> invariants,
                            Map<String, String> invariantOf, String position, String incomplete, List<String> properties,
                            String view) {
        /** Whether TLC reporting this invariant or property violated means every line was matched. */
        public boolean meansAccepted(String violated) {
            return incomplete.equals(violated) || (!properties.isEmpty() && properties.get(properties.size() - 1).equals(violated));
        }
    }

    /** One sub-action of Next: its binders, LETs and leaf, and the same with the leaf's own \E opened (or null). */
    private record Site(String name, List<List<String>> items, String leaf, List<List<String>> innerItems, String innerBody) {}

    /**
     * Generates the trace spec for mapping m whose spec modules (and, when the mapping writes TLA+,
     * its {@link MappingModule}) are in dir.
     *
     * @param foreign the trace is a normalized foreign log: each line {"action": X, "E": the line}
     */
    public static Generated generate(TraceMapping m, Path dir, String module, boolean foreign) throws BadTraceException {
        String root = MappingModule.rootModule(m);
        List<List<String>> raw = sites(dir, root, m.next());
        if (!raw.isEmpty() && raw.get(0).get(0).equals("ERROR")) {
            throw new BadTraceException(m.file(), 0, "cannot generate the trace spec for --engine tlc from " + root + ".tla: " + raw.get(0).get(1));
        }
        List<String> vars = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            List<String> r = raw.get(i);
            switch (r.get(0)) {
                case "VAR" -> vars.add(r.get(1));
                case "NAME" -> names.add(r.get(1));
                case "SITE" -> {
                    List<List<String>> items = new ArrayList<>();
                    String leaf = null;
                    List<List<String>> inner = null;
                    String body = null;
                    int k = i + 1;
                    for (; k < raw.size() && !raw.get(k).get(0).equals("SITE"); k++) {
                        List<String> x = raw.get(k);
                        if (x.get(0).equals("LEAF")) leaf = x.get(1);
                        else if (x.get(0).equals("INNER")) inner = new ArrayList<>(items);
                        else if (x.get(0).equals("BODY")) body = x.get(1);
                        else if (inner != null) inner.add(x);
                        else if (x.get(0).equals("E") || x.get(0).equals("LET") || x.get(0).equals("SRC")) items.add(x);
                    }
                    for (List<String> x : items) names.add(x.get(1));
                    if (inner != null) for (List<String> x : inner) names.add(x.get(1));
                    sites.add(new Site(r.get(1), items, leaf, inner, body));
                    i = k - 1;
                }
                default -> { }
            }
        }
        Names n = new Names(names);
        String pos = n.fresh("l");
        boolean multi = false;
        for (TraceMapping.EventMapping em : m.events().values()) multi |= !em.then().isEmpty() || em.until() != null;
        String sub = multi ? n.fresh("lk") : null;
        String traceEvent = n.fresh("TraceEvent");
        String traceAction = n.fresh("TraceAction");
        String traceStep = n.fresh("TraceStep");
        String traceInit = n.fresh("TraceInit");
        String traceNext = n.fresh("TraceNext");
        String silentName = n.fresh("TraceSilent");
        String incomplete = n.fresh("TraceIncomplete");
        String act = n.fresh("act");
        String ev1 = n.fresh("e");
        String se = n.fresh("SE");
        String progress = n.fresh("TraceProgressInv");
        String atInv = n.fresh("TraceAtInv");
        if (names.contains("E")) {
            throw new BadTraceException(m.file(), 0, "cannot generate the trace spec for --engine tlc: the spec names something E, the mapping's name for the log line");
        }
        StringBuilder b = new StringBuilder();
        String dashes = "-".repeat(Math.max(4, 30 - module.length() / 2));
        b.append(dashes).append(" MODULE ").append(module).append(' ').append(dashes).append('\n');
        b.append(HEADER).append('\n');
        b.append("\\* Trace validation by TLC (tlaconform validate --engine tlc, docs/validate.md): ").append(pos)
                .append(" is the position of the next log line;\n\\* the trace is accepted iff TLC reaches ").append(pos)
                .append(" = Len(Trace) + 1, i.e. iff the invariant ").append(incomplete).append(" is violated.\n");
        b.append("EXTENDS ").append(root).append(", NDJsonTrace, Naturals, Sequences, TLC\n\n");
        b.append("VARIABLE ").append(pos).append('\n');
        if (multi) b.append("\\* the step of the current line taken last (0 between lines): a line may stand for several steps\nVARIABLE ").append(sub).append('\n');
        b.append('\n');
        b.append(traceEvent).append(" == Trace[").append(pos).append("]").append(foreign ? ".E" : "").append('\n');
        b.append(traceAction).append(" == Trace[").append(pos).append("].action\n\n");
        String vs = "<<" + String.join(", ", vars) + ">>";
        LogFormat f = m.log();
        String msgPath = f.foreign() ? f.msg() : "msg";
        String statePath = f.foreign() ? f.state() : "state";
        // each event's steps
        List<String> eventDisjuncts = new ArrayList<>();
        int k = 0;
        boolean sharedState = false;
        for (Map.Entry<String, TraceMapping.EventMapping> ev : m.events().entrySet()) {
            k++;
            String event = ev.getKey();
            List<String> steps = m.stepsOf(event);
            b.append("\\* events.").append(event).append('\n');
            List<String> stepDefs = new ArrayList<>();
            for (int s = 0; s < steps.size(); s++) {
                TraceMapping.EventMapping em = m.stepKinds().get(steps.get(s));
                String origin = TraceMapping.originOf(steps.get(s));
                List<String> alts = new ArrayList<>();
                int j = 0;
                for (String action : em.actions()) {
                    if (action.equals(TraceMapping.STUTTER)) {
                        if (!em.params().isEmpty()) {
                            throw new BadTraceException(m.file(), 0, origin + ": params: a step that changes nothing (" + TraceMapping.STUTTER + ") has no parameters to bind");
                        }
                        alts.add("UNCHANGED " + vs);
                        continue;
                    }
                    boolean found = false;
                    for (Site site : sites) {
                        if (!site.name().equals(action)) continue;
                        found = true;
                        j++;
                        String def = "Ev" + k + "Step" + (s + 1) + "Site" + j;
                        b.append(def).append("(E) ==\n").append(siteText(m, origin, site, em.params())).append("\n\n");
                        alts.add(def + "(E)");
                    }
                    if (!found) {
                        if (names.contains(action)) {
                            alts.add("FALSE (* " + m.next() + " has no instance of " + action + " *)");
                            continue;
                        }
                        throw new BadTraceException(m.file(), 0, origin + ": the spec " + m.spec() + " has no action " + action + " in " + m.next());
                    }
                }
                String stepDef = "Ev" + k + "Step" + (s + 1);
                b.append(stepDef).append("(E) ==\n  /\\ ").append(disjunction(alts, "     ")).append('\n');
                for (int r = 0; r < em.require().size(); r++) {
                    b.append("  /\\ ").append(MappingModule.requireName(m, steps.get(s), r)).append("(E)\n");
                }
                if (em.msgIn() != null) {
                    if (!vars.contains(em.msgIn())) {
                        throw new BadTraceException(m.file(), 0, origin + ": msgIn: the spec has no variable " + em.msgIn() + " (it has " + vars + ")");
                    }
                    b.append("  /\\ MsgSent(E.").append(msgPath).append(", ").append(em.msgIn()).append(", ").append(em.msgIn()).append("')\n");
                }
                b.append('\n');
                String until = em.until() == null ? null : MappingModule.untilName(m, steps.get(s));
                String siteOnly = "Ev" + k + "Step" + (s + 1) + "Action";
                if (until != null) {
                    b.append(siteOnly).append("(E) == ").append(disjunction(alts, "  ")).append("\n\n");
                }
                stepDefs.add(until == null ? stepDef : stepDef + "|" + siteOnly + "|" + until);
            }
            String stateDef;
            if (m.stateFor(event).equals(m.state())) {
                stateDef = "LineState";
                if (!sharedState) {
                    b.append("\\* the logged state of a line (the mapping's state), after the line's last step\n");
                    b.append(stateDef).append("(E) ==\n").append(TraceStateChecks.stateText(m, event, statePath, se)).append("\n\n");
                    sharedState = true;
                }
            } else {
                stateDef = "Ev" + k + "State";
                b.append(stateDef).append("(E) ==\n").append(TraceStateChecks.stateText(m, event, statePath, se)).append("\n\n");
            }
            // the line: its steps in order, the state after the last
            List<String> parts = new ArrayList<>();
            for (int s = 0; s < stepDefs.size(); s++) {
                String[] sd = stepDefs.get(s).split("\\|");
                boolean last = s == stepDefs.size() - 1;
                String done = last ? stateDef + "(E) /\\ " + pos + "' = " + pos + " + 1" + (multi ? " /\\ " + sub + "' = 0" : "")
                        : pos + "' = " + pos + " /\\ " + sub + "' = " + (s + 1);
                String at = multi ? sub + " = " + s + " /\\ " : "";
                if (sd.length == 1) {
                    parts.add(at + sd[0] + "(E) /\\ " + done);
                } else {
                    parts.add(at + sd[1] + "(E) /\\ (" + sd[2] + "(E))' /\\ " + sd[0] + "(E) /\\ " + done);
                    parts.add(at + sd[1] + "(E) /\\ ~(" + sd[2] + "(E))' /\\ " + pos + "' = " + pos + " /\\ " + sub + "' = " + s);
                }
            }
            for (String p : parts) eventDisjuncts.add(act + " = " + SpecDir.quote(event) + " /\\ " + p);
        }
        b.append(traceStep).append("(E, ").append(act).append(") ==\n  ").append(disjunction(eventDisjuncts, "  ")).append("\n\n");
        // silent actions: any instance, between lines
        List<String> silent = new ArrayList<>();
        int j = 0;
        for (String s : m.silent()) {
            boolean found = false;
            for (Site site : sites) {
                if (!site.name().equals(s)) continue;
                found = true;
                j++;
                String def = "Silent" + j;
                b.append("\\* silent: ").append(s).append('\n').append(def).append(" ==\n").append(siteText(m, "silent", site, Map.of())).append("\n\n");
                silent.add(def);
            }
            if (!found) throw new BadTraceException(m.file(), 0, "silent: the spec has no action " + s + " in " + m.next());
        }
        if (!silent.isEmpty()) b.append(silentName).append(" == ").append(disjunction(silent, "  ")).append("\n\n");
        b.append(traceInit).append(" == ").append(m.init()).append(" /\\ ").append(pos).append(" = 1").append(multi ? " /\\ " + sub + " = 0" : "").append("\n\n");
        String step = pos + " <= Len(Trace) /\\ \\E " + ev1 + " \\in {" + traceEvent + "} : " + traceStep + "(" + ev1 + ", " + traceAction + ")";
        b.append(traceNext).append(" ==\n");
        if (silent.isEmpty()) {
            b.append("  ").append(step).append("\n\n");
        } else {
            b.append("  \\/ ").append(step).append("\n  \\/ ").append(multi ? sub + " = 0 /\\ " : "").append(silentName)
                    .append(" /\\ UNCHANGED ").append(multi ? "<<" + pos + ", " + sub + ">>" : pos).append("\n\n");
        }
        List<String> invs = new ArrayList<>();
        List<String> props = new ArrayList<>();
        Map<String, String> invOf = new LinkedHashMap<>();
        String stepVars = "<<" + String.join(", ", vars) + (vars.isEmpty() ? "" : ", ") + pos + (multi ? ", " + sub : "") + ">>";
        if (multi) {
            b.append("\\* Violated exactly when every line was matched: the trace is accepted.\n");
            b.append(incomplete).append(" == ").append(pos).append(" <= Len(Trace)\n\n");
        } else {
            // TLC checks a new state's invariants before the step's action properties: acceptance is a
            // property, checked after the invariants' step forms (the last step may violate one)
            b.append("\\* Violated exactly when the trace has no line: accepted (otherwise ").append(incomplete).append("Step says it).\n");
            b.append(incomplete).append(" == ").append(pos).append(" <= Len(Trace) \\/ ").append(pos).append(" > 1\n\n");
        }
        b.append("\\* Always TRUE; prints the furthest position reached (a rejected trace fails there).\n");
        b.append(progress).append(" == TraceProgress(").append(pos).append(")\n");
        b.append("\\* Always TRUE; checked first, prints the position of each new state (the violating one's, last before a violation).\n");
        b.append(atInv).append(" == TraceAt(").append(pos).append(")\n");
        invs.add(atInv);
        if (!multi && !m.invariants().isEmpty()) {
            b.append("\n\\* The mapping's invariants: each (its trace-time form where the mapping names one) on the initial\n")
                    .append("\\* state, then, as an action property on every step, its step form where the mapping names one\n")
                    .append("\\* (the spec shows Inv => (Inv' <=> Step) on every step: by induction Inv holds on every state of\n")
                    .append("\\* the trace iff Step holds on every step, and the first step where Step fails is the first to a\n")
                    .append("\\* state violating Inv), else the invariant on the step's new state. docs/validate.md, session 9.\n");
        }
        for (String name : m.invariants()) {
            // the trace-time form where the mapping gives one (TLC checks it equal to the invariant on the
            // spec's CI model): an original quantifying over every ballot, slot and value kept TLC on the
            // initial state of a 1,000-command Multi-Paxos trace for minutes; reported under the invariant's name
            String inv = m.invariantForms().getOrDefault(name, name);
            if (multi) {
                String g = n.fresh("TraceBetweenLines_" + inv);
                b.append("\n\\* ").append(inv).append(" between lines (a line's steps are checked as one)\n").append(g).append(" == ")
                        .append(sub).append(" = 0 => ").append(inv).append('\n');
                invs.add(g);
                invOf.put(g, name);
            } else {
                String first = n.fresh("TraceInitially_" + inv);
                b.append(first).append(" == ").append(pos).append(" = 1 => ").append(inv).append('\n');
                invs.add(first);
                invOf.put(first, name);
                String stepForm = m.invariantSteps().get(name);
                String p = n.fresh("TraceStep_" + inv);
                b.append(p).append(" == [][").append(stepForm != null ? stepForm : "(" + inv + ")'").append("]_").append(stepVars).append('\n');
                props.add(p);
                invOf.put(p, name);
            }
        }
        invs.add(progress);
        invs.add(incomplete);
        String view = null;
        if (!multi && silent.isEmpty()) {
            // every step advances the position by one: a trace is one behaviour unless some step has two different
            // successors, and TLC need not fingerprint whole states (O(state) a step: most of its time on a long trace)
            view = n.fresh("TraceView");
            String unique = n.fresh("TraceUniqueStep");
            b.append("\n\\* The VIEW --engine tlc first searches under: states identified by their position (the whole state at\n")
                    .append("\\* the first, where there may be several initial states). The same search as without it as long as no\n")
                    .append("\\* position is reached with two different states, which ").append(unique).append(" reports (TraceUnique):\n")
                    .append("\\* the engine then searches again without the VIEW.\n");
            b.append(view).append(" == IF ").append(pos).append(" = 1 THEN <<").append(pos).append(vars.isEmpty() ? "" : ", ").append(String.join(", ", vars))
                    .append(">> ELSE <<").append(pos).append(">>\n");
            b.append(unique).append(" == [][TraceUnique(").append(pos).append("', <<").append(String.join(", ", vars)).append(">>')]_").append(stepVars).append('\n');
            props.add(0, unique);
        }
        if (!multi) {
            String done = n.fresh(incomplete + "Step");
            b.append("\n\\* Violated by the step that matches the last line: the trace is accepted (checked after the step forms).\n");
            b.append(done).append(" == [][").append(pos).append("' <= Len(Trace)]_").append(stepVars).append('\n');
            props.add(done);
        }
        b.append("=============================================================================\n");
        return new Generated(module, b.toString(), traceInit, traceNext, invs, invOf, pos, incomplete, props, view);
    }

    private static String disjunction(List<String> alts, String indent) {
        if (alts.size() == 1) return alts.get(0);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < alts.size(); i++) {
            if (i > 0) b.append('\n').append(indent);
            b.append("\\/ ").append(alts.get(i));
        }
        return b.toString();
    }

    /** A site with its binders bound from the line: \E b \in LoggedIn(E.path, S) : ... leaf. */
    private static String siteText(TraceMapping m, String origin, Site site, Map<String, String> params) throws BadTraceException {
        List<List<String>> items = site.items();
        String leaf = site.leaf();
        Map<String, String> bound = bindings(items, params);
        if (bound.size() < params.size() && site.innerItems() != null) {
            items = site.innerItems();
            leaf = site.innerBody();
            bound = bindings(items, params);
        }
        for (String p : params.keySet()) {
            if (!bound.containsValue(p)) {
                List<String> have = new ArrayList<>();
                for (List<String> x : items) if (!x.get(0).equals("SRC")) have.add(x.get(1) + (x.size() > 3 && !x.get(3).isEmpty() ? " (" + x.get(3) + ")" : ""));
                if (site.innerItems() != null) for (List<String> x : site.innerItems()) if (x.get(0).equals("E")) have.add(x.get(1));
                throw new BadTraceException(m.file(), 0, origin + ": params: " + p + " is not a parameter of " + site.name()
                        + " (its binders in " + m.next() + ": " + have + ")");
            }
        }
        Map<String, String> src = new LinkedHashMap<>();
        for (List<String> x : items) if (x.get(0).equals("SRC")) src.put(x.get(1), x.get(2));
        StringBuilder b = new StringBuilder();
        for (List<String> x : items) {
            if (x.get(0).equals("LET")) {
                b.append("  LET ").append(x.get(1)).append(" == ").append(x.get(2)).append(" IN\n");
            } else if (x.get(0).equals("E")) {
                String sym = x.get(1);
                String set = "(" + x.get(2) + ")";
                String p = bound.get(sym);
                String s;
                if (p == null) {
                    s = src.containsKey(sym) ? "(" + src.get(sym) + ") \\cap " + set : set;
                } else {
                    String path = params.get(p);
                    String field = "E." + TraceMapping.pathOf(path);
                    // a binder TLC splits Next on takes a logged value of another kind as bad input, as in the fast engine
                    String in = x.size() > 4 && x.get(4).equals("split") ? "LoggedSplit(" + field + ", " + set + ")"
                            : src.containsKey(sym) ? "LoggedInFrom(" + field + ", " + set + ", (" + src.get(sym) + "))"
                            : "LoggedIn(" + field + ", " + set + ")";
                    s = TraceMapping.optional(path) ? "IF " + TraceStateChecks.has(TraceMapping.pathOf(path)) + " THEN " + in + " ELSE " + set : in;
                }
                b.append("  \\E ").append(sym).append(" \\in ").append(s).append(" :\n");
            }
        }
        b.append(leaf.startsWith("(\n") ? leaf : "    " + leaf);
        return b.toString();
    }

    /** Binder symbol → the parameter binding it: by the leaf's formal it is passed as, by its own name, or through a LET of it. */
    private static Map<String, String> bindings(List<List<String>> items, Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : params.keySet()) {
            for (List<String> x : items) if (x.get(0).equals("E") && x.get(3).equals(p) && !out.containsKey(x.get(1))) out.put(x.get(1), p);
        }
        for (String p : params.keySet()) {
            if (out.containsValue(p)) continue;
            for (List<String> x : items) if (x.get(0).equals("E") && x.get(1).equals(p) && !out.containsKey(x.get(1))) out.put(x.get(1), p);
        }
        for (String p : params.keySet()) {
            if (out.containsValue(p)) continue;
            for (List<String> x : items) {
                if (x.get(0).equals("LET") && x.get(1).equals(p)) {
                    String target = x.get(2).strip();
                    for (List<String> y : items) if (y.get(0).equals("E") && y.get(1).equals(target) && !out.containsKey(target)) out.put(target, p);
                }
            }
        }
        return out;
    }

    /** Fresh names: the preferred one unless the spec (or a binder of Next) uses it. */
    private static final class Names {
        private final Set<String> taken;

        Names(Set<String> taken) {
            this.taken = new LinkedHashSet<>(taken);
        }

        String fresh(String preferred) {
            String s = preferred;
            for (int i = 2; taken.contains(s); i++) s = "tlaconform_" + preferred + (i > 2 ? i : "");
            taken.add(s);
            return s;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> sites(Path dir, String root, String next) throws BadTraceException {
        try {
            return (List<List<String>>) IsolatingClassLoader.call("dev.tlaconform.validate.engine.NextSites", "of",
                    new Class<?>[] {String.class, String.class, String.class}, dir.toAbsolutePath().toString(), root, next);
        } catch (InvocationTargetException e) {
            throw new BadTraceException(dir.resolve(root + ".tla"), 0, "SANY failed: " + e.getCause());
        }
    }

    /**
     * Generates mapping m's trace spec from the spec directory itself (for the copies kept beside
     * the specs, {@code tlaconform gen-trace-spec}, and the test that they are current): the
     * directory's modules, with the mapping's module and NDJsonTrace written into a temporary copy.
     */
    public static Generated fromSpecDir(Path specDir) throws BadTraceException, IOException {
        TraceMapping m = TraceMapping.load(specDir);
        Path run = SpecDir.makeRunDir(specDir);
        try {
            if (!MappingModule.rootModule(m).equals(m.spec())) {
                Files.writeString(run.resolve(MappingModule.rootModule(m) + ".tla"), MappingModule.text(m), StandardCharsets.UTF_8);
            }
            return generate(m, run, moduleName(m), m.log().foreign());
        } finally {
            SpecDir.delete(run);
        }
    }

    /**
     * SANY's complaint about a generated trace spec (written with the spec directory's modules into a
     * temporary directory), or null when it parses and its next-state relation splits.
     */
    static String sanyError(Path specDir, Generated g) throws BadTraceException, IOException {
        TraceMapping m = TraceMapping.load(specDir);
        Path run = SpecDir.makeRunDir(specDir);
        try {
            if (!MappingModule.rootModule(m).equals(m.spec())) {
                Files.writeString(run.resolve(MappingModule.rootModule(m) + ".tla"), MappingModule.text(m), StandardCharsets.UTF_8);
            }
            Files.writeString(run.resolve(g.module() + ".tla"), g.text(), StandardCharsets.UTF_8);
            List<List<String>> r = sites(run, g.module(), g.next());
            return !r.isEmpty() && r.get(0).get(0).equals("ERROR") ? r.get(0).get(1) : null;
        } finally {
            SpecDir.delete(run);
        }
    }

    /** The generated module's name: the mapping's traceSpec, or Trace + the spec's name. */
    public static String moduleName(TraceMapping m) {
        return m.traceSpec() != null ? m.traceSpec() : "TLACONFORM_Trace" + m.spec();
    }
}
