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

    @Test
    void aCampaignUnderTheAgentReportsLinesBranchesHandlersAndNeverTakenBranches(@TempDir Path out) throws Exception {
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
                "-cp", String.join(File.pathSeparator, cp), "dev.tlaconform.cli.Main", "conform", "--protocol", "paxos",
                "--runs", "1", "--faults", "none,drop", "--models", "sync", "--jobs", "1", "--quiet", "--specs", "../specs",
                "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
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
    }
}
