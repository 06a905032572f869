package dev.tlaconform.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SequenceChartTest {
    /** Three nodes: node 1 sends a 1a, nodes 2 and 3 promise, node 1 handles node 2's 1b. */
    static final String TRACE = String.join("\n",
            "{\"kind\":\"header\",\"schema\":1,\"protocol\":\"paxos\",\"constants\":{\"N\":3}}",
            "{\"kind\":\"event\",\"seq\":1,\"node\":1,\"action\":\"ClientRequest\",\"msg\":{\"type\":\"request\",\"val\":\"v1\"}}",
            "{\"kind\":\"event\",\"seq\":2,\"node\":1,\"action\":\"Phase1a\",\"msg\":{\"type\":\"1a\",\"bal\":1,\"from\":1}}",
            "{\"kind\":\"event\",\"seq\":3,\"node\":2,\"action\":\"Phase1b\",\"msg\":{\"type\":\"1a\",\"bal\":1,\"from\":1}}",
            "{\"kind\":\"event\",\"seq\":4,\"node\":3,\"action\":\"Phase1b\",\"msg\":{\"type\":\"1a\",\"bal\":1,\"from\":1}}",
            "{\"kind\":\"event\",\"seq\":5,\"node\":1,\"action\":\"HandlePromise\",\"msg\":{\"type\":\"1b\",\"bal\":1,\"from\":2,\"mbal\":-1,\"mval\":\"\"}}",
            "{\"kind\":\"event\",\"seq\":6,\"node\":1,\"action\":\"Restart\"}",
            "{\"kind\":\"end\",\"events\":6}");

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneLifelinePerNodeOneArrowPerMatchedMessage() throws Exception {
        List<TraceEvent> ev = TraceEvent.parse(TRACE);
        assertEquals(6, ev.size());
        String svg = SequenceChart.svg(ev, 0, List.of(), 100);
        Document d = parse(svg); // well-formed
        assertEquals("svg", d.getDocumentElement().getTagName());
        assertEquals(3, count(svg, "class=\"lifeline\""));
        assertEquals(3, count(svg, "class=\"msg\""), "1a to node 2, 1a to node 3, 1b from node 2 back to node 1");
        assertEquals(6, count(svg, "class=\"event\""));
        assertEquals(0, count(svg, "event fail"));
    }

    @Test
    void replyIsMatchedToTheRequestItAnswersAndSendOnlyEventsHaveNoIncomingArrow() {
        List<TraceEvent> ev = TraceEvent.parse(TRACE);
        assertEquals(1, SequenceChart.senderOf(ev, 2), "Phase1b at node 2 received the 1a of Phase1a");
        assertEquals(2, SequenceChart.senderOf(ev, 4), "the 1b from node 2 answers node 2's Phase1b of ballot 1");
        assertEquals(-1, SequenceChart.senderOf(ev, 1), "Phase1a sends, receives nothing");
        assertEquals(-1, SequenceChart.senderOf(ev, 0), "a client request has no sender node");
        assertEquals(-1, SequenceChart.senderOf(ev, 5), "a restart has no message");
    }

    @Test
    void failingEventIsRedWithItsEscapedDifferenceBesideIt() throws Exception {
        List<TraceEvent> ev = TraceEvent.parse(TRACE);
        String svg = SequenceChart.svg(ev, 4, List.of("maxBal: logged <script>\"42\"</script>, spec allows [1]"), 100);
        parse(svg);
        assertEquals(1, count(svg, "class=\"event fail\""));
        assertTrue(svg.contains("fill=\"#d32f2f\""));
        assertTrue(svg.contains("maxBal: logged &lt;script&gt;&quot;42&quot;&lt;/script&gt;"));
        assertFalse(svg.contains("<script>"));
    }

    @Test
    void longTracesAreCappedAroundTheFailure() throws Exception {
        StringBuilder t = new StringBuilder("{\"kind\":\"header\",\"protocol\":\"paxos\",\"constants\":{}}\n");
        for (int i = 1; i <= 250; i++) {
            t.append("{\"kind\":\"event\",\"seq\":").append(i).append(",\"node\":").append(1 + i % 3)
                    .append(",\"action\":\"Learn\"}\n");
        }
        List<TraceEvent> ev = TraceEvent.parse(t.toString());
        String first = SequenceChart.svg(ev, 0, List.of(), 100);
        assertEquals(100, count(first, "class=\"event\""));
        assertEquals("first 100 of 250 events", SequenceChart.windowText(250, 0, ev, 100));
        String around = SequenceChart.svg(ev, 201, List.of("x"), 100); // line 201 = event 200
        parse(around);
        assertEquals(1, count(around, "event fail"));
        assertEquals(100, count(around, "class=\"event") );
        assertTrue(SequenceChart.windowText(250, 201, ev, 100).startsWith("events 104\u2013203 of 250"));
    }
}
