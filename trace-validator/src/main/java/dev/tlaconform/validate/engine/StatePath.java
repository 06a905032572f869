package dev.tlaconform.validate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.TraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tlc2.tool.TLCState;
import tlc2.value.impl.Applicable;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * Where a logged state key lives in the spec: a variable, applied to event fields, e.g.
 * {@code maxBal[node]} or {@code votes[node][msg.bal]}.
 */
final class StatePath {
    private static final Pattern SYNTAX = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((\\[[A-Za-z0-9_.]+\\])*)");

    final String key;
    final String spec;
    final UniqueString var;
    final String[] indexPaths;
    private final String[][] split;
    /** For a key logged sparsely (mapping "sparse"): the value of the entries not logged; else null. */
    Value absent;
    /** For a key logged as what the step changed (mapping "delta"): compared against the pre-state too. */
    boolean delta;
    /** For a key the mapping writes as a TLA+ expression over the variables and E: its generated definition; else null. */
    tla2sany.semantic.OpDefNode expr;

    /** A key written as a TLA+ expression (evaluated by its generated definition {@code def}). */
    static StatePath expression(String key, String spec, tla2sany.semantic.OpDefNode def) {
        StatePath p = new StatePath(key, spec, null, new String[0]);
        p.expr = def;
        return p;
    }

    private StatePath(String key, String spec, UniqueString var, String[] indexPaths) {
        this.key = key;
        this.spec = spec;
        this.var = var;
        this.indexPaths = indexPaths;
        this.split = new String[indexPaths.length][];
        for (int i = 0; i < indexPaths.length; i++) split[i] = indexPaths[i].split("\\.");
    }

    static StatePath parse(Path mappingFile, String key, String spec, List<String> variables) throws BadTraceException {
        Matcher m = SYNTAX.matcher(spec.replace(" ", ""));
        if (!m.matches()) {
            throw new BadTraceException(mappingFile, 0, "state." + key + ": \"" + spec + "\" is not of the form var or var[eventField]...");
        }
        if (!variables.contains(m.group(1))) {
            throw new BadTraceException(mappingFile, 0, "state." + key + ": the spec has no variable " + m.group(1) + " (it has " + variables + ")");
        }
        List<String> idx = new ArrayList<>();
        Matcher im = Pattern.compile("\\[([A-Za-z0-9_.]+)\\]").matcher(m.group(2));
        while (im.find()) idx.add(im.group(1));
        return new StatePath(key, spec, UniqueString.uniqueStringOf(m.group(1)), idx.toArray(new String[0]));
    }

    /**
     * Per thread, pairs (logged JSON tree, spec value) found equal, by identity, direct-mapped: the
     * trace reader gives the same tree for the same bytes and a step keeps the value objects it does
     * not change, so a node's unchanged state is compared once, not on each of its events.
     */
    private final ThreadLocal<Object[]> equalPairs = ThreadLocal.withInitial(() -> new Object[2 * 64]);

    /**
     * The logged JSON j agrees with the spec: for a delta key, j turns the value at this path in the
     * pre-state into v; else j equals v (sparsely when absent is set).
     */
    boolean matches(JsonNode j, TLCState pre, Value v, Step step) throws BadTraceException {
        if (!delta) return matches(j, v);
        String malformed = Delta.shapeError(j, v);
        if (malformed != null) {
            throw step.reader.bad(step.event.line(), "state key \"" + key + "\" is logged as what the step changed (mapping \"delta\"), but "
                    + malformed + " (docs/validate.md, deltas)");
        }
        return Delta.matches(j, pre == null ? null : eval(pre, step), v);
    }

    /** The logged JSON j equals the spec value v (sparsely when absent is set). */
    boolean matches(JsonNode j, Value v) {
        if (v == null) return false;
        Object[] pairs = equalPairs.get();
        int slot = 2 * ((System.identityHashCode(j) * 31 + System.identityHashCode(v)) & 63);
        if (pairs[slot] == j && pairs[slot + 1] == v) return true;
        boolean eq = absent == null ? ValueCodec.equalsLogged(j, v) : ValueCodec.equalsSparse(j, v, absent);
        if (eq) {
            pairs[slot] = j;
            pairs[slot + 1] = v;
        }
        return eq;
    }

    /**
     * The spec's value at this path in state s for the step's event, or null when an index is
     * outside the function's domain.
     *
     * @throws BadTraceException an index field is missing from the event
     */
    Value eval(TLCState s, Step step) throws BadTraceException {
        if (expr != null) return step.evalMapping(expr, s, null, "state key " + key + " (" + spec + ")");
        Value v = (Value) s.lookup(var);
        for (int i = 0; i < indexPaths.length; i++) {
            if (!(v instanceof Applicable)) return null;
            Value hint = null;
            if (v instanceof FcnRcdValue && ((FcnRcdValue) v).intv != null) {
                hint = IntValue.gen(((FcnRcdValue) v).intv.low);
            } else {
                try {
                    Value dom = ((Applicable) v).getDomain();
                    if (dom instanceof Enumerable) hint = ValueCodec.firstElement((Enumerable) dom);
                } catch (RuntimeException ignored) {
                    // no hint
                }
            }
            Value arg = step.indexValue(split[i], indexPaths[i], hint);
            if (arg == null) return null;
            try {
                v = ((Applicable) v).select(arg);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return v;
    }
}
