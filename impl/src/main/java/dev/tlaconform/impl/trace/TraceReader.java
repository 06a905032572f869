package dev.tlaconform.impl.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an NDJSON trace back (tests, replay tools): checks the framing (header first, events
 * numbered 1, 2, ... with node, action, state and clock, the end line last with the right count)
 * and returns the lines as Jackson trees. The trace validator has its own reader and does not
 * depend on this module.
 */
public final class TraceReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceReader() {}

    /** A whole trace: the header object, the events in order, the end line's count. */
    public record Trace(JsonNode header, List<Event> events, long endEvents) {
        public String protocol() {
            return header.path("protocol").asText();
        }

        public JsonNode constants() {
            return header.path("constants");
        }

        public long seed() {
            return header.path("seed").asLong();
        }
    }

    /** One event line; {@code msg} is null when the event has none. */
    public record Event(int line, long seq, int node, String action, JsonNode msg, JsonNode state, JsonNode clock) {}

    public static Trace read(Path file) throws IOException, TraceFormatException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /** Reads from {@code in}; {@code name} prefixes every error message. */
    public static Trace read(Reader in, String name) throws IOException, TraceFormatException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        JsonNode header = null;
        List<Event> events = new ArrayList<>();
        long end = -1;
        int line = 0;
        String text;
        while ((text = r.readLine()) != null) {
            line++;
            if (end >= 0) {
                throw new TraceFormatException(name + ":" + line + ": content after the end line");
            }
            JsonNode o;
            try {
                o = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new TraceFormatException(name + ":" + line + ": not JSON: " + e.getOriginalMessage());
            }
            if (o == null || !o.isObject()) {
                throw new TraceFormatException(name + ":" + line + ": not a JSON object");
            }
            String kind = o.path("kind").asText("");
            if (line == 1) {
                if (!kind.equals("header")) {
                    throw new TraceFormatException(name + ":1: the first line must be the header (kind \"header\")");
                }
                if (o.path("schema").asInt(-1) != TraceWriter.SCHEMA) {
                    throw new TraceFormatException(name + ":1: unsupported schema " + o.path("schema"));
                }
                if (!o.path("constants").isObject() || !o.path("protocol").isTextual()) {
                    throw new TraceFormatException(name + ":1: header without protocol or constants");
                }
                header = o;
                continue;
            }
            switch (kind) {
                case "event":
                    events.add(event(o, name, line, events.size() + 1));
                    break;
                case "end":
                    end = o.path("events").asLong(-1);
                    if (end != events.size()) {
                        throw new TraceFormatException(name + ":" + line + ": end line says " + o.path("events")
                                + " events, the trace has " + events.size());
                    }
                    break;
                default:
                    throw new TraceFormatException(name + ":" + line + ": unknown kind '" + kind + "'");
            }
        }
        if (header == null) {
            throw new TraceFormatException(name + ":1: empty trace");
        }
        if (end < 0) {
            throw new TraceFormatException(name + ":" + line + ": no end line (truncated trace?)");
        }
        return new Trace(header, List.copyOf(events), end);
    }

    private static Event event(JsonNode o, String name, int line, long expectSeq) throws TraceFormatException {
        long seq = o.path("seq").asLong(-1);
        if (seq != expectSeq) {
            throw new TraceFormatException(name + ":" + line + ": seq " + o.path("seq") + ", expected " + expectSeq);
        }
        JsonNode node = o.path("node");
        JsonNode action = o.path("action");
        JsonNode state = o.path("state");
        JsonNode clock = o.path("clock");
        if (!node.canConvertToInt() || !node.isIntegralNumber() || !action.isTextual() || !state.isObject()
                || !clock.isObject()) {
            throw new TraceFormatException(name + ":" + line + ": an event needs node (integer), action, state and clock");
        }
        JsonNode msg = o.get("msg");
        if (msg != null && !msg.isObject()) {
            throw new TraceFormatException(name + ":" + line + ": msg must be an object");
        }
        return new Event(line, seq, node.asInt(), action.asText(), msg, state, clock);
    }
}
