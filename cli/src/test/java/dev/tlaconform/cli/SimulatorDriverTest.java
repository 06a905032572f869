package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlaconform.cli.SimulateCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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

    /** The suite's own checks can fail: an operation left unanswered, a node whose trace stops at its Restart. */
    @Test
    void theScenariosChecksCanFail() throws Exception {
        Path h = Files.writeString(tmp.resolve("h.ndjson"), """
                {"process":1,"type":"invoke","f":"write","key":"x","value":1,"time":1}
                {"process":1,"type":"ok","f":"write","key":"x","value":1,"time":2}
                {"process":2,"type":"invoke","f":"write","key":"y","value":2,"time":3}
                {"process":2,"type":"info","f":"write","key":"y","value":2,"time":9}
                """);
        Outcome o = new Outcome(0, "", h, h, 0);
        AssertionError e = assertThrows(AssertionError.class, () -> assertEveryRequestAnswered(o));
        assertTrue(e.getMessage().contains("no answer (info)"), e.getMessage());
        Files.writeString(h, """
                {"process":2,"type":"invoke","f":"write","key":"y","value":2,"time":3}
                """);
        assertThrows(AssertionError.class, () -> assertEveryRequestAnswered(o));

        List<JsonNode> es = new ArrayList<>();
        for (String l : List.of("{\"kind\":\"event\",\"node\":1,\"action\":\"Phase1a\"}",
                "{\"kind\":\"event\",\"node\":2,\"action\":\"Phase1b\"}",
                "{\"kind\":\"event\",\"node\":1,\"action\":\"Restart\"}")) es.add(JSON.readTree(l));
        assertTrue(restarted(es).isEmpty(), "node 1 restarted but logged nothing after");
        es.add(JSON.readTree("{\"kind\":\"event\",\"node\":1,\"action\":\"Phase1a\"}"));
        assertEquals(java.util.Set.of(1), restarted(es));
    }
}
