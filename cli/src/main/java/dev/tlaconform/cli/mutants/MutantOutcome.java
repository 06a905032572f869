package dev.tlaconform.cli.mutants;

/**
 * What the mutant benchmark found for one seeded bug: when trace validation first rejected a
 * trace of the mutated implementation, and when the simulator's invariant checks first failed,
 * side by side.
 *
 * @param protocol    simulator protocol name
 * @param label       the mutant's label ({@code --mutant})
 * @param description what the bug does
 * @param budget      runs the benchmark was allowed (seeds x fault plans x models)
 * @param runsTried   runs made (the benchmark stops once both detections are in)
 * @param validation  the first rejection by trace validation, or null: not detected
 * @param invariants  the first simulator invariant violation, or null: not detected
 * @param errors      traces that could not be validated at all (e.g. the simulator threw mid-run)
 * @param firstError  the first such reason, or null
 */
public record MutantOutcome(String protocol, String label, String description, int budget, int runsTried,
        Detection validation, Detection invariants, int errors, String firstError) {

    /**
     * One detection.
     *
     * @param runs    runs until it, this one included (1 = the first run)
     * @param count   trace validation: events until the rejected one, summed over those runs (it
     *                included); invariants: simulator steps until the violation, summed likewise
     * @param inRun   events of the detecting run up to the detection (the rejected event's number,
     *                or the events the run took before the violation stopped it)
     * @param seed    the detecting run's seed
     * @param plan    its fault plan
     * @param model   its system model
     * @param line    trace validation: the rejected event's line in the trace (0 for invariants)
     * @param action  trace validation: the rejected event's action (null for invariants)
     * @param summary the validator's one-line diagnosis, or the simulator's violation
     * @param replay  the command that replays the run (and validates its trace)
     * @param trace   where the detecting trace was kept, relative to the report directory, or null
     */
    public record Detection(int runs, long count, long inRun, long seed, String plan, String model, long line,
            String action, String summary, String replay, String trace) {}

    /**
     * Who detected it first: "validation" or "invariants" (also when only that one detected it),
     * "same event" (the rejected event is the last one the violating run took), "-" (neither).
     */
    public String first() {
        if (validation == null && invariants == null) {
            return "-";
        }
        if (invariants == null) {
            return "validation";
        }
        if (validation == null) {
            return "invariants";
        }
        if (validation.runs() != invariants.runs()) {
            return validation.runs() < invariants.runs() ? "validation" : "invariants";
        }
        return validation.inRun() < invariants.inRun() ? "validation"
                : validation.inRun() > invariants.inRun() ? "invariants" : "same event";
    }
}
