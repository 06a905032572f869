package dev.tlaconform.cli.report;

import java.util.List;

/**
 * Everything a campaign found, in campaign order; what the three reports are made from.
 *
 * @param seed       the campaign seed (every run's seed derives from it)
 * @param command    the command line that ran the campaign (reproduces it)
 * @param faults     fault plan names
 * @param models     system model labels
 * @param runsEach   runs per (protocol, fault plan, system model)
 * @param jobs       validation threads
 * @param summaries  one per protocol, in campaign order
 * @param runs       every run, in campaign order
 * @param wallMillis wall time of the whole campaign
 */
public record CampaignResult(long seed, String command, List<String> faults, List<String> models, int runsEach,
        int jobs, List<ProtocolSummary> summaries, List<RunResult> runs, long wallMillis) {

    public boolean ok() {
        return summaries.stream().allMatch(ProtocolSummary::ok);
    }

    public long failures() {
        return runs.stream().filter(r -> !r.ok()).count();
    }

    public long events() {
        return runs.stream().mapToLong(RunResult::events).sum();
    }
}
