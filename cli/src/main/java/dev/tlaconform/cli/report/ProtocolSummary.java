package dev.tlaconform.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-protocol line of a campaign: counts, wall time and the action coverage summed over all
 * of the protocol's traces.
 *
 * @param protocol            simulator protocol name
 * @param runs                runs (= traces)
 * @param events              trace events over all runs
 * @param accepted            traces the validator accepted
 * @param rejected            traces it rejected (REJECTED, INVARIANT_VIOLATED or ERROR)
 * @param invariantViolations runs in which the simulator's invariant checks failed
 * @param wallMillis          wall time of the protocol's part of the campaign
 * @param coverage            events per spec action, summed over all traces (every spec action, 0 included)
 * @param neverExercised      spec actions no trace took
 * @param notLinearizable     runs whose clients' history is not linearizable
 */
public record ProtocolSummary(String protocol, long runs, long events, long accepted, long rejected,
        long invariantViolations, long wallMillis, SortedMap<String, Long> coverage, List<String> neverExercised,
        long notLinearizable) {

    /** Sums the runs of one protocol. */
    public static ProtocolSummary of(String protocol, List<RunResult> runs, long wallMillis) {
        long events = 0;
        long accepted = 0;
        long rejected = 0;
        long inv = 0;
        long notLin = 0;
        SortedMap<String, Long> cov = new TreeMap<>();
        SortedSet<String> known = new TreeSet<>();
        for (RunResult r : runs) {
            events += r.events();
            if (r.verdict() == RunResult.Verdict.ACCEPTED) {
                accepted++;
            } else {
                rejected++;
            }
            if (r.invariantViolated()) {
                inv++;
            }
            if (r.notLinearizable()) {
                notLin++;
            }
            for (Map.Entry<String, Long> e : r.actionCounts().entrySet()) {
                cov.merge(e.getKey(), e.getValue(), Long::sum);
            }
            known.addAll(r.actionsNeverSeen());
        }
        for (String a : known) {
            cov.putIfAbsent(a, 0L);
        }
        List<String> never = new ArrayList<>();
        cov.forEach((a, n) -> {
            if (n == 0) {
                never.add(a);
            }
        });
        return new ProtocolSummary(protocol, runs.size(), events, accepted, rejected, inv, wallMillis, cov, never, notLin);
    }

    public double runsPerSecond() {
        return wallMillis <= 0 ? 0 : runs * 1000.0 / wallMillis;
    }

    public double eventsPerSecond() {
        return wallMillis <= 0 ? 0 : events * 1000.0 / wallMillis;
    }

    public boolean ok() {
        return rejected == 0 && invariantViolations == 0 && notLinearizable == 0;
    }
}
