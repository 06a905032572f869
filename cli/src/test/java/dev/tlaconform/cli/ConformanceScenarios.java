package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlaconform.cli.SimulateCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One conformance suite, two drivers (as Apache Ratis runs one suite over several RPCs): the
 * scenarios below are protocol-level and say nothing of how the nodes run; a subclass supplies a
 * {@link Driver} that runs them, in the deterministic simulator ({@link SimulatorDriverTest}) or as
 * node processes over TCP ({@link ClusterDriverTest}). Every check is made on what both drivers
 * write in the same formats: the trace (one file, or a directory of per-node segments) through
 * {@code tlaconform validate}, the clients' history through {@code tlaconform linearizable}, and the
 * events' actions per node.
 */
abstract class ConformanceScenarios {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What a scenario asks of the driver: which faults, and whether a seeded bug is on. */
    enum Scenario {
        /** No faults. */
        NO_FAULTS,
        /** One node crashes (kill -9 in a cluster) and restarts from its durable state. */
        CRASH_RESTART,
        /** The network partitions (symmetric or one-way) and heals. */
        PARTITION_HEAL,
        /** As CRASH_RESTART, with the driver's seeded bug that loses a restarted node's durable state. */
        FORGETFUL_RESTART
    }

    /**
     * One run of a protocol.
     *
     * @param code    the run's exit code (0: safe, every live node decided / progress after the heal,
     *                no acknowledged write lost, by the driver's own end-of-run checks)
     * @param output  what the run printed
     * @param traces  the trace: one file (simulator) or the directory of per-node segments (cluster)
     * @param history the clients' history (tlaconform linearizable's format)
     * @param faults  how many faults of the scenario's kind the run injected (restarts, partitions)
     */
    record Outcome(int code, String output, Path traces, Path history, int faults) {}

    /** Runs a protocol under a scenario; each driver maps the scenario onto its own fault injection. */
    interface Driver {
        Outcome run(String protocol, Scenario scenario, Path dir) throws Exception;
    }

    protected abstract Driver driver();

    @TempDir
    Path tmp;

    @AfterEach
    void noProcessLeftBehind() {
        assertEquals(0, ProcessHandle.current().descendants().count(), "no child process outlives a run");
    }

    private Outcome run(String protocol, Scenario s) throws Exception {
        Outcome o = driver().run(protocol, s, tmp);
        System.out.println(getClass().getSimpleName() + " " + protocol + " " + s + ":\n" + o.output());
        return o;
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipaxos", "zab"})
    void withoutFaultsEveryRequestIsDecidedAndTheTraceAccepted(String protocol) throws Exception {
        Outcome o = run(protocol, Scenario.NO_FAULTS);
        assertEquals(0, o.code(), o.output());
        assertEveryRequestAnswered(o);
        assertAccepted(o);
        assertLinearizable(o);
        assertTrue(restarted(events(o.traces())).isEmpty(), "no fault, no restart");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipaxos", "zab"})
    void aCrashedNodeRestartsItsTraceContinuesAndIsAcceptedAndNoAnsweredWriteIsLost(String protocol) throws Exception {
        Outcome o = run(protocol, Scenario.CRASH_RESTART);
        assertEquals(0, o.code(), o.output());
        assertTrue(o.faults() > 0, "the run restarted a node: " + o.output());
        Set<Integer> again = restarted(events(o.traces()));
        assertFalse(again.isEmpty(), "some node logged a Restart and acted after it");
        assertEveryRequestAnswered(o);
        assertAccepted(o);
        assertLinearizable(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipaxos", "zab"})
    void aPartitionThenAHealStillDecidesEveryRequest(String protocol) throws Exception {
        Outcome o = run(protocol, Scenario.PARTITION_HEAL);
        assertEquals(0, o.code(), o.output());
        assertTrue(o.faults() > 0, "the run partitioned the network: " + o.output());
        assertEveryRequestAnswered(o);
        assertAccepted(o);
        assertLinearizable(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipaxos", "zab"})
    void aRestartedNodeThatLosesItsDurableStateIsRejectedAtItsRestart(String protocol) throws Exception {
        Outcome o = run(protocol, Scenario.FORGETFUL_RESTART);
        assertTrue(o.faults() > 0, "the run restarted a node: " + o.output());
        Run v = SimulateCommandTest.run("validate", o.traces().toString());
        System.out.println(v.out() + v.err());
        assertEquals(1, v.code(), v.out() + v.err());
        assertTrue(v.out().contains("REJECTED") && v.out().contains("(action Restart"), v.out());
    }

    // ---- checks on what both drivers write ----

    static void assertAccepted(Outcome o) {
        Run v = SimulateCommandTest.run("validate", o.traces().toString());
        System.out.println(v.out() + v.err());
        assertEquals(0, v.code(), v.out() + v.err());
        assertTrue(v.out().contains("ACCEPTED"), v.out());
    }

    static void assertLinearizable(Outcome o) {
        Run l = SimulateCommandTest.run("linearizable", o.history().toString());
        assertEquals(0, l.code(), l.out() + l.err());
        assertTrue(l.out().contains(": linearizable"), l.out());
    }

    /** Every invoked operation of the history completed (ok or fail); none is left unknown (info). */
    static void assertEveryRequestAnswered(Outcome o) throws IOException {
        Map<Integer, Integer> open = new HashMap<>();
        int invoked = 0;
        for (String l : Files.readAllLines(o.history())) {
            if (l.isBlank()) continue;
            JsonNode j = JSON.readTree(l);
            String type = j.path("type").asText();
            int p = j.path("process").asInt();
            if (type.equals("invoke")) {
                invoked++;
                open.merge(p, 1, Integer::sum);
            } else if (type.equals("ok") || type.equals("fail")) {
                open.merge(p, -1, Integer::sum);
            } else {
                throw new AssertionError("an operation with no answer (" + type + "): " + l);
            }
        }
        assertTrue(invoked > 0, "the clients made requests");
        open.values().removeIf(n -> n == 0);
        assertTrue(open.isEmpty(), "unanswered operations of processes " + open.keySet());
    }

    /** The events of a trace file, or of every per-node segment in a directory (segment order per node). */
    static List<JsonNode> events(Path traces) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(traces)) {
            try (Stream<Path> s = Files.list(traces)) {
                s.filter(f -> f.getFileName().toString().matches("n\\d+\\.s\\d+\\.ndjson")).sorted((a, b) -> {
                    String[] x = a.getFileName().toString().split("\\."), y = b.getFileName().toString().split("\\.");
                    int c = Integer.compare(Integer.parseInt(x[0].substring(1)), Integer.parseInt(y[0].substring(1)));
                    return c != 0 ? c : Integer.compare(Integer.parseInt(x[1].substring(1)), Integer.parseInt(y[1].substring(1)));
                }).forEach(files::add);
            }
        } else {
            files.add(traces);
        }
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files) {
            for (String l : Files.readAllLines(f)) {
                if (l.isBlank()) continue;
                JsonNode j = JSON.readTree(l);
                if (j.path("kind").asText().equals("event")) out.add(j);
            }
        }
        return out;
    }

    /** The nodes that logged a Restart event and at least one event after it (their trace continues). */
    static Set<Integer> restarted(List<JsonNode> events) {
        Set<Integer> seen = new HashSet<>();
        Set<Integer> continued = new HashSet<>();
        for (JsonNode e : events) {
            int n = e.path("node").asInt();
            if (e.path("action").asText().endsWith("Restart")) seen.add(n);
            else if (seen.contains(n)) continued.add(n);
        }
        return continued;
    }
}
