package dev.tlaconform.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One run of a campaign: what the simulator did and what the trace validator said about its trace.
 *
 * @param index            position in the campaign (reports list runs in this order)
 * @param protocol         simulator protocol name
 * @param faults           fault plan name
 * @param model            system model label
 * @param run              0-based run number within (protocol, faults, model)
 * @param seed             the simulator seed (derived from the campaign seed)
 * @param replay           one-line command that replays the run and validates its trace
 * @param simOutcome       the simulator's outcome, lower case ("decided", "safety violation"...)
 * @param simFailure       the simulator's one-line invariant violation, or null
 * @param events           events in the trace
 * @param verdict          validator verdict
 * @param validatedEvents  events the validator matched
 * @param simMillis        simulation wall time
 * @param validateMillis   validation wall time
 * @param actionCounts     events per spec action (the validator's count; sorted)
 * @param actionsNeverSeen spec actions this trace never took (sorted)
 * @param failureLine      line of the failing event in the trace (0 = none)
 * @param failureSummary   the validator's one-line reason (null when accepted)
 * @param diagnosis        the validator's full diagnosis text (null when accepted)
 * @param variables        the validator's logged-vs-spec variable differences (JSON array; may be null)
 * @param traceFile        where the trace was kept (relative to the report directory), or null
 * @param chart            the events of a sampled accepted trace, else null (failing traces are charted from traceFile)
 * @param linearizable     the clients' history checked by {@code tlaconform linearizable}: true, false, or null (none)
 * @param linearizability  the checker's verdict line and, when not linearizable, its minimal window; null when none
 */
public record RunResult(int index, String protocol, String faults, String model, int run, long seed, String replay,
        String simOutcome, String simFailure, long events, Verdict verdict, long validatedEvents, long simMillis,
        long validateMillis, Map<String, Long> actionCounts, List<String> actionsNeverSeen, long failureLine,
        String failureSummary, String diagnosis, JsonNode variables, String traceFile, List<TraceEvent> chart,
        Boolean linearizable, String linearizability) {

    /** The validator's verdict on the run's trace; ERROR = the trace could not be validated at all. */
    public enum Verdict {
        ACCEPTED, REJECTED, INVARIANT_VIOLATED, ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True when the simulator broke one of its invariants (safety or liveness). */
    public boolean invariantViolated() {
        return simFailure != null;
    }

    /** The clients' history is not linearizable (the black-box verdict, beside the validator's). */
    public boolean notLinearizable() {
        return Boolean.FALSE.equals(linearizable);
    }

    /** Accepted by the validator, no invariant violation in the simulator, and a linearizable history. */
    public boolean ok() {
        return verdict == Verdict.ACCEPTED && !invariantViolated() && !notLinearizable();
    }

    /** e.g. {@code paxos/drop/partial#3 seed=123}. */
    public String label() {
        return protocol + "/" + faults + "/" + model + "#" + run + " seed=" + seed;
    }
}
