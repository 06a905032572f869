package dev.tlaconform.check;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import tla2sany.semantic.OpDeclNode;
import tla2sany.st.Location;
import tlc2.TLCGlobals;
import tlc2.output.EC;
import tlc2.output.MP;
import tlc2.output.MPRecorder;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.tool.TLCStateInfo;
import tlc2.value.IValue;
import util.Assert.TLCRuntimeException;
import util.UniqueString;

/**
 * Registered with {@code MP.setRecorder} inside the child JVM: sees every message TLC prints,
 * by its {@link EC} code and parameters (and, for states, the {@link TLCStateInfo} itself), and
 * streams them to the parent as {@link Events}. It reads codes and objects, never TLC's prose.
 */
final class EventRecorder extends MPRecorder {
    /** Informational messages that carry nothing the parent needs. */
    private static final Set<Integer> QUIET = Set.of(
            EC.TLC_STARTING, EC.TLC_FINISHED, EC.TLC_MODE_MC, EC.TLC_MODE_MC_DFS, EC.TLC_MODE_SIMU,
            EC.TLC_COMPUTING_INIT, EC.TLC_COMPUTING_INIT_PROGRESS, EC.TLC_INIT_GENERATED1,
            EC.TLC_INIT_GENERATED2, EC.TLC_INIT_GENERATED3, EC.TLC_INIT_GENERATED4,
            EC.TLC_CHECKING_TEMPORAL_PROPS, EC.TLC_CHECKING_TEMPORAL_PROPS_END, EC.TLC_SUCCESS,
            EC.TLC_STATE_GRAPH_OUTDEGREE, EC.TLC_CHECKPOINT_START, EC.TLC_CHECKPOINT_END,
            EC.TLC_SANY_START, EC.TLC_SANY_END, EC.TLC_BEHAVIOR_UP_TO_THIS_POINT,
            EC.TLC_COUNTER_EXAMPLE, EC.TLC_COVERAGE_START, EC.TLC_COVERAGE_END,
            EC.TLC_COVERAGE_VALUE, EC.TLC_COVERAGE_NEXT, EC.TLC_COVERAGE_INIT,
            EC.TLC_COVERAGE_PROPERTY, EC.TLC_COVERAGE_VALUE_COST, EC.TLC_COVERAGE_END_OVERHEAD,
            EC.TLC_FP_COMPLETED, EC.TLC_ENVIRONMENT_JVM_GC, EC.TLC_LIVE_IMPLIED,
            EC.TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE_LOADED, EC.TLC_DISTRIBUTED_SERVER_RUNNING,
            EC.TLC_DISTRIBUTED_WORKER_REGISTERED, EC.TLC_DISTRIBUTED_WORKER_DEREGISTERED,
            EC.TLC_DISTRIBUTED_WORKER_STATS, EC.TLC_DISTRIBUTED_VM_VERSION,
            EC.TLC_DISTRIBUTED_SERVER_FPSET_WAITING, EC.TLC_DISTRIBUTED_SERVER_FPSET_REGISTERED,
            EC.TLC_DISTRIBUTED_SERVER_FINISHED);

    private final EventStream events;
    private final String alias;
    private volatile long depth;
    private volatile boolean parsingFailed;
    private volatile int firstConfigCode;
    private volatile String[] firstConfigParams;
    private String lastError = "";

    EventRecorder(EventStream events, String alias) {
        this.events = events;
        this.alias = alias;
    }

    EventStream events() {
        return events;
    }

    /** The search depth TLC reported (0 until it does). */
    long depth() {
        return depth;
    }

    /** The first config error's EC code (0 if none) and its parameters, for the runner to locate. */
    int firstConfigCode() {
        return firstConfigCode;
    }

    String[] firstConfigParams() {
        return firstConfigParams;
    }

    /** Whether TLC reported that SANY failed (the runner then locates the error itself). */
    boolean parsingFailed() {
        return parsingFailed;
    }

    @Override
    public void record(int code, Object... objects) {
        try {
            handle(code, objects == null ? new Object[0] : objects);
        } catch (RuntimeException e) {
            ObjectNode ev = EventStream.event(Events.MESSAGE);
            ev.put("code", code);
            ev.put("message", "tlaconform could not record TLC message " + code + ": " + e);
            events.emit(ev);
        }
    }

    private void handle(int code, Object[] objects) {
        Emulated.remember(TLCGlobals.mainChecker);
        switch (code) {
            case EC.TLC_VERSION:
                return; // the runner reports TLCGlobals.versionOfTLC itself
            case EC.TLC_PROGRESS_STATS:
                // Parameters (ModelChecker and TLCServer alike): depth, states generated,
                // distinct states, queue[, states/min, distinct states/min]. Liveness checking
                // reports -1 for what does not apply: skip those.
                if (num(objects, 2) < 0) {
                    return;
                }
                emitProgress(num(objects, 1), num(objects, 2), num(objects, 3), num(objects, 0), "tlc");
                return;
            case EC.TLC_STATS: {
                ObjectNode e = EventStream.event(Events.STATS);
                e.put("generated", num(objects, 0));
                e.put("distinct", num(objects, 1));
                e.put("queue", num(objects, 2));
                events.emit(e);
                return;
            }
            case EC.TLC_SEARCH_DEPTH: {
                depth = num(objects, 0);
                ObjectNode e = EventStream.event(Events.DEPTH);
                e.put("depth", num(objects, 0));
                events.emit(e);
                return;
            }
            case EC.TLC_INVARIANT_VIOLATED_INITIAL:
                violation(code, "invariant", str(objects, 0), objects);
                initialState(str(objects, 1));
                return;
            case EC.TLC_INVARIANT_VIOLATED_BEHAVIOR:
                violation(code, "invariant", str(objects, 0), objects);
                return;
            case EC.TLC_PROPERTY_VIOLATED_INITIAL:
                violation(code, "property", str(objects, 0), objects);
                initialState(str(objects, 1));
                return;
            case EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR:
                violation(code, "property", str(objects, 0), objects);
                return;
            case EC.TLC_TEMPORAL_PROPERTY_VIOLATED:
                violation(code, "property", null, objects);
                return;
            case EC.TLC_DEADLOCK_REACHED:
                violation(code, "deadlock", null, objects);
                return;
            case EC.TLC_ASSUMPTION_FALSE:
                violation(code, "assertion", "ASSUME", objects);
                return;
            case EC.TLC_VALUE_ASSERT_FAILED:
                violation(code, "assertion", "Assert", objects);
                return;
            case EC.TLC_STATE_PRINT1:
            case EC.TLC_STATE_PRINT2:
            case EC.TLC_STATE_PRINT3:
                state(code, objects);
                return;
            case EC.TLC_BACK_TO_STATE: {
                ObjectNode e = EventStream.event(Events.LOOP);
                e.put("backTo", num(objects, 0));
                events.emit(e);
                return;
            }
            case EC.TLC_PARSING_FAILED:
            case EC.TLC_PARSING_FAILED2:
                parsingFailed = true;
                error(code, "parse", objects);
                return;
            default:
                break;
        }
        if (QUIET.contains(code)) {
            return;
        }
        if (isConfigError(code)) {
            error(code, "config", objects);
        } else if (isEvaluationError(code)) {
            error(code, "eval", objects);
        } else {
            error(code, "tlc", objects);
        }
    }

    static boolean isConfigError(int code) {
        return (code >= EC.TLC_CONFIG_VALUE_NOT_ASSIGNED_TO_CONSTANT_PARAM && code <= EC.TLC_CONFIG_NO_STATE_TYPE)
                || code == EC.TLC_CONFIG_UNDEFINED_OR_NO_OPERATOR
                || code == EC.TLC_CONFIG_SUBSTITUTION_NON_CONSTANT
                || (code >= EC.CFG_ERROR_READING_FILE && code <= EC.CFG_EXPECTED_SYMBOL)
                || code == EC.TLC_NO_MODULES;
    }

    /** TLC could not evaluate an expression of the spec (exit status 75-77, or 255 in 2.18). */
    static boolean isEvaluationError(int code) {
        return (code >= EC.TLC_MODULE_ARGUMENT_ERROR && code <= EC.TLC_MODULE_APPLY_EMPTY_SEQ)
                || (code >= EC.TLC_MODULE_COMPARE_VALUE && code <= EC.TLC_MODULE_TRANSITIVE_CLOSURE)
                || (code >= EC.TLC_WRONG_TUPLE_FIELD_NAME && code <= EC.TLC_MODULE_TLCGET_UNDEFINED)
                || (code >= EC.TLC_EXPECTED_EXPRESSION && code <= EC.TLC_EXPECTED_EXPRESSION_IN_COMPUTING2)
                || code == EC.TLC_NESTED_EXPRESSION || code == EC.TLC_ASSUMPTION_EVALUATION_ERROR
                || code == EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_INITIAL || code == EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_NEXT
                || code == EC.TLC_INVARIANT_EVALUATION_FAILED || code == EC.TLC_ACTION_PROPERTY_EVALUATION_FAILED
                || code == EC.TLC_CHOOSE_ARGUMENTS_WRONG || code == EC.TLC_CHOOSE_UPPER_BOUND
                || code == EC.TLC_EXPECTED_VALUE || code == EC.TLC_MODULE_ARGUMENT_ERROR_AN
                || code == EC.TLC_MODULE_ONE_ARGUMENT_ERROR || code == EC.TLC_INTEGER_TOO_BIG
                || code == EC.TLC_TOO_MNY_POSSIBLE_STATES || code == EC.TLC_FP_NOT_IN_SET
                || code == EC.TLC_PARAMETER_MUST_BE_POSTFIX || code == EC.TLC_UNCHANGED_VARIABLE_CHANGED
                || code == EC.TLC_EXCEPT_APPLIED_TO_UNKNOWN_FIELD || code == EC.TLC_ARGUMENT_MISMATCH;
    }

    /** Emits a progress event from TLC's live counters (used by the runner's 10 s poller too). */
    void emitProgress(long generated, long distinct, long queue, long depth, String source) {
        ObjectNode e = EventStream.event(Events.PROGRESS);
        e.put("generated", generated);
        e.put("distinct", distinct);
        e.put("queue", queue);
        e.put("depth", depth);
        e.put("source", source);
        events.emit(e);
    }

    private void violation(int code, String kind, String name, Object[] objects) {
        ObjectNode e = EventStream.event(Events.VIOLATION);
        e.put("code", code);
        e.put("kind", kind);
        if (name != null) {
            e.put("name", name);
        } else {
            e.putNull("name");
        }
        e.put("message", text(code, objects));
        events.emit(e);
    }

    private synchronized void error(int code, String category, Object[] objects) {
        String message = text(code, objects);
        if (lastError.equals(code + ":" + message)) {
            return; // TLC records a message when it composes it and again when it prints it
        }
        lastError = code + ":" + message;
        if (category.equals("config") && firstConfigCode == 0) {
            String[] params = new String[objects.length];
            for (int i = 0; i < objects.length; i++) {
                params[i] = String.valueOf(objects[i]);
            }
            firstConfigParams = params;
            firstConfigCode = code;
        }
        ObjectNode e = EventStream.event(Events.ERROR);
        e.put("code", code);
        e.put("category", category);
        e.put("message", message);
        // The nested-expression report lists positions outermost first: the last is the culprit.
        Location loc = code == EC.TLC_NESTED_EXPRESSION ? lastLocation(message) : firstLocation(message);
        if (loc != null) {
            e.put("module", loc.source());
            e.put("line", loc.beginLine());
            e.put("column", loc.beginColumn());
        }
        putParams(e, objects);
        events.emit(e);
    }

    /**
     * TLC reports a violating initial state only as text. Find that state among the initial
     * states (computed again, on this error path only) to report its values as JSON.
     */
    private void initialState(String printed) {
        if (printed == null || !(TLCGlobals.mainChecker != null && TLCGlobals.mainChecker.tool != null)) {
            return;
        }
        try {
            tlc2.tool.StateVec init = TLCGlobals.mainChecker.tool.getInitStates();
            for (int i = 0; i < init.size(); i++) {
                TLCState st = init.elementAt(i);
                if (st.toString().trim().equals(printed.trim())) {
                    state(EC.TLC_STATE_PRINT1, new Object[] {new TLCStateInfo(st, "<Initial predicate>"), 1});
                    return;
                }
            }
        } catch (RuntimeException | OutOfMemoryError unavailable) {
            // the violation stands without its state
        }
    }

    private void state(int code, Object[] objects) {
        if (objects.length < 1 || !(objects[0] instanceof TLCStateInfo)) {
            return;
        }
        TLCStateInfo info = (TLCStateInfo) objects[0];
        ObjectNode e = EventStream.event(Events.STATE);
        long step = objects.length > 1 && objects[1] instanceof Number
                ? ((Number) objects[1]).longValue() : info.stateNumber;
        e.put("step", step);
        if (code == EC.TLC_STATE_PRINT3) {
            e.put("stuttering", true);
            e.put("action", "Stuttering");
            e.put("location", "");
        } else if (info.info instanceof Action) {
            Action a = (Action) info.info;
            e.put("action", a.getName() == null ? a.toString() : a.getName().toString());
            e.put("location", a.pred == null ? "" : String.valueOf(a.pred.getLocation()));
        } else {
            // TLC keeps "<Name line L, col C to line L2, col C2 of module M>" (Action.getLocation)
            String s = info.info == null ? "" : info.info.toString().trim();
            if (s.startsWith("<") && s.endsWith(">")) {
                s = s.substring(1, s.length() - 1);
            }
            Location loc = firstLocation(s);
            int at = s.indexOf(" line ");
            if (loc != null && at > 0) {
                e.put("action", s.substring(0, at).trim());
                e.put("location", s.substring(at + 1).trim());
            } else {
                e.put("action", s);
                e.put("location", "");
            }
        }
        ObjectNode vars = e.putObject("state");
        TLCState st = info.state;
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> aliased =
                alias == null || code == EC.TLC_STATE_PRINT3 ? null : Emulated.alias(alias, st, (int) step);
        if (aliased != null) {
            aliased.forEach(vars::set);
        } else if (alias != null && code != EC.TLC_STATE_PRINT3) {
            e.put("aliasFailed", true);
        }
        if (st != null && aliased == null) {
            OpDeclNode[] decls = st.getVars();
            if (decls != null && decls.length > 0) {
                for (OpDeclNode d : decls) {
                    IValue v = st.lookup(d.getName());
                    vars.set(d.getName().toString(), TlcValues.toJson(v));
                }
            } else {
                for (java.util.Map.Entry<UniqueString, IValue> en : new java.util.TreeMap<>(st.getVals()).entrySet()) {
                    vars.set(en.getKey().toString(), TlcValues.toJson(en.getValue()));
                }
            }
        }
        events.emit(e);
    }

    private static void putParams(ObjectNode e, Object[] objects) {
        var arr = e.putArray("params");
        for (Object o : objects) {
            if (o instanceof TLCRuntimeException) {
                TLCRuntimeException t = (TLCRuntimeException) o;
                arr.add(t.getMessage());
            } else if (o instanceof Throwable) {
                arr.add(String.valueOf(((Throwable) o).getMessage()));
            } else {
                arr.add(String.valueOf(o));
            }
        }
    }

    /** TLC's own text of the message (without -tool markers, without the "Error:" prefix). */
    static String text(int code, Object[] objects) {
        if (objects.length == 1 && objects[0] instanceof Throwable) {
            Throwable t = (Throwable) objects[0];
            return t.getMessage() == null ? t.toString() : t.getMessage();
        }
        String[] params = new String[objects.length];
        for (int i = 0; i < objects.length; i++) {
            params[i] = String.valueOf(objects[i]);
        }
        boolean tool = TLCGlobals.tool;
        try {
            TLCGlobals.tool = false;
            return MP.getMessage(MP.NONE, code, params).trim();
        } finally {
            TLCGlobals.tool = tool;
        }
    }

    /** The first source location in a TLC message, read with TLC's own location parser. */
    static Location firstLocation(String message) {
        if (message == null) {
            return null;
        }
        try {
            Location[] locs = Location.getParsedLocations(message);
            for (Location l : locs) {
                if (l != null && l.beginLine() > 0) {
                    return l;
                }
            }
        } catch (RuntimeException ignored) {
            // no location in this message
        }
        return null;
    }

    static Location lastLocation(String message) {
        Location last = null;
        try {
            for (Location l : Location.getParsedLocations(message)) {
                if (l != null && l.beginLine() > 0) {
                    last = l;
                }
            }
        } catch (RuntimeException ignored) {
            // no location in this message
        }
        return last;
    }

    private static String str(Object[] objects, int i) {
        return i < objects.length && objects[i] != null ? objects[i].toString() : null;
    }

    /** A count TLC formatted as text ("1,234"; "-1" where not applicable) or passed as a number. */
    static long num(Object[] objects, int i) {
        if (i >= objects.length || objects[i] == null) {
            return -1;
        }
        if (objects[i] instanceof Number) {
            return ((Number) objects[i]).longValue();
        }
        String s = objects[i].toString().trim();
        boolean negative = s.startsWith("-");
        long v = 0;
        boolean any = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9') { // the child runs with an en-US locale: ',' groups
                v = v * 10 + (c - '0');
                any = true;
            }
        }
        return any ? (negative ? -v : v) : -1;
    }
}
