package dev.tlaconform.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code coverage of the protocol cores in a campaign: a conform run in a JVM with JaCoCo's agent (as
 * scripts/tlaconform starts it) reports lines and branches per protocol and per handler, and the
 * lines with a branch never taken; a handler no run reached shows 0 (without restarts, Paxos's
 * Restart), one every run reaches more. Without the agent (this JVM), the report says it was not
 * measured.
 */
class CoverageTest {
    @Test
    void withoutTheAgentNothingIsMeasuredAndTheReportSaysWhy() throws Exception {
        Coverage c = Coverage.collect(List.of("paxos"));
        assertNotNull(c.note());
        assertTrue(c.note().contains("agent"), c.note());
    }

    /** The child JVM: {@code Main} with JaCoCo's agent on the protocol packages, as scripts/tlaconform starts conform. */
    static Process underAgent(String... args) throws Exception {
        Path agent = Path.of(org.jacoco.agent.rt.RT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> cp = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {dev.tlaconform.cli.Main.class, dev.tlaconform.impl.sim.Simulation.class,
                dev.tlaconform.validate.Validator.class, tlc2.TLC.class, ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonPropertyOrder.class,
                org.apache.commons.cli.Options.class, org.jacoco.core.analysis.Analyzer.class,
                org.objectweb.asm.ClassReader.class, org.objectweb.asm.tree.ClassNode.class,
                org.objectweb.asm.commons.AnalyzerAdapter.class, org.jacoco.agent.rt.RT.class}) {
            cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=includes=dev.tlaconform.impl.*,excludes=dev.tlaconform.impl.sim.*,output=none",
                "-cp", String.join(File.pathSeparator, cp), "dev.tlaconform.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        return p;
    }

    @Test
    void aCampaignUnderTheAgentReportsLinesBranchesHandlersAndNeverTakenBranches(@TempDir Path out) throws Exception {
        Process p = underAgent("conform", "--protocol", "paxos", "--runs", "1", "--faults", "none,drop", "--models", "sync",
                "--jobs", "1", "--quiet", "--specs", "../specs", "--out", out.toString());
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("code coverage of the protocol cores (JaCoCo"), text);
        JsonNode paxos = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/coverage/protocols/paxos");
        int covered = paxos.at("/lines/covered").asInt();
        int total = paxos.at("/lines/total").asInt();
        assertTrue(covered > 0 && covered < total, paxos.toString());
        assertTrue(paxos.at("/branches/total").asInt() > paxos.at("/branches/covered").asInt());
        JsonNode restart = null;
        JsonNode phase1b = null;
        for (JsonNode h : paxos.get("handlers")) {
            if (h.get("action").asText().equals("Restart")) restart = h;
            if (h.get("action").asText().equals("Phase1b")) phase1b = h;
        }
        assertNotNull(restart);
        assertNotNull(phase1b);
        assertEquals(0, restart.at("/lines/covered").asInt(), "no restarts in these plans: " + restart);
        assertTrue(phase1b.at("/lines/covered").asInt() > 0, phase1b.toString());
        JsonNode never = paxos.get("branchesNeverTaken");
        assertTrue(never.size() > 0);
        assertTrue(never.get(0).get("file").asText().endsWith(".java") && never.get(0).get("line").asInt() > 0, never.toString());
        assertTrue(Files.readString(out.resolve("index.html")).contains("Code coverage of the protocol cores"));
        // each never-taken line has its text and a reason: no seeded bug is on, so the mutant switches are among them
        boolean mutantSwitch = false;
        for (JsonNode m : never) {
            assertTrue(m.has("text") && m.has("category") && m.has("reason"), m.toString());
            mutantSwitch |= "mutant".equals(m.get("category").asText());
        }
        assertTrue(mutantSwitch, never.toString());
        assertTrue(text.contains("lines with a branch never taken: "), text);
        assertTrue(Files.readString(out.resolve("index.html")).contains("why no run takes it"));
        assertTrue(Files.isRegularFile(out.resolve("coverage.exec")), "JaCoCo's execution data is kept");
        // spec-level coverage beside it: the alternatives of Paxos's actions the accepted steps took
        JsonNode alternatives = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/actionAlternatives/paxos");
        assertTrue(alternatives.size() > 0, alternatives.toString());
        long taken = 0;
        for (JsonNode action : alternatives) {
            for (JsonNode n : action) {
                taken += n.asLong() > 0 ? 1 : 0;
            }
        }
        assertTrue(taken > 0, alternatives.toString());
        assertTrue(text.contains("paxos alternatives of the spec's actions"), text);
        assertTrue(Files.readString(out.resolve("index.html")).contains("Alternatives of the spec's actions"));
    }

    /**
     * A guided campaign keeps the runs that reached probes no earlier run reached (the first run
     * always does) and writes one replay command per kept run; each replays to a run whose trace is
     * accepted. Without the agent, --guided is refused (exit 2). The budget bounds the wall time;
     * nothing asserted depends on how many runs fit in it.
     */
    @Test
    void aGuidedCampaignKeepsTheRunsThatReachNewBranches(@TempDir Path out) throws Exception {
        Process p = underAgent("conform", "--protocol", "paxos", "--guided", "--budget", "5s", "--models", "sync,partial",
                "--specs", "../specs", "--out", out.toString());
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        List<String> corpus = Files.readAllLines(out.resolve("guided-corpus.txt"));
        assertTrue(corpus.size() >= 1, text);
        assertTrue(corpus.get(0).startsWith("scripts/tlaconform simulate --protocol paxos --seed "), corpus.get(0));
        assertTrue(corpus.get(0).contains("--faults drop="), "the drawn plan travels with the replay: " + corpus.get(0));
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
        int code = dev.tlaconform.cli.Main.run(new String[] {"conform", "--protocol", "paxos", "--guided", "--budget", "5s",
                "--specs", "../specs", "--out", out.resolve("no-agent").toString()},
                new java.io.PrintStream(o, true, StandardCharsets.UTF_8), new java.io.PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(2, code, o + " " + e);
        assertTrue(e.toString().contains("needs JaCoCo's agent"), e.toString());
    }
}
