package dev.tlaconform.impl.sim;

import java.util.SortedMap;

/**
 * What one simulator run did.
 *
 * @param config      the run's configuration (its {@link SimConfig#replayCommand()} replays it)
 * @param outcome     how it ended
 * @param failure     one line describing the violation, or null
 * @param steps       node steps taken (inputs handled, including ignored messages)
 * @param events      trace events (spec actions) taken; counted with tracing off too
 * @param messages    message copies handed to the network (a broadcast to n nodes counts n)
 * @param delivered   message copies delivered to a live node
 * @param dropped     copies lost to the drop fault
 * @param duplicated  copies the dup fault delivered twice
 * @param delayed     copies the delay fault held back
 * @param cut         copies lost to a partition or to a crashed receiver
 * @param partitions  partition episodes started
 * @param crashes     crashes (crash-stop and crash-restart)
 * @param restarts    restarts
 * @param virtualTime ticks when the run stopped
 * @param gst         the run's GST (0 sync, -1 async)
 * @param decided     slot to value, as the learners decided it (single-decree: slot 1)
 * @param wallNanos   wall-clock time of the run
 */
public record SimResult(SimConfig config, Outcome outcome, String failure, long steps, long events, long messages,
        long delivered, long dropped, long duplicated, long delayed, long cut, int partitions, int crashes,
        int restarts, long virtualTime, long gst, SortedMap<Integer, String> decided, long wallNanos) {

    /** How a run ended. */
    public enum Outcome {
        /** Every live node decided (everything asked of it), no invariant broken. */
        DECIDED,
        /** No invariant broken, but not everything was decided (step bound, or no liveness duty). */
        UNDECIDED,
        /** A safety invariant broke (agreement, validity, a protocol invariant). */
        SAFETY_VIOLATION,
        /** Stable, within the fault bound, and still undecided at the liveness deadline. */
        LIVENESS_VIOLATION
    }

    /** False on a safety or liveness violation. */
    public boolean ok() {
        return outcome == Outcome.DECIDED || outcome == Outcome.UNDECIDED;
    }

    /** The one-line summary {@code tlaconform simulate} prints. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(config.protocol()).append(" seed=").append(config.seed()).append(" nodes=").append(config.nodes())
                .append(" model=").append(config.model().label()).append(" faults=").append(config.faults().name())
                .append(": ");
        if (outcome != Outcome.DECIDED) {
            b.append(outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(", ");
        }
        b.append("decided ").append(decided.isEmpty() ? "nothing" : decidedShort());
        b.append(" | ").append(events).append(" events, ").append(steps).append(" steps, ").append(messages)
                .append(" messages | faults injected: ").append(dropped).append(" dropped, ").append(duplicated)
                .append(" duplicated, ").append(delayed).append(" delayed, ").append(cut).append(" cut, ")
                .append(partitions).append(" partitions, ").append(crashes).append(" crashes, ").append(restarts)
                .append(" restarts | virtual time ").append(virtualTime).append(" ticks (GST ").append(gst)
                .append("), ").append(wallNanos / 1_000_000).append(" ms");
        return b.toString();
    }

    /** Runs deciding more slots than this show the first and last few in the summary. */
    static final int SUMMARY_SLOTS = 12;

    /**
     * The decided slots for the summary line: all of them up to {@link #SUMMARY_SLOTS}, else
     * {@code 100000 slots [1=c1, 2=c10, 3=c100, ..., 100000=c99999]} (the first 6 and last 3), so a
     * long run's summary stays one short line. {@link #decidedString()} has them all.
     */
    public String decidedShort() {
        if (decided.size() <= SUMMARY_SLOTS) {
            return decidedString();
        }
        StringBuilder b = new StringBuilder().append(decided.size()).append(" slots [");
        int i = 0;
        int n = decided.size();
        for (java.util.Map.Entry<Integer, String> e : decided.entrySet()) {
            if (i < 6 || i >= n - 3) {
                b.append(i > 0 ? ", " : "").append(e.getKey()).append('=').append(e.getValue());
            } else if (i == 6) {
                b.append(", ...");
            }
            i++;
        }
        return b.append(']').toString();
    }

    /** e.g. {@code [1=v2]} or {@code [1=c1, 2=noop, 3=c2]}. */
    public String decidedString() {
        StringBuilder b = new StringBuilder("[");
        decided.forEach((slot, v) -> b.append(b.length() > 1 ? ", " : "").append(slot).append('=').append(v));
        return b.append(']').toString();
    }
}
