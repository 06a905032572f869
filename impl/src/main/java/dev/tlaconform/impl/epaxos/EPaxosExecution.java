package dev.tlaconform.impl.epaxos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * EPaxos's execution order (EPaxos.tla's Execute; Moraru et al. 4.3.2) over a replica's log: the
 * dependency graph's strongly connected component of an instance, once it is ready, and the order
 * its instances run in. Reads the log, writes nothing.
 */
final class EPaxosExecution {
    private EPaxosExecution() {}

    /**
     * Instance i's component if it is ready, else null: every not-yet-executed instance i reaches
     * is committed and reaches i back (executed ones reach only executed ones). Sorted by seq
     * (ties: instance), or in instance order with the mutant execute-ignores-seq.
     */
    static Integer[] readyComponent(EPaxosLog log, int i, EPaxosMutant mutant) {
        TreeSet<Integer> reach = new TreeSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.add(i);
        reach.add(i);
        while (!todo.isEmpty()) {
            int j = todo.poll();
            EPaxosRec r = log.rec(j);
            if (!r.committed()) {
                return null;
            }
            for (int d : r.deps()) {
                if (!log.executed(d) && reach.add(d)) {
                    todo.add(d);
                }
            }
        }
        // every instance of reach must reach i: walk the reverse edges from i inside reach
        TreeMap<Integer, List<Integer>> rev = new TreeMap<>();
        for (int j : reach) {
            for (int d : log.rec(j).deps()) {
                if (reach.contains(d)) {
                    rev.computeIfAbsent(d, x -> new ArrayList<>()).add(j);
                }
            }
        }
        TreeSet<Integer> back = new TreeSet<>();
        back.add(i);
        todo.add(i);
        while (!todo.isEmpty()) {
            for (int j : rev.getOrDefault(todo.poll(), List.of())) {
                if (back.add(j)) {
                    todo.add(j);
                }
            }
        }
        if (back.size() != reach.size()) {
            return null;
        }
        Integer[] order = reach.toArray(new Integer[0]);
        if (mutant != EPaxosMutant.EXECUTE_IGNORES_SEQ) {
            Arrays.sort(order, (a, c) -> log.rec(a).seq() != log.rec(c).seq() ? Integer.compare(log.rec(a).seq(), log.rec(c).seq())
                    : Integer.compare(a, c));
        }
        return order;
    }
}
