package dev.tlaconform.community;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * when that line's predecessors are all taken: the same log always gives the same order.
 */
public final class VectorClocksOps {
    private VectorClocksOps() {}

    private record Line(int index, Value value, Value clock, Value node, long own) {}

    @TLAPlusOperator(identifier = "CausalOrder", module = "VectorClocks", warn = false)
    public static Value causalOrder(Value log, Value clockOp, Value nodeOp, Value domainOp) {
        Value[] lines = Values.seq(log, "CausalOrder").elems;
        Map<String, Deque<Line>> byNode = new TreeMap<>(NODE_ORDER);
        Map<String, Map<Long, Line>> byTime = new HashMap<>();
        Map<Line, List<Value>> deps = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Value clock = Values.apply(clockOp, lines[i]);
            Value node = Values.apply(nodeOp, lines[i]);
            long own = Values.integer(Values.at(clock, node), "CausalOrder");
            Line l = new Line(i, lines[i], clock, node, own);
            byNode.computeIfAbsent(key(node), k -> new ArrayDeque<>()).add(l);
            if (byTime.computeIfAbsent(key(node), k -> new HashMap<>()).put(own, l) != null) {
                throw JsonValues.fail("CausalOrder: two lines of process " + node + " carry the same clock entry " + own
                        + " (" + where(lines[i], i) + ")");
            }
        }
        for (Deque<Line> q : byNode.values()) {
            List<Line> sorted = new ArrayList<>(q);
            sorted.sort(Comparator.comparingLong(Line::own));
            q.clear();
            q.addAll(sorted);
        }
        // taken[node] = the largest own clock entry of node's lines taken so far
        Map<String, Long> taken = new HashMap<>();
        List<Value> out = new ArrayList<>(lines.length);
        while (out.size() < lines.length) {
            boolean progress = false;
            for (Map.Entry<String, Deque<Line>> e : byNode.entrySet()) {
                Line head = e.getValue().peek();
                if (head != null && ready(head, domainOp, taken, byTime)) {
                    e.getValue().poll();
                    taken.put(e.getKey(), head.own());
                    out.add(head.value());
                    progress = true;
                }
            }
            if (!progress) {
                Line stuck = byNode.values().stream().filter(q -> !q.isEmpty()).map(Deque::peek).findFirst().orElseThrow();
                throw JsonValues.fail("CausalOrder: no order is consistent with the clocks: "
                        + where(stuck.value(), stuck.index()) + " (process " + stuck.node() + ", clock " + stuck.clock()
                        + ") waits for a line no process has logged");
            }
        }
        return new TupleValue(out.toArray(new Value[0]));
    }

    /** Every line the clock of l says happened before it (of other processes) has been taken. */
    private static boolean ready(Line l, Value domainOp, Map<String, Long> taken, Map<String, Map<Long, Line>> byTime) {
        for (Value other : Values.elements(Values.apply(domainOp, l.clock()), "CausalOrder")) {
            String k = key(other);
            if (k.equals(key(l.node()))) {
                continue;
            }
            long need = Values.integer(Values.at(l.clock(), other), "CausalOrder");
            if (need <= 0) {
                continue;
            }
            Map<Long, Line> lines = byTime.get(k);
            if (lines == null || lines.isEmpty()) {
                continue; // nothing of that process is in the log: nothing to wait for
            }
            // wait for the latest logged line of that process at or below the clock entry
            long latest = -1;
            for (long t : lines.keySet()) {
                if (t <= need && t > latest) {
                    latest = t;
                }
            }
            if (latest >= 0 && taken.getOrDefault(k, Long.MIN_VALUE) < latest) {
                return false;
            }
        }
        return true;
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
            return "1" + ((StringValue) node).val.toString();
        }
        return "2" + node.toString();
    }

    private static final Comparator<String> NODE_ORDER = Comparator.naturalOrder();
}
