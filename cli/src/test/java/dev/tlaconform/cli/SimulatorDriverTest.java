package dev.tlaconform.cli;

import dev.tlaconform.cli.SimulateCommandTest.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conformance scenarios over the deterministic simulator, in-process through {@code tlaconform
 * simulate} (one trace file, seed 1): no faults is {@code --faults none}; a crash-restart is
 * {@code --faults restart}; a partition that heals is {@code --faults partition}; the seeded bug is
 * the protocol's own simulator mutant that loses durable state on restart.
 */
class SimulatorDriverTest extends ConformanceScenarios {
    /** Each protocol's simulator mutant whose restarted node comes back without part of its durable state. */
    static final Map<String, String> FORGETFUL = Map.of("multipaxos", "restart-forgets-votes", "zab", "current-epoch-not-durable");

    static final Driver SIMULATOR = (protocol, scenario, dir) -> {
        Path trace = dir.resolve(protocol + "-" + scenario + ".ndjson");
        Path history = dir.resolve(protocol + "-" + scenario + "-history.ndjson");
        List<String> args = new ArrayList<>(List.of("simulate", "--protocol", protocol, "--seed", "1", "--until-decided",
                "--out", trace.toString(), "--history", history.toString(), "--faults"));
        switch (scenario) {
            case NO_FAULTS -> args.add("none");
            case CRASH_RESTART -> args.add("restart");
            case PARTITION_HEAL -> args.add("partition");
            case FORGETFUL_RESTART -> args.addAll(List.of("restart", "--mutant", FORGETFUL.get(protocol)));
        }
        Run r = SimulateCommandTest.run(args.toArray(String[]::new));
        String kind = scenario == Scenario.PARTITION_HEAL ? "partitions" : "restarts";
        Matcher m = Pattern.compile("(\\d+) " + kind).matcher(r.out());
        int faults = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return new Outcome(r.code(), r.out() + r.err(), trace, history, faults);
    };

    @Override
    protected Driver driver() {
        return SIMULATOR;
    }
}
