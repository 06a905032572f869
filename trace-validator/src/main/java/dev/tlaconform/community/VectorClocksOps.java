package dev.tlaconform.community;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * Java definition of VectorClocks!CausalOrder: a log merged from several processes put in an
 * order consistent with the vector clocks its lines carry (the approach of ShiViz: each process's
 * lines in the order of its own clock entry; a line waits until every line its clock says happened
 * before it has been taken). Processes are visited in rounds in a fixed order (integers
 * numerically, then strings, then anything else by its printed form), each taking its next line
 * when that line's predecessors are all taken: the same log always gives the same order. The
 * ordering itself is {@link CausalOrdering}'s (shared with the fast engine's foreign logs).
 */
public final class VectorClocksOps {
    private VectorClocksOps() {}

    @TLAPlusOperator(identifier = "CausalOrder", module = "VectorClocks", warn = false)
    public static Value causalOrder(Value log, Value clockOp, Value nodeOp, Value domainOp) {
        Value[] lines = Values.seq(log, "CausalOrder").elems;
        List<CausalOrdering.Line> ls = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            Value clock = Values.apply(clockOp, lines[i]);
            Value node = Values.apply(nodeOp, lines[i]);
            Values.integer(Values.at(clock, node), "CausalOrder");   // the line's own entry: TLC's error when missing
            Map<String, Long> c = new HashMap<>();
            for (Value other : Values.elements(Values.apply(domainOp, clock), "CausalOrder")) {
                c.put(key(other), (long) Values.integer(Values.at(clock, other), "CausalOrder"));
            }
            ls.add(new CausalOrdering.Line(key(node), c));
        }
        int[] order;
        try {
            order = CausalOrdering.order(ls);
        } catch (CausalOrdering.Conflict e) {
            throw JsonValues.fail("CausalOrder: " + e.getMessage() + " (" + where(lines[e.index], e.index) + ")");
        }
        Value[] out = new Value[order.length];
        for (int k = 0; k < order.length; k++) out[k] = lines[order[k]];
        return new TupleValue(out);
    }

    /** Where a line of the log came from: its file:line if it was read from one, else its index. */
    private static String where(Value line, int index) {
        java.util.List<LogOrigins.Origin> o = LogOrigins.of(line);
        return o.isEmpty() ? "element " + (index + 1) + " of the log given to CausalOrder" : o.get(0).toString();
    }

    /** A process id as a sort key: integers in numeric order before strings, then anything else. */
    private static String key(Value node) {
        if (node instanceof IntValue) {
            long v = ((IntValue) node).val;
            return "0" + String.format("%021d", v - (long) Integer.MIN_VALUE);
        }
        if (node instanceof StringValue) {
            return CausalOrdering.stringKey(((StringValue) node).val.toString());
        }
        return "2" + node.toString();
    }

}
