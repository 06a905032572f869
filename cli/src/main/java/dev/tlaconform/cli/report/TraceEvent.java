package dev.tlaconform.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of an NDJSON trace as the sequence chart needs it (DESIGN.md, "The trace").
 *
 * @param line   1-based line of the event in the trace file (the header is line 1)
 * @param seq    the event's {@code seq}
 * @param node   the node that took the step
 * @param action the spec action
 * @param msg    the message received or sent (null when the event has none)
 */
public record TraceEvent(long line, long seq, String node, String action, JsonNode msg) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The events of a trace held in memory (header and end lines skipped; unparsable lines skipped). */
    public static List<TraceEvent> parse(String ndjson) {
        List<TraceEvent> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(ndjson))) {
            String s;
            long line = 0;
            while ((s = r.readLine()) != null) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(s);
                } catch (IOException e) {
                    continue;
                }
                if (!"event".equals(n.path("kind").asText())) {
                    continue;
                }
                JsonNode msg = n.get("msg");
                out.add(new TraceEvent(line, n.path("seq").asLong(line - 1), n.path("node").asText(),
                        n.path("action").asText(), msg == null || msg.isNull() ? null : msg));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
        return out;
    }
}
