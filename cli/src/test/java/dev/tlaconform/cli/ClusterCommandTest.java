package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.cli.SimulateCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster driver end to end, and {@code validate DIR} on per-node traces: the simulator's
 * traces split per node (and into segments) are accepted, a corrupted one rejected; a short
 * cluster run under kill/pause/partition leaves no process behind and its traces are accepted by
 * the causal merge; the volatile-rejoin mutant is caught; a directory that cannot be written is bad usage.
 */
class ClusterCommandTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Splits a simulator trace into n<K>.s<S>.ndjson: each node's events, node 1's in two segments. */
    static void split(Path trace, Path dir) throws IOException {
        List<String> lines = Files.readAllLines(trace);
        ObjectNode header = (ObjectNode) JSON.readTree(lines.get(0));
        TreeMap<Integer, List<ObjectNode>> per = new TreeMap<>();
        for (String l : lines.subList(1, lines.size())) {
            ObjectNode j = (ObjectNode) JSON.readTree(l);
            if (!j.path("kind").asText().equals("event")) continue;
            per.computeIfAbsent(j.path("node").asInt(), k -> new ArrayList<>()).add(j);
        }
        int n = header.path("constants").path("N").asInt();
        Files.createDirectories(dir);
        for (int k = 1; k <= n; k++) {
            List<ObjectNode> es = per.getOrDefault(k, List.of());
            int cut = k == 1 ? es.size() / 2 : es.size();
            writeSegment(dir, header, k, 0, es.subList(0, cut), 1);
            if (k == 1) writeSegment(dir, header, k, 1, es.subList(cut, es.size()), cut + 1);
        }
    }

    private static void writeSegment(Path dir, ObjectNode header, int k, int seg, List<ObjectNode> es, int firstSeq) throws IOException {
        List<String> out = new ArrayList<>();
        ObjectNode h = header.deepCopy();
        h.put("node", k).put("segment", seg).put("firstSeq", firstSeq);
        out.add(JSON.writeValueAsString(h));
        int seq = firstSeq;
        for (ObjectNode e : es) out.add(JSON.writeValueAsString(e.deepCopy().put("seq", seq++)));
        out.add("{\"kind\":\"end\",\"events\":" + es.size() + "}");
        Files.write(dir.resolve("n" + k + ".s" + seg + ".ndjson"), out);
    }

    @Test
    void simulatorTracesSplitPerNodeAreAcceptedAndACorruptedOneRejected() throws IOException {
        for (String p : List.of("paxos", "multipaxos", "zab")) {
            Path t = tmp.resolve(p + ".ndjson");
            Run s = SimulateCommandTest.run("simulate", "--protocol", p, "--seed", "3", "--faults", "all", "--out", t.toString());
            assertEquals(0, s.code(), s.out() + s.err());
            Path dir = tmp.resolve(p + "-split");
            split(t, dir);
            Run v = SimulateCommandTest.run("validate", dir.toString());
            System.out.println(v.out() + v.err());
            assertEquals(0, v.code(), v.out() + v.err());
            assertTrue(v.out().contains("ACCEPTED") && v.out().contains("fast-causal"), v.out());
        }
        Path n2 = tmp.resolve("paxos-split").resolve("n2.s0.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(n2));
        int i = lines.size() - 2; // node 2's last event: claim a promise it never made
        ObjectNode e = (ObjectNode) JSON.readTree(lines.get(i));
        ((ObjectNode) e.get("state")).put("maxBal", 999);
        lines.set(i, JSON.writeValueAsString(e));
        Files.write(n2, lines);
        Run v = SimulateCommandTest.run("validate", tmp.resolve("paxos-split").toString());
        System.out.println(v.out() + v.err());
        assertEquals(1, v.code(), v.out() + v.err());
        assertTrue(v.out().contains("REJECTED"), v.out());
        Run tlc = SimulateCommandTest.run("validate", "--engine", "tlc", tmp.resolve("paxos-split").toString());
        assertEquals(2, tlc.code(), "the reference engine takes single files, not silently the causal search: " + tlc.out() + tlc.err());
        assertTrue(tlc.err().contains("--engine tlc takes single trace files"), tlc.err());
    }

    @Test
    void aClusterRunUnderTheNemesisLeavesNoProcessAndItsTracesAreAccepted() throws IOException {
        Path out = tmp.resolve("run");
        Run r = SimulateCommandTest.run("cluster", "--protocol", "multipaxos", "--duration", "6s", "--seed", "2", "--out", out.toString());
        System.out.println(r.out() + r.err());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("stopped 3 node process(es), none left running"), r.out());
        assertTrue(r.out().contains("no acknowledged write lost"), r.out());
        assertEquals(0, ProcessHandle.current().descendants().count(), "no child process outlives the command");
        assertTrue(Files.exists(out.resolve("n1.s0.ndjson")) && Files.exists(out.resolve("history.ndjson")));
        Run v = SimulateCommandTest.run("validate", out.toString());
        System.out.println(v.out() + v.err());
        assertEquals(0, v.code(), v.out() + v.err());
        // the run's key-value history (each command a write, read or cas, applied in the decided log's order): linearizable
        Path h = out.resolve("history.ndjson");
        Run l = SimulateCommandTest.run("linearizable", h.toString());
        assertEquals(0, l.code(), l.out() + l.err());
        assertTrue(l.out().contains(": linearizable"), l.out());
        // the same history with one completed read answered with a value no one wrote: not linearizable
        List<String> lines = Files.readAllLines(h);
        int read = -1;
        for (int i = 0; i < lines.size() && read < 0; i++) {
            if (lines.get(i).contains("\"type\":\"ok\"") && lines.get(i).contains("\"f\":\"read\"")) read = i;
        }
        assertTrue(read >= 0, "seed 2's twelve operations include an answered read: " + lines);
        lines.set(read, lines.get(read).replaceFirst("\"value\":(null|\\d+)", "\"value\":999"));
        Path bad = tmp.resolve("history-bad.ndjson");
        Files.write(bad, lines);
        Run nl = SimulateCommandTest.run("linearizable", bad.toString());
        assertEquals(1, nl.code(), nl.out() + nl.err());
        assertTrue(nl.out().contains("NOT linearizable"), nl.out());
    }

    @Test
    void aNodeThatRejoinsWithVolatileStateIsCaughtByValidation() throws IOException {
        Path out = tmp.resolve("mutant");
        Run r = SimulateCommandTest.run("cluster", "--protocol", "multipaxos", "--duration", "8s", "--nemesis", "kill", "--seed", "1",
                "--mutant", "volatile-rejoin", "--validate", "--out", out.toString());
        System.out.println(r.out() + r.err());
        assertTrue(r.out().contains("nemesis: restart node"), r.out());
        assertEquals(0, ProcessHandle.current().descendants().count());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("REJECTED [fast-causal]"), r.out());
    }

    @Test
    void anOutDirectoryThatCannotBeWrittenIsBadUsage() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Run r = SimulateCommandTest.run("cluster", "--protocol", "paxos", "--out", file.resolve("sub").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("cannot write the run directory"), r.err());
        assertEquals(0, ProcessHandle.current().descendants().count());
    }

    @Test
    void nakamotoIsRefusedAsAClusterWithTheReason() {
        Run r = SimulateCommandTest.run("cluster", "--protocol", "nakamoto", "--out", tmp.resolve("nk").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("nakamoto does not run as a cluster") && r.err().contains("epaxos"), r.err());
        assertTrue(!Files.exists(tmp.resolve("nk")), "no run directory for a refused run");
        assertEquals(0, ProcessHandle.current().descendants().count());
    }

    @Test
    void mutantsListsTheClusterMutantsAndRefusesAnUnknownDriver() {
        Run l = SimulateCommandTest.run("mutants", "--driver", "cluster", "--list");
        assertEquals(0, l.code(), l.err());
        for (String p : List.of("paxos", "multipaxos", "zab", "pbft")) assertTrue(l.out().contains(p + " ") && l.out().contains("volatile-rejoin"), l.out());
        Run b = SimulateCommandTest.run("mutants", "--driver", "ssh");
        assertEquals(2, b.code());
        assertTrue(b.err().contains("--driver must be sim or cluster"), b.err());
    }

    @Test
    void ctrlCInTheMiddleReapsEveryNodeProcess() throws Exception {
        Path out = tmp.resolve("interrupted");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "cluster", "--protocol", "paxos", "--duration", "120s",
                "--nemesis", "none", "--out", out.toString()).redirectErrorStream(true).start();
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String l = r.readLine(); l != null; l = r.readLine()) {
            seen.append(l).append('\n');
            if (l.startsWith("  t=")) break; // the first progress line: the three node processes are up
        }
        List<ProcessHandle> nodes = p.descendants().toList();
        assertEquals(3, nodes.size(), seen + " descendants " + nodes);
        // every node has logged its first event (a node interrupted while its JVM is still starting has no segment yet)
        for (int k = 1; k <= 3; k++) {
            Path f = out.resolve("n" + k + ".s0.ndjson");
            while (!Files.exists(f) || Files.readAllLines(f).stream().noneMatch(l -> l.contains("\"kind\":\"event\""))) {
                assertTrue(p.isAlive(), "the cluster command ended before node " + k + " logged an event: " + seen);
                Thread.sleep(50);
            }
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        for (String l = r.readLine(); l != null; l = r.readLine()) seen.append(l).append('\n');
        p.waitFor();
        System.out.println(seen);
        assertTrue(seen.toString().contains("stopped 3 node process(es), none left running"), seen.toString());
        for (ProcessHandle h : nodes) assertTrue(!h.isAlive(), "node process " + h.pid() + " outlived the command");
        // stopped, not killed: each node ended its segment with its end line, and the run validates
        for (int k = 1; k <= 3; k++) {
            Path f = out.resolve("n" + k + ".s0.ndjson");
            List<String> seg = Files.readAllLines(f);
            assertTrue(seg.get(seg.size() - 1).contains("\"kind\":\"end\""), "n" + k + ".s0.ndjson ends with " + seg.get(seg.size() - 1));
        }
        Run v = SimulateCommandTest.run("validate", out.toString());
        assertEquals(0, v.code(), v.out() + v.err());
    }
}
