package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * End to end: a few simulator runs validated against the test specs (src/test/resources/specs/paxos
 * and multipaxos: the acceptor side of each protocol), once as they are (all accepted) and once with the first promise
 * tampered with (rejected, and the diagnosis shows in all three reports).
 */
class ConformCommandTest {
    static final String SPECS = Path.of("src/test/resources/specs").toAbsolutePath().toString();

    record Run(int code, String out, String err) {}

    static Run conform(UnaryOperator<String> filter, String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = new ConformCommand(filter).run(args, out, err);
        }
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** The first Phase1b event logs maxBal 42: no spec state has it. */
    static final UnaryOperator<String> TAMPER_FIRST_PROMISE = trace -> {
        Matcher m = Pattern.compile("(\"action\":\"Phase1b\"[^\\n]*?\"state\":\\{\"maxBal\":)(-?\\d+)").matcher(trace);
        return m.find() ? trace.substring(0, m.start(2)) + "42" + trace.substring(m.end(2)) : trace;
    };

    static Document xml(Path p) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
    }

    @Test
    void smallCampaignIsAllAcceptedAndWritesTheThreeReports(@TempDir Path out) throws Exception {
        Run r = conform(UnaryOperator.identity(), "--protocol", "paxos,multipaxos", "--runs", "1", "--faults", "none;all",
                "--models", "partial,sync", "--jobs", "2", "--specs", SPECS, "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("CONFORMS: all 8 traces accepted"), r.out());
        assertTrue(r.out().contains("paxos action coverage"), r.out());
        assertTrue(r.err().contains("8/8 runs"), r.err());
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(j.get("ok").asBoolean());
        assertEquals(8, j.get("runs").asInt());
        assertEquals(2, j.get("protocols").size(), "the protocols asked for, in order");
        assertEquals("multipaxos", j.get("protocols").get(1).get("protocol").asText());
        JsonNode p = j.get("protocols").get(0);
        assertEquals("paxos", p.get("protocol").asText());
        assertEquals(4, p.get("accepted").asInt());
        assertEquals(0, p.get("rejected").asInt());
        assertEquals(0, p.get("invariantViolations").asInt());
        assertTrue(p.get("actionCoverage").get("Phase1b").asLong() > 0);
        assertTrue(p.get("events").asLong() > 0);
        assertEquals(8, j.get("traces").size());
        assertEquals("accepted", j.get("traces").get(0).get("verdict").asText());
        Document d = xml(out.resolve("junit.xml"));
        assertEquals(8, d.getElementsByTagName("testcase").getLength());
        assertEquals(0, d.getElementsByTagName("failure").getLength());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<svg"), "sampled accepted traces are charted");
        assertFalse(html.contains("event fail"));
        assertFalse(Files.exists(out.resolve("traces")) && Files.list(out.resolve("traces")).findAny().isPresent(),
                "accepted traces are not kept");
    }

    @Test
    void sameSeedSameRuns(@TempDir Path a, @TempDir Path b) throws Exception {
        String[] args = {"--protocol", "paxos", "--runs", "1", "--faults", "drop", "--specs", SPECS, "--seed", "77", "--quiet"};
        conform(UnaryOperator.identity(), concat(args, "--out", a.toString()));
        conform(UnaryOperator.identity(), concat(args, "--out", b.toString(), "--jobs", "1"));
        JsonNode ja = new ObjectMapper().readTree(a.resolve("report.json").toFile()).get("traces");
        JsonNode jb = new ObjectMapper().readTree(b.resolve("report.json").toFile()).get("traces");
        assertEquals(ja.get(0).get("seed"), jb.get(0).get("seed"));
        assertEquals(ja.get(0).get("events"), jb.get(0).get("events"));
        assertEquals(ja.get(0).get("actionCounts"), jb.get(0).get("actionCounts"));
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void tamperedTraceIsRejectedAndTheDiagnosisReachesEveryReport(@TempDir Path out) throws Exception {
        Run r = conform(TAMPER_FIRST_PROMISE, "--protocol", "paxos", "--runs", "1", "--faults", "none;drop",
                "--specs", SPECS, "--out", out.toString(), "--quiet");
        assertEquals(ExitCode.VIOLATION, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("DOES NOT CONFORM: 2 of 2 runs failed"), r.out());
        assertTrue(r.out().contains("seed="), r.out());
        assertTrue(r.out().contains("replay: scripts/tlaconform simulate --protocol paxos --seed "), r.out());
        assertTrue(r.out().contains("&& scripts/tlaconform validate paxos-none-partial-"), r.out());
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertFalse(j.get("ok").asBoolean());
        assertEquals(2, j.get("protocols").get(0).get("rejected").asInt());
        JsonNode f = j.get("traces").get(0).get("failure");
        assertEquals("rejected", j.get("traces").get(0).get("verdict").asText());
        assertTrue(f.get("diagnosis").asText().contains("maxBal"), f.toString());
        assertTrue(f.get("line").asLong() > 1);
        Path kept = out.resolve(f.get("trace").asText());
        assertTrue(Files.readString(kept).contains("\"maxBal\":42"), "the failing trace is kept for replay");
        Document d = xml(out.resolve("junit.xml"));
        assertEquals(2, d.getElementsByTagName("testcase").getLength());
        assertEquals(2, d.getElementsByTagName("failure").getLength());
        assertTrue(d.getElementsByTagName("failure").item(0).getTextContent().contains("maxBal"));
        String html = Files.readString(out.resolve("index.html"));
        assertEquals(2, html.split("class=\"event fail\"", -1).length - 1, "the failing event of both traces is red");
        assertTrue(html.contains("maxBal: logged 42"), "the spec-vs-logged difference is beside it");
    }

    @Test
    void faultMatrixSyntax() {
        assertEquals(java.util.List.of("none", "drop", "crash"),
                ConformCommand.faults("none,drop,crash").stream().map(dev.tlaconform.impl.sim.FaultPlan::name).toList());
        assertEquals(9, ConformCommand.faults("all-plans").size());
        assertEquals(1, ConformCommand.faults("all,drop=0.2").size());
        assertEquals(0.2, ConformCommand.faults("all,drop=0.2").get(0).drop());
        assertEquals(2, ConformCommand.faults("drop;all,drop=0.2").size());
        assertEquals(dev.tlaconform.impl.sim.Protocols.NAMES, ConformCommand.protocols("all"));
    }

    @Test
    void badUsageIsOneLineExitTwo() throws Exception {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(ExitCode.BAD_INPUT, Main.run(new String[] {"conform", "--protocol", "raft"}, out, err));
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("unknown protocol 'raft'"));
        assertEquals(ExitCode.BAD_INPUT, Main.run(new String[] {"conform", "--runs", "0"}, out, err));
        assertEquals(ExitCode.BAD_INPUT, Main.run(new String[] {"conform", "--faults", "meteor"}, out, err));
        assertEquals(ExitCode.BAD_INPUT, Main.run(new String[] {"conform", "--models", "lockstep"}, out, err));
        assertEquals(ExitCode.BAD_INPUT, Main.run(new String[] {"conform", "--specs", "/nonexistent"}, out, err));
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("trace-mapping.json does not exist"));
        assertFalse(e.toString(StandardCharsets.UTF_8).contains("\tat "), "no stack trace");
    }
}
