package dev.tlaconform.impl.fastpaxos;

import static dev.tlaconform.impl.fastpaxos.FastPaxosNode.isFast;

import java.util.Map;
import java.util.TreeMap;

/** Fast Paxos's picking rule, a pure function of the votes a coordinator was reported. */
final class PickRule {
    private PickRule() {}

    /** A vote reported to the coordinator: in a 1b, or a fast ballot's 2b used for recovery. */
    record Report(int mbal, String mval) {}

    /**
     * The picking rule (FastPaxos.tla's PickOK, Lamport §3.3): k = the highest ballot reported;
     * none: Any for a fast ballot, else the first proposal received ({@code firstProposal}, null if none); k classic: its value; k fast:
     * the value w whose voters plus the non-reporters could form a fast quorum (at most one), else
     * free: the most-voted value reported. Null when a classic ballot has nothing to propose yet.
     */
    static String pick(Map<Integer, Report> reports, int bal, int n, int fq, String firstProposal, FastPaxosMutant mutant) {
        int k = -1;
        for (Report r : reports.values()) {
            k = Math.max(k, r.mbal());
        }
        if (k == -1 || (mutant == FastPaxosMutant.ANY_DESPITE_VOTES && isFast(bal))) {
            if (isFast(bal)) {
                return FastPaxosMessage.ANY;
            }
            return firstProposal;
        }
        TreeMap<String, Integer> votes = new TreeMap<>();
        for (Report r : reports.values()) {
            if (r.mbal() == k) {
                votes.merge(r.mval(), 1, Integer::sum);
            }
        }
        if (!isFast(k)) {
            return votes.firstKey();
        }
        String best = null;
        String least = null;
        String must = null;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (best == null || e.getValue() > votes.get(best)) {
                best = e.getKey();
            }
            if (least == null || e.getValue() <= votes.get(least)) {
                least = e.getKey();
            }
            if (e.getValue() + (n - fq) >= reports.size()) {
                must = e.getKey();
            }
        }
        if (must != null) {
            return mutant == FastPaxosMutant.ANY_REPORTED_VALUE ? least : must;
        }
        return best;
    }
}
