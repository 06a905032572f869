package dev.tlaconform.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Streams one NDJSON trace (DESIGN.md, "The trace"): the header line, then one event per
 * {@link #next()}, checking the format as it goes; never holds the whole trace. Every problem is a
 * {@link BadTraceException} naming {@code file:line}. Not thread-safe: one reader per trace.
 */
public final class TraceReader implements Closeable {
    private final Path file;
    private final NdjsonLines in;
    private final ObjectNode header;
    private final String protocol;
    private TraceMapping mapping;
    private FieldRule fields;
    private Set<String> nodes;
    private long line = 1;
    private long events;
    private boolean ended;
    /** A foreign log ({@link ForeignLog}): its events, read and put in order when it was opened; else null. */
    private java.util.List<Event> prepared;
    private int preparedAt;
    private LogFormat format = LogFormat.NATIVE;

    /** One event: its 1-based line number, 1-based index among events, and its JSON object. */
    public record Event(long line, long index, String action, ObjectNode json) {}

    private TraceReader(Path file, NdjsonLines in, ObjectNode header) throws BadTraceException {
        this.file = file;
        this.in = in;
        this.header = header;
        JsonNode p = header.get("protocol");
        if (p == null || !p.isTextual() || p.asText().isEmpty()) {
            throw bad(1, "the header has no \"protocol\" string");
        }
        this.protocol = p.asText();
        JsonNode c = header.get("constants");
        if (c == null || !c.isObject()) {
            throw bad(1, "the header has no \"constants\" object");
        }
    }

    /** A reader over a foreign log's events, already read and ordered ({@link ForeignLog}). */
    static TraceReader prepared(Path file, ObjectNode header, LogFormat format, java.util.List<Event> events)
            throws BadTraceException {
        TraceReader r = new TraceReader(file, null, header);
        r.prepared = events;
        r.format = format;
        return r;
    }

    /** How the trace's lines are read (the paths of node, msg, state). */
    public LogFormat format() { return format; }

    /** Opens a trace and reads its header line. */
    public static TraceReader open(Path file) throws BadTraceException {
        NdjsonLines in = NdjsonLines.open(file);
        try {
            if (!in.next() || in.blank()) {
                throw new BadTraceException(file, 1, "empty trace: no header line");
            }
            JsonNode h = parse(file, 1, in);
            if (!"header".equals(h.path("kind").asText())) {
                throw new BadTraceException(file, 1, "the first line must be the header {\"kind\":\"header\", ...}");
            }
            return new TraceReader(file, in, (ObjectNode) h);
        } catch (IOException e) {
            closeQuietly(in);
            throw new BadTraceException(file, 1, "cannot read: " + e.getMessage());
        } catch (BadTraceException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /**
     * The most nodes a trace header may declare. TLC splits a spec's Next into one action instance
     * per node (and per value of the other constant sets it ranges over) when it loads the spec, so
     * the load grows with the node count: 1,000 nodes load in about 3 s; 100,000 did not load in
     * minutes. The simulator writes at most 63.
     */
    public static final int MAX_NODES = 1000;

    /** Binds the mapping: events are then checked against its actions and node set. */
    public void useMapping(TraceMapping m) throws BadTraceException {
        this.mapping = m;
        if (m.nodes() != null) {
            JsonNode n = header.path("constants").get(m.nodes());
            if (n == null) throw bad(1, "the header's constants have no \"" + m.nodes() + "\" (the mapping's node set)");
            Set<String> s = new HashSet<>();
            if (n.isIntegralNumber()) {
                if (!n.canConvertToInt() || n.asInt() < 1 || n.asInt() > MAX_NODES) {
                    throw bad(1, "the header's " + m.nodes() + " = " + n.asText() + " is not a node count: it must be in 1.."
                            + MAX_NODES + " (the mapping's node set is 1.." + m.nodes() + ")");
                }
                for (int i = 1; i <= n.asInt(); i++) s.add(Integer.toString(i));
            } else if (n.isArray()) {
                if (n.size() < 1 || n.size() > MAX_NODES) {
                    throw bad(1, "the header's " + m.nodes() + " lists " + n.size() + " nodes: it must list 1.." + MAX_NODES);
                }
                for (JsonNode x : n) s.add(x.asText());
            } else {
                throw bad(1, "constant " + m.nodes() + " must be an integer n (nodes 1..n) or an array of nodes");
            }
            this.nodes = s;
        }
    }

    /** Checks every event against the mapping's field rule (docs/validate.md); call after {@link #useMapping}. */
    public void checkFields(FieldRule rule) {
        this.fields = rule;
    }

    /** The field rule in force, or null. */
    public FieldRule fieldRule() { return fields; }

    /**
     * Reads the rest of the trace, checking it as {@link #next()} does: a verdict reached before the
     * end still gives way to bad input further on, so both engines (the reference engine reads the
     * whole trace first) report the same.
     */
    public void drain() throws BadTraceException {
        while (next() != null) {
            // checked by next()
        }
    }

    public Path file() { return file; }
    public ObjectNode header() { return header; }
    public String protocol() { return protocol; }
    public JsonNode constants() { return header.get("constants"); }

    /** The next event, or null after the end line (whose count was checked). */
    public Event next() throws BadTraceException {
        if (ended) return null;
        if (prepared != null) {
            if (preparedAt == prepared.size()) {
                ended = true;
                return null;
            }
            Event e;
            try {
                e = prepared.get(preparedAt++);
            } catch (ForeignLog.Unreadable u) {
                throw u.bad;
            }
            events++;
            line = e.line();
            if (format.node() != null && nodes != null) {
                JsonNode node = field(e.json(), format.node());
                if (node != null && !node.isNull() && !nodes.contains(node.asText())) {
                    throw bad(line, "node " + node + " (at " + format.node() + ") is not one of the constants' " + mapping.nodes()
                            + " " + new java.util.TreeSet<>(nodes));
                }
            }
            if (fields != null) fields.check(e, file);
            return e;
        }
        while (true) {
            boolean more;
            try {
                more = in.next();
            } catch (IOException e) {
                throw bad(line + 1, "cannot read: " + e.getMessage());
            }
            if (!more) {
                throw bad(line, "truncated trace: no end line {\"kind\":\"end\",...} after " + events + " events");
            }
            line++;
            if (in.blank()) continue;
            JsonNode j = parse(file, line, in);
            String kind = j.path("kind").asText();
            if (kind.equals("event")) {
                events++;
                return checkEvent((ObjectNode) j);
            }
            if (kind.equals("end")) {
                JsonNode n = j.get("events");
                if (n == null || !n.isIntegralNumber()) throw bad(line, "the end line has no integer \"events\"");
                if (!n.canConvertToLong() || n.asLong() != events) {
                    throw bad(line, "the end line says " + n.asText() + " events, the file has " + events);
                }
                ended = true;
                checkNothingAfterEnd();
                return null;
            }
            if (kind.equals("header")) throw bad(line, "a second header line");
            throw bad(line, "unknown line kind \"" + kind + "\" (expected \"event\" or \"end\")");
        }
    }

    public long eventsRead() { return events; }

    /** The line last read (1: the header). */
    public long lastLine() { return line; }

    private Event checkEvent(ObjectNode j) throws BadTraceException {
        JsonNode a = j.get("action");
        if (a == null || !a.isTextual()) throw bad(line, "the event has no \"action\" string");
        String action = a.asText();
        if (mapping != null && !mapping.events().containsKey(action)) {
            throw bad(line, "unknown action \"" + action + "\" (the mapping " + mapping.file().getFileName()
                    + " knows " + mapping.events().keySet() + ")");
        }
        JsonNode node = j.get("node");
        if (node != null && nodes != null && !nodes.contains(node.asText())) {
            throw bad(line, "node " + node + " is not one of the header's " + mapping.nodes() + " " + new java.util.TreeSet<>(nodes));
        }
        JsonNode seq = j.get("seq");
        if (seq != null && !seq.isIntegralNumber()) throw bad(line, "\"seq\" must be an integer");
        JsonNode st = j.get("state");
        if (st != null && !st.isObject() && !st.isNull()) throw bad(line, "\"state\" must be an object");
        JsonNode clock = j.get("clock");
        if (clock != null && !clock.isNull()) {
            if (!clock.isObject()) throw bad(line, "\"clock\" must be an object (node -> count)");
            for (JsonNode c : clock) if (!c.isIntegralNumber() || c.asLong() < 0) throw bad(line, "\"clock\" entries must be non-negative integers");
        }
        Event e = new Event(line, events, action, j);
        if (fields != null) fields.check(e, file);
        return e;
    }

    private void checkNothingAfterEnd() throws BadTraceException {
        try {
            while (in.next()) {
                line++;
                if (!in.blank()) throw bad(line, "content after the end line");
            }
        } catch (IOException e) {
            throw bad(line, "cannot read: " + e.getMessage());
        }
    }

    /** The value at a dotted path ({@code node}, {@code msg.bal}) of an event, or null. */
    public static JsonNode field(JsonNode event, String path) {
        JsonNode n = event;
        int start = 0;
        while (n != null) {
            int dot = path.indexOf('.', start);
            String part = dot < 0 ? path.substring(start) : path.substring(start, dot);
            n = n.get(part);
            if (dot < 0) return n;
            start = dot + 1;
        }
        return null;
    }

    public BadTraceException bad(long atLine, String reason) {
        return new BadTraceException(file, atLine, reason);
    }

    private static JsonNode parse(Path file, long line, NdjsonLines in) throws BadTraceException {
        JsonNode j;
        try {
            j = in.parse();
        } catch (JsonProcessingException e) {
            throw new BadTraceException(file, line, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadTraceException(file, line, "cannot read: " + e.getMessage());
        }
        if (j == null || !j.isObject()) throw new BadTraceException(file, line, "each line must be one JSON object");
        return j;
    }

    @Override
    public void close() {
        if (in != null) closeQuietly(in);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do: the trace was only read
        }
    }
}
