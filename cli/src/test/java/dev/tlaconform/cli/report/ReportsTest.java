package dev.tlaconform.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The three reports on a hand-made campaign with hostile text in it: escaped, well-formed, counted right. */
class ReportsTest {
    static final String HOSTILE = "bad <b>&amp;</b> ]]> \"q\" 'a' \u0001\u0007 end";

    static RunResult run(int i, RunResult.Verdict v, String simFailure) {
        Map<String, Long> counts = new TreeMap<>(Map.of("Phase1a", 2L, "Phase1b", 3L));
        boolean bad = v != RunResult.Verdict.ACCEPTED || simFailure != null;
        JsonNode vars = new ObjectMapper().createArrayNode().add(new ObjectMapper().createObjectNode()
                .put("key", "maxBal").put("spec", "maxBal[node]").put("logged", HOSTILE).put("specValues", "[1]"));
        return new RunResult(i, "paxos", "drop", "partial", i, 100 + i, "scripts/tlaconform simulate --seed " + (100 + i),
                simFailure == null ? "decided" : "safety violation", simFailure, 6, v, bad ? 3 : 6, 1, 2, counts,
                List.of("Restart"), bad ? 4 : 0, bad ? "summary " + HOSTILE : null, bad ? "diagnosis " + HOSTILE : null,
                bad ? vars : null, bad ? "traces/t" + i + ".ndjson" : null,
                TraceEvent.parse(SequenceChartTest.TRACE), true, null);
    }

    static CampaignResult campaign() {
        List<RunResult> runs = List.of(run(0, RunResult.Verdict.ACCEPTED, null), run(1, RunResult.Verdict.REJECTED, null),
                run(2, RunResult.Verdict.ACCEPTED, "agreement broken " + HOSTILE), run(3, RunResult.Verdict.ERROR, null));
        return new CampaignResult(1, "scripts/tlaconform conform " + HOSTILE, List.of("drop"), List.of("partial"), 4, 2,
                List.of(ProtocolSummary.of("paxos", runs, 1000)), runs, 1000);
    }

    @Test
    void summaryCountsAndCoverage() {
        ProtocolSummary s = campaign().summaries().get(0);
        assertEquals(4, s.runs());
        assertEquals(2, s.accepted());
        assertEquals(2, s.rejected());
        assertEquals(1, s.invariantViolations());
        assertEquals(8L, s.coverage().get("Phase1a"));
        assertEquals(0L, s.coverage().get("Restart"));
        assertEquals(List.of("Restart"), s.neverExercised());
        assertFalse(campaign().ok());
        assertEquals(3, campaign().failures());
    }

    @Test
    void junitXmlIsWellFormedWithOneTestcasePerTrace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("junit.xml");
        JunitReport.write(campaign(), f);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        assertEquals(4, d.getElementsByTagName("testcase").getLength());
        assertEquals(2, d.getElementsByTagName("failure").getLength());
        assertEquals(1, d.getElementsByTagName("error").getLength());
        String text = d.getElementsByTagName("failure").item(0).getTextContent();
        assertTrue(text.contains("diagnosis bad <b>&amp;</b> ]]>"), text);
        assertTrue(text.contains("replay: scripts/tlaconform simulate --seed 101"));
        assertTrue(d.getElementsByTagName("failure").item(1).getTextContent().contains("agreement broken"));
    }

    @Test
    void reportJsonCarriesProtocolsAndTraces(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("report.json");
        JsonReport.write(campaign(), f);
        JsonNode j = new ObjectMapper().readTree(f.toFile());
        assertFalse(j.get("ok").asBoolean());
        assertEquals(4, j.get("traces").size());
        JsonNode p = j.get("protocols").get(0);
        for (String k : List.of("runs", "events", "accepted", "rejected", "invariantViolations", "wallMillis",
                "runsPerSecond", "eventsPerSecond", "actionCoverage", "neverExercised")) {
            assertTrue(p.has(k), k);
        }
        JsonNode t = j.get("traces").get(1);
        assertEquals("rejected", t.get("verdict").asText());
        assertEquals(101, t.get("seed").asLong());
        assertEquals(4, t.get("failure").get("line").asLong());
        assertTrue(t.get("failure").get("diagnosis").asText().startsWith("diagnosis bad <b>"));
        assertFalse(j.get("traces").get(0).has("failure"));
    }

    @Test
    void htmlEscapesEveryTraceText() throws Exception {
        String html = HtmlReport.render(campaign(), null);
        assertFalse(html.contains("<b>&amp;</b>"), "trace text is never markup");
        assertTrue(html.contains("diagnosis bad &lt;b&gt;&amp;amp;&lt;/b&gt;"));
        assertFalse(html.contains("\u0001"));
        assertEquals(2, html.split("class=\"event fail\"", -1).length - 1,
                "a red marker on the rejected and the unreadable trace; the accepted trace of an invariant violation has no failing event");
        assertTrue(html.contains("class=\"l never\">Restart"));
    }
}
