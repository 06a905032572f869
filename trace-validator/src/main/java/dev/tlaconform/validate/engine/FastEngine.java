package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.SpecSession;
import dev.tlaconform.validate.TraceMapping;
import dev.tlaconform.validate.TraceReader;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.ValidationWatch;
import dev.tlaconform.validate.ValidationResult.Failure;
import dev.tlaconform.validate.ValidationResult.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tla2sany.semantic.OpDeclNode;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.tool.impl.FastTool;
import tlc2.util.FP64;
import util.ToolIO;

/**
 * The fast trace-validation engine: TLC's evaluator ({@link FastTool}) in-process, one spec per
 * class loader. It keeps the set of spec states consistent with the trace prefix (deduplicated by
 * fingerprint when there is more than one), advances it event by event under the event's action
 * instance only, keeps the successors whose logged variables equal the event's {@code state}, checks
 * the spec's invariants on every new candidate, and closes the set under the mapping's silent
 * actions. Thread-safe: many traces may be validated at once against one loaded spec.
 */
public final class FastEngine implements SpecSession {
    private final FastTool tool;
    private final TraceMapping mapping;
    private final Map<String, EventKind> kinds = new LinkedHashMap<>();
    /** Per event action: the kinds of the spec steps its line stands for (itself, then its "then" steps). */
    private final Map<String, EventKind[]> chains = new java.util.HashMap<>();
    private final Map<String, StatePath[]> statePaths = new LinkedHashMap<>();
    private final InvariantChecker invariants;
    private final ActionSite[] silent;
    private final List<String> actionNames;
    private final GuardExplainer explainer;
    private final Diagnoser diagnoser;
    /** Warnings every verdict carries (mapped actions with no instance for these constants). */
    private final List<String> loadWarnings = new ArrayList<>();

    /**
     * Loads {@code runDir/<mapping.spec>.tla} with the configuration {@code runDir/<cfgName>.cfg}.
     *
     * @throws BadTraceException the spec does not parse or the mapping does not fit it (message names the file)
     */
    public FastEngine(Path runDir, TraceMapping mapping, String cfgName) throws BadTraceException {
        this.mapping = mapping;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(log, true, StandardCharsets.UTF_8);
        ToolIO.out = capture;
        ToolIO.err = capture;
        FP64.Init();
        String root = dev.tlaconform.validate.MappingModule.rootModule(mapping);
        try {
            this.tool = new FastTool(runDir.toString(), root, cfgName, new dev.tlaconform.check.PrivateModules(runDir.toString()));
        } catch (RuntimeException | Error e) {
            // name the user's file and line, not the copy in the run directory (deleted on exit)
            Path userDir = mapping.file().toAbsolutePath().getParent();
            dev.tlaconform.check.SpecErrors.Located at = dev.tlaconform.check.SpecErrors.locate(runDir, root, userDir);
            if (at != null && at.file().getFileName().toString().equals(root + ".tla") && !root.equals(mapping.spec())) {
                // an error in the TLA+ the mapping writes (its define, require, state expressions): name the entry
                String origin = dev.tlaconform.validate.MappingModule.originOfLine(mapping, at.line());
                String before = dev.tlaconform.validate.MappingModule.originOfLine(mapping, at.line() - 1);
                if (origin != null && before != null && !before.equals(origin)) {
                    origin += " (or the end of " + before + ": the parser notices an unclosed expression at the next entry)";
                }
                throw new BadTraceException(mapping.file(), 0, (origin == null ? "" : origin + ": ")
                        + "TLC cannot load the mapping's TLA+: " + at.message());
            }
            if (at != null) {
                throw new BadTraceException(at.file(), at.line(), (at.column() > 0 ? "col " + at.column() + ": " : "")
                        + "TLC cannot load the spec: " + at.message());
            }
            throw new BadTraceException(userDir.resolve(mapping.spec() + ".tla"), 0,
                    "TLC cannot load the spec: " + tlcError(log, e).replace(runDir.toString(), userDir.toString()));
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        ToolIO.out = quiet;
        ToolIO.err = quiet;
        List<ActionSite> all = ActionSite.of(tool, tool.getActions());
        TreeSet<String> names = new TreeSet<>();
        for (ActionSite a : all) names.add(a.name);
        this.actionNames = List.copyOf(names);
        List<String> vars = new ArrayList<>();
        for (OpDeclNode d : TLCState.vars) vars.add(d.getName().toString());
        for (Map.Entry<String, TraceMapping.EventMapping> e : mapping.stepKinds().entrySet()) {
            kinds.put(e.getKey(), new EventKind(e.getKey(), e.getValue(), all, mapping, vars, definedOperators(), loadWarnings));
            EventKind kind = kinds.get(e.getKey());
            if (e.getValue().until() != null) {
                kind.until = mappingDef(dev.tlaconform.validate.MappingModule.untilName(mapping, e.getKey()));
            }
            kind.require = new tla2sany.semantic.OpDefNode[e.getValue().require().size()];
            for (int r = 0; r < kind.require.length; r++) {
                kind.require[r] = mappingDef(dev.tlaconform.validate.MappingModule.requireName(mapping, e.getKey(), r));
            }
            // the line's logged state is compared after its last step
            String event = TraceMapping.eventOf(e.getKey());
            List<String> steps = mapping.stepsOf(event);
            Map<String, String> st = steps.get(steps.size() - 1).equals(e.getKey()) ? mapping.stateFor(event) : Map.of();
            StatePath[] paths = new StatePath[st.size()];
            int i = 0;
            for (Map.Entry<String, String> s : st.entrySet()) {
                if (dev.tlaconform.validate.MappingModule.isExpression(s.getValue())) {
                    if (mapping.sparse().containsKey(s.getKey()) || mapping.delta().contains(s.getKey())) {
                        throw new BadTraceException(mapping.file(), 0, "state." + s.getKey() + ": a key written as a TLA+ expression"
                                + " is logged whole (not sparse, not delta)");
                    }
                    paths[i++] = StatePath.expression(s.getKey(), s.getValue(),
                            mappingDef(dev.tlaconform.validate.MappingModule.stateName(mapping, event, s.getKey())));
                    continue;
                }
                StatePath p = StatePath.parse(mapping.file(), s.getKey(), s.getValue(), vars);
                String absent = mapping.sparse().get(s.getKey());
                if (absent != null) p.absent = constantValue(absent, "sparse." + s.getKey());
                p.delta = mapping.delta().contains(s.getKey());
                paths[i++] = p;
            }
            statePaths.put(e.getKey(), paths);
        }
        for (String ev : mapping.events().keySet()) {
            List<String> steps = mapping.stepsOf(ev);
            EventKind[] chain = new EventKind[steps.size()];
            for (int c = 0; c < chain.length; c++) chain[c] = kinds.get(steps.get(c));
            chains.put(ev, chain);
        }
        List<ActionSite> sil = new ArrayList<>();
        for (String s : mapping.silent()) {
            if (!names.contains(s)) {
                throw new BadTraceException(mapping.file(), 0, "silent: the spec has no action " + s + " (it has " + names + ")");
            }
            for (ActionSite a : all) if (a.name.equals(s)) sil.add(a);
        }
        this.silent = sil.toArray(new ActionSite[0]);
        this.stepForms = stepForms(tool.getInvariants());
        this.invariants = newInvariantChecker();
        this.memos = DefMemo.install(tool, TLCState.vars);
        this.exceptScan = ExceptScan.of(tool, TLCState.vars);
        Canon.persistentVars = exceptScan.allowed();
        if (Boolean.getBoolean("tlaconform.persistentFcnDebug")) {
            System.err.println("persistent functions: " + exceptScan.describe(TLCState.vars));
        }
        this.sites = all;
        this.runDir = runDir;
        this.explainer = new GuardExplainer(tool, runDir);
        this.diagnoser = new Diagnoser(this, explainer);
    }

    FastTool tool() { return tool; }

    private final List<ActionSite> sites;
    private final Path runDir;
    /** The alternatives of each action the accepted steps took, once recording is on ({@link ActionBranches}). */
    private volatile ActionBranches branches;

    @Override
    public synchronized void recordActionBranches() {
        if (branches == null) branches = new ActionBranches(tool, sites, runDir);
    }

    @Override
    public Map<String, Map<String, Long>> actionBranches() {
        ActionBranches b = branches;
        return b == null ? Map.of() : b.snapshot();
    }

    /** Per checked invariant, the body of its step form (the mapping's invariantSteps), or null. */
    private final tla2sany.semantic.SemanticNode[] stepForms;

    /** A checker of the spec's invariants (with their step forms). */
    InvariantChecker newInvariantChecker() {
        return new InvariantChecker(tool, tool.getInvariants(), TLCState.vars, stepForms);
    }

    private tla2sany.semantic.SemanticNode[] stepForms(Action[] invs) throws BadTraceException {
        tla2sany.semantic.SemanticNode[] out = new tla2sany.semantic.SemanticNode[invs.length];
        for (int i = 0; i < invs.length; i++) {
            String name = mapping.stepFormOf(invs[i].getName().toString());
            if (name == null) continue;
            tla2sany.semantic.OpDefNode def = null;
            for (tla2sany.semantic.OpDefNode d : tool.getRootModule().getOpDefs()) {
                if (d.getName().toString().equals(name)) def = d;
            }
            if (def == null || def.getArity() != 0 || def.getBody() == null) {
                throw new BadTraceException(mapping.file(), 0, "invariantSteps: the spec " + mapping.spec()
                        + " has no definition " + name + " without arguments");
            }
            out[i] = def.getBody();
        }
        return out;
    }

    /** The compiled event kind of the mapping's event action. */
    EventKind kind(String eventAction) { return kinds.get(eventAction); }

    /** The names of the operators the loaded module defines or extends (an action with no instance in Next is still one). */
    private java.util.Set<String> definedOperators() {
        java.util.Set<String> out = new HashSet<>();
        for (tla2sany.semantic.OpDefNode d : tool.getRootModule().getOpDefs()) out.add(d.getName().toString());
        return out;
    }

    /** A definition of E the mapping wrote (in the generated module, {@link dev.tlaconform.validate.MappingModule}). */
    private tla2sany.semantic.OpDefNode mappingDef(String name) throws BadTraceException {
        for (tla2sany.semantic.OpDefNode d : tool.getRootModule().getOpDefs()) {
            if (d.getName().toString().equals(name) && d.getArity() == 1) return d;
        }
        throw new BadTraceException(mapping.file(), 0, "internal: the generated definition " + name + " is missing");
    }

    /** Which variables' functions may be kept persistent (and why not the others). */
    final ExceptScan exceptScan;

    /** The state-level definitions evaluated once per distinct value of what they read. */
    private final List<DefMemo> memos;

    /** The value of the spec's constant definition name (no parameters, no variables), canonical. */
    private tlc2.value.impl.Value constantValue(String name, String where) throws BadTraceException {
        for (tla2sany.semantic.OpDefNode d : tool.getRootModule().getOpDefs()) {
            if (!d.getName().toString().equals(name)) continue;
            if (d.getArity() != 0) {
                throw new BadTraceException(mapping.file(), 0, where + ": " + name + " takes arguments; name a constant definition");
            }
            try {
                // TLC's own precomputed value of a constant definition when it has one: the object the
                // spec's states share, so equalsSparse recognizes the absent entries by identity
                Object pre = tool.lookup(d, tlc2.util.Context.Empty, false);
                if (pre instanceof tlc2.value.impl.Value) return Canon.of((tlc2.value.impl.Value) pre, null);
                return Canon.of((tlc2.value.impl.Value) tool.eval(d.getBody(), tlc2.util.Context.Empty, TLCState.Empty), null);
            } catch (RuntimeException e) {
                throw new BadTraceException(mapping.file(), 0, where + ": " + name + " is not a constant: "
                        + GuardExplainer.firstLine(e.getMessage()));
            }
        }
        throw new BadTraceException(mapping.file(), 0, where + ": the spec " + mapping.spec() + " has no definition " + name);
    }

    @Override
    public List<String> specActionNames() {
        return actionNames;
    }

    @Override
    public List<String> definitionMemos() {
        List<String> out = new ArrayList<>();
        for (DefMemo m : memos) out.add(m.describe());
        return out;
    }

    @Override
    public List<String> invariantReads() {
        return invariants.describe();
    }

    @Override
    public long[] invariantWork() {
        return new long[] {invariants.skippedUnchanged.sum(), invariants.cacheHits.sum(), invariants.evaluated.sum()};
    }

    @Override
    public ValidationResult validate(TraceReader r, int maxCandidates, boolean checkInvariants, ValidationWatch watch)
            throws BadTraceException, CandidateLimitException {
        try {
            return run(r, maxCandidates, checkInvariants, watch);
        } catch (SearchLimit e) {
            throw new CandidateLimitException(r.file() + ":" + Math.max(1, r.lastLine()) + ": " + e.getMessage()
                    + "; log the value (fully) or raise --max-candidates");
        }
    }

    private ValidationResult run(TraceReader r, int maxCandidates, boolean checkInvariants, ValidationWatch watch)
            throws BadTraceException, CandidateLimitException {
        InvariantChecker invariants = checkInvariants ? this.invariants : null;
        long t0 = System.nanoTime();
        Map<String, Long> counts = new TreeMap<>();
        Set<String> unmapped = new TreeSet<>();
        Stats stats = new Stats();
        List<TLCState> cands;
        try {
            cands = dedupe(list(tool.getInitStates()), null);
            for (TLCState s : cands) Canon.state(s, null);
            if (Boolean.getBoolean("tlaconform.persistentFcnDebug") && !cands.isEmpty()) {
                for (OpDeclNode d : TLCState.vars) {
                    tlc2.value.impl.Value v = (tlc2.value.impl.Value) cands.get(0).lookup(d.getName());
                    String in = v instanceof tlc2.value.impl.TupleValue && ((tlc2.value.impl.TupleValue) v).elems.length > 0
                            ? " of " + ((tlc2.value.impl.TupleValue) v).elems.length + " " + ((tlc2.value.impl.TupleValue) v).elems[0].getClass().getSimpleName() : "";
                    System.err.println("initial " + d.getName() + ": " + (v == null ? null : v.getClass().getSimpleName()) + in);
                }
            }
        } catch (RuntimeException e) {
            throw new BadTraceException(r.file(), 1, "TLC cannot compute the initial states with the header's constants: "
                    + GuardExplainer.firstLine(e.getMessage()));
        }
        Failure inv = checkInvariants(invariants, cands, null, 1, null, null, 0);
        if (inv == null && silent.length > 0) {
            List<TLCState> parents = new ArrayList<>();
            cands = close(cands, parents, r, 1, maxCandidates);
            inv = checkInvariants(invariants, cands, parents, 1, null, null, 0);
        }
        if (inv != null) return result(r, Verdict.INVARIANT_VIOLATED, 0, stats, t0, counts, inv, unmapped);
        stats.add(cands.size());
        dev.tlaconform.validate.OneToOne oneToOne = new dev.tlaconform.validate.OneToOne(mapping.oneToOne());
        Growth growth = new Growth();
        Bound bound = new Bound();
        TraceReader.Event e;
        while ((e = r.next()) != null) {
            watch.at(e.index() - 1, e.line(), cands.size());
            EventKind[] chain = chains.get(e.action());   // the spec steps the line stands for (one, or its "then")
            Step[] steps = new Step[chain.length];
            for (int c = 0; c < steps.length; c++) {
                steps[c] = Step.prepare(this, chain[c], e, r, unmapped, maxCandidates); // bad input first, as --engine tlc's pre-scan
            }
            EventKind k = steps[0].kind;
            Step step = steps[0];
            Failure paired = oneToOne.check(e);
            if (paired == null && r.fieldRule() != null) paired = r.fieldRule().fixedFailure(e);
            if (paired != null) return result(r, Verdict.REJECTED, e.index() - 1, stats, t0, counts, paired, unmapped);
            List<TLCState> from = cands;
            List<String> matched = new ArrayList<>(2);
            List<TLCState> next = null;
            List<TLCState> parents = null;
            for (Step st : steps) {
                List<ActionSite> acts = st.kind.sites(st.ctxValues);
                next = new ArrayList<>(Math.max(4, from.size()));
                List<TLCState> ps = new ArrayList<>(Math.max(4, from.size()));
                // the actions (of the step's alternatives) some survivor came from; one action: its name
                Set<String> took = st.kind.alternatives ? new TreeSet<>() : null;
                if (st.kind.until != null) {
                    if (acts != null) repeat(st, acts, from, next, ps, r, maxCandidates);
                    if (next.isEmpty() && acts != null) {
                        return result(r, Verdict.REJECTED, e.index() - 1, stats, t0, counts, repeatFailure(st, from), unmapped);
                    }
                } else if (acts != null) {
                    for (TLCState s : from) {
                        for (ActionSite a : acts) {
                            int before = next.size();
                            st.successors(a, s, true, next, ps);
                            if (took != null && next.size() > before) took.add(a.name);
                        }
                    }
                }
                if (branches != null && acts != null && st.kind.until == null && !next.isEmpty()) {
                    branches.record(st, acts, ps.get(0), next.get(0));   // one surviving step examined
                }
                if (st.kind.stutter) {
                    int before = next.size();
                    for (TLCState s : from) st.stutter(s, next, ps);
                    if (took != null && next.size() > before) took.add(TraceMapping.STUTTER);
                }
                if (took != null) matched.addAll(took);
                else matched.add(st.kind.specAction);
                if (next.isEmpty()) {
                    st.earlier = bound;
                    Failure f = diagnoser.diagnose(st, acts, from);
                    return result(r, Verdict.REJECTED, e.index() - 1, stats, t0, counts, f, unmapped);
                }
                next = dedupe(next, ps);
                // parents: the candidate before the line each state comes from (for invariants' unchanged-variable test)
                if (parents == null) {
                    parents = ps;
                } else {
                    List<TLCState> up = new ArrayList<>(ps.size());
                    for (TLCState p : ps) up.add(parents.get(indexOf(from, p)));
                    parents = up;
                }
                from = next;
            }
            inv = checkInvariants(invariants, next, parents, e.line(), e.json(), e.action(), cands.size());
            if (inv == null && silent.length > 0) {
                parents = new ArrayList<>();
                next = close(next, parents, r, e.line(), maxCandidates);
                inv = checkInvariants(invariants, next, parents, e.line(), e.json(), e.action(), cands.size());
            }
            if (inv != null) return result(r, Verdict.INVARIANT_VIOLATED, e.index(), stats, t0, counts, inv, unmapped);
            if (next.size() > maxCandidates) {
                throw new CandidateLimitException(r.file() + ":" + e.line() + ": more than " + maxCandidates
                        + " candidate spec states after event " + e.index() + " (" + e.action()
                        + "); log more state or raise --max-candidates");
            }
            for (String a : matched) counts.merge(a, 1L, Long::sum);   // an event of alternatives counts each action it may have been
            stats.add(next.size());
            growth.after(e, cands.size(), next.size());
            stats.growth = growth.warning;
            bound.remember(k, step, e);
            cands = next;
            tlc2.value.impl.PersistentFcn.sweep(); // TLC's materialisations of persistent functions in this event: dropped
        }
        return result(r, Verdict.ACCEPTED, r.eventsRead(), stats, t0, counts, null, unmapped);
    }

    /**
     * Watches the candidate set: one that keeps growing from event to event is the mark of a
     * mapping that leaves a step free (a stuttering disjunct, a parameter the log does not bind),
     * and ends in --max-candidates; the verdict then carries a warning naming where it started.
     */
    private final class Growth {
        static final int STREAK = 8;
        static final int AT_LEAST = 64;
        int streak;
        long startLine;
        int startSize;
        final TreeSet<String> kinds = new TreeSet<>();
        String warning;

        void after(TraceReader.Event e, int before, int after) {
            if (warning != null) return;
            if (after > before) {
                if (streak++ == 0) {
                    startLine = e.line();
                    startSize = before;
                    kinds.clear();
                }
                kinds.add(e.action());
            } else {
                streak = 0;
            }
            if (streak >= STREAK && after >= AT_LEAST) {
                warning = "the candidate set kept growing: " + startSize + " spec states before line " + startLine + ", " + after
                        + " after line " + e.line() + " (" + streak + " events in a row, kinds " + kinds + "): does a mapped action"
                        + " allow a step the log does not pin down (a stuttering disjunct, a parameter no field binds, state left unlogged)?";
            }
        }
    }

    /**
     * For diagnoses: the logged values of quantifiers the last 4096 accepted events bound, with their
     * lines ("taken by the event at line N"). A ring of references: nothing is hashed or copied per
     * event; a diagnosis compares backwards.
     */
    static final class Bound {
        private static final int SIZE = 4096;
        private final JsonNode[] values = new JsonNode[SIZE];
        private final long[] lines = new long[SIZE];
        private final String[] actions = new String[SIZE];
        private int next;

        void remember(EventKind k, Step step, TraceReader.Event e) {
            for (int i = 0; i < k.quantParams.length; i++) {
                if (step.exJson[i] == null) continue;
                values[next] = step.exJson[i];
                lines[next] = e.line();
                actions[next] = e.action();
                next = (next + 1) % SIZE;
            }
        }

        /** Where the same logged value was last bound by an accepted event ("line 6 (Recv)"), or null. */
        String of(JsonNode logged) {
            if (logged == null) return null;
            for (int k = 1; k <= SIZE; k++) {
                int i = (next - k + SIZE) % SIZE;
                if (values[i] == null) return null;
                if (values[i].equals(logged)) return "line " + lines[i] + " (" + actions[i] + ")";
            }
            return null;
        }
    }

    /**
     * Adds the states reachable from cands by silent actions (breadth first, deduplicated); parents
     * receives, aligned with the result, the state each was generated from (a state of cands is its own).
     */
    private List<TLCState> close(List<TLCState> cands, List<TLCState> parents, TraceReader r, long line, int max)
            throws CandidateLimitException {
        if (silent.length == 0) return cands;
        List<TLCState> all = new ArrayList<>(cands);
        parents.addAll(cands);
        Set<Long> seen = new HashSet<>();
        for (TLCState s : cands) seen.add(s.fingerPrint());
        List<TLCState> frontier = cands;
        while (!frontier.isEmpty()) {
            List<TLCState> nf = new ArrayList<>();
            for (TLCState s : frontier) {
                for (ActionSite a : silent) {
                    List<TLCState> ns = new ArrayList<>();
                    for (tlc2.util.Context c : Step.bind(this, a, null, null, s, max).contexts()) {
                        ns.addAll(list(tool.getNextStates(a.quants.isEmpty() ? a.tlcAction : new Action(a.body, c, a.opDef), s)));
                    }
                    for (TLCState t : ns) {
                        Canon.state(t, s);
                        if (seen.add(t.fingerPrint())) {
                            nf.add(t);
                            all.add(t);
                            parents.add(s);
                            if (all.size() > max) {
                                throw new CandidateLimitException(r.file() + ":" + line + ": more than " + max
                                        + " candidate spec states when adding the silent actions " + mapping.silent()
                                        + "; log more events or state, or raise --max-candidates");
                            }
                        }
                    }
                }
            }
            frontier = nf;
        }
        return all;
    }

    /** The most times a step with "until" is repeated for one line. */
    static final int MAX_REPEAT = 1000;

    /**
     * A step repeated until its condition holds: from each state of from, the step's action taken
     * once, then again from every state where the condition is FALSE (breadth first, each state
     * once); a state where it holds and that agrees with the line (logged state, msgIn, require on
     * its last step) survives, with its state of from as parent.
     */
    private void repeat(Step st, List<ActionSite> acts, List<TLCState> from, List<TLCState> out, List<TLCState> parents,
                        TraceReader r, int max) throws BadTraceException, CandidateLimitException {
        for (TLCState origin : from) {
            List<TLCState> frontier = List.of(origin);
            Set<Long> seen = new HashSet<>();
            for (int depth = 1; !frontier.isEmpty(); depth++) {
                if (depth > MAX_REPEAT) {
                    throw new CandidateLimitException(r.file() + ":" + st.event.line() + ": " + st.kind.specAction + " repeated "
                            + MAX_REPEAT + " times without " + TraceMapping.originOf(st.kind.eventAction) + ".until holding");
                }
                List<TLCState> nf = new ArrayList<>();
                for (TLCState s : frontier) {
                    List<TLCState> succ = new ArrayList<>();
                    for (ActionSite a : acts) st.successors(a, s, false, succ, null);
                    for (TLCState t : succ) {
                        if (!seen.add(t.fingerPrint())) continue;
                        if (seen.size() > max) {
                            throw new CandidateLimitException(r.file() + ":" + st.event.line() + ": more than " + max
                                    + " spec states repeating " + st.kind.specAction + "; raise --max-candidates");
                        }
                        if (st.holds(st.kind.until, t)) {
                            if (st.mismatches(t, s, null) == 0 && st.msgSent(t, s) && st.failedRequire(s, t) < 0) {
                                out.add(t);
                                parents.add(origin);
                            }
                        } else {
                            nf.add(t);
                        }
                    }
                }
                frontier = nf;
            }
        }
    }

    /** Why no repetition of a step with "until" matched the line. */
    private Failure repeatFailure(Step st, List<TLCState> from) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("kind", "repeat");
        d.put("action", st.kind.specAction);
        d.put("until", TraceMapping.originOf(st.kind.eventAction) + ".until");
        d.set("candidate", stateJson(from.get(0)));
        return new Failure(st.event.line(), st.event.json(), st.event.action(), from.size(), "no repetition of " + st.kind.specAction
                + " reaches a state where " + TraceMapping.originOf(st.kind.eventAction) + ".until holds and that agrees with the line"
                + " (the logged state, msgIn and require checked after the last repetition)", d);
    }

    private static int indexOf(List<TLCState> xs, TLCState x) {
        for (int i = 0; i < xs.size(); i++) if (xs.get(i) == x) return i;
        throw new IllegalStateException("a step's parent is not among the states it was generated from");
    }

    static List<TLCState> list(StateVec v) {
        List<TLCState> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(v.elementAt(i));
        return out;
    }

    /**
     * The states without repeats; parents, if given, is filtered alike. A few states (TLC returns
     * one successor per true disjunct of an action, often equal) are compared value by value, which
     * succeeds by identity on what they share; many are compared by fingerprint.
     */
    private static List<TLCState> dedupe(List<TLCState> states, List<TLCState> parents) {
        if (states.size() <= 1) return states;
        List<TLCState> out = new ArrayList<>(states.size());
        List<TLCState> ps = parents == null ? null : new ArrayList<>(states.size());
        Set<Long> seen = states.size() > SMALL ? new HashSet<>() : null;
        for (int i = 0; i < states.size(); i++) {
            TLCState s = states.get(i);
            boolean fresh;
            if (seen != null) {
                fresh = seen.add(s.fingerPrint());
            } else {
                fresh = true;
                for (TLCState t : out) {
                    if (sameValues(s, t)) {
                        fresh = false;
                        break;
                    }
                }
            }
            if (fresh) {
                out.add(s);
                if (ps != null) ps.add(parents.get(i));
            }
        }
        if (ps != null) {
            parents.clear();
            parents.addAll(ps);
        }
        return out;
    }

    private static final int SMALL = 8;

    static boolean sameValues(TLCState a, TLCState b) {   // also CausalSearch's dedup
        for (OpDeclNode d : TLCState.vars) {
            Object x = a.lookup(d.getName());
            Object y = b.lookup(d.getName());
            if (x == y) continue;
            try {
                if (x == null || !x.equals(y)) return false;
            } catch (RuntimeException e) {
                return false; // values TLC cannot compare: keep both
            }
        }
        return true;
    }

    /** The first invariant violation among states (parents aligned with them, or null), or null. */
    private Failure checkInvariants(InvariantChecker invariants, List<TLCState> states, List<TLCState> parents, long line,
                                    ObjectNode event, String action, long before) {
        if (invariants == null || invariants.invariants().length == 0) return null;
        for (int k = 0; k < states.size(); k++) {
            TLCState s = states.get(k);
            int bad = invariants.firstViolated(s, parents == null ? null : parents.get(k), before > 1 || states.size() > 1);
            if (bad >= 0) {
                Action inv = invariants.invariants()[bad];
                String checked = inv.getName().toString();
                String name = mapping.invariantOf(checked);
                String form = name.equals(checked) ? "" : ", checked as its trace-time form " + checked;
                ObjectNode d = JsonNodeFactory.instance.objectNode();
                d.put("kind", "invariant");
                d.put("invariant", name);
                if (!form.isEmpty()) d.put("checkedAs", checked);
                d.put("location", GuardExplainer.where(inv.pred));
                d.set("state", stateJson(s));
                String after = event == null ? "in an initial state" : "after this event";
                return new Failure(line, event, action, before, "invariant " + name + " is violated " + after
                        + " (" + GuardExplainer.where(inv.pred) + form + ")", d);
            }
        }
        return null;
    }

    static ObjectNode stateJson(TLCState s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Map<String, JsonNode> sorted = new TreeMap<>();
        s.getVals().forEach((k, v) -> sorted.put(k.toString(), ValueCodec.toJson((tlc2.value.impl.Value) v)));
        sorted.forEach(o::set);
        return o;
    }

    private ValidationResult result(TraceReader r, Verdict v, long events, Stats stats, long t0, Map<String, Long> counts,
                                    Failure f, Set<String> unmapped) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> never = new ArrayList<>();
        for (String a : actionNames) if (!counts.containsKey(a)) never.add(a);
        List<String> warnings = new ArrayList<>(loadWarnings);
        if (stats.growth != null) warnings.add(stats.growth);
        // logged state keys the mapping does not map are the field rule's (FieldRule): bad input unless allowed
        return new ValidationResult(r.file().toString(), "fast", v, events, stats.max, stats.total, ms,
                Collections.unmodifiableMap(counts), never, f, warnings);
    }

    StatePath[] statePaths(String eventAction) {
        return statePaths.get(eventAction);
    }

    private static String tlcError(ByteArrayOutputStream log, Throwable e) {
        String out = log.toString(StandardCharsets.UTF_8);
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("Parsing file") || l.startsWith("Semantic processing") || l.startsWith("Starting")
                    || l.startsWith("Warning")) continue;
            if (l.contains("rror") || l.contains("not") || l.contains("Unknown") || l.contains("line")) {
                return l + (e.getMessage() == null ? "" : " | " + GuardExplainer.firstLine(e.getMessage()));
            }
        }
        return GuardExplainer.firstLine(String.valueOf(e.getMessage()));
    }

    private static final class Stats {
        long max;
        long total;
        String growth;

        void add(int n) {
            max = Math.max(max, n);
            total += n;
        }
    }
}
