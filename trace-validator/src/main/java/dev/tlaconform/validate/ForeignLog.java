package dev.tlaconform.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.community.CausalOrdering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A system's own NDJSON log, read as its mapping's {@code "log"} section says ({@link LogFormat}):
 * no header or end line; constants from the log's first line, the mapping, or {@code --constants};
 * each line classified into an event kind of the mapping or skipped; lines carrying vector clocks
 * put in causal order ({@link CausalOrdering}, the order the community's {@code CausalOrder} gives a
 * TLC trace spec). The whole log is read when it is opened (ordering needs it); every event keeps
 * the line it had in the file, and every diagnosis names that line.
 */
public final class ForeignLog {
    private ForeignLog() {}

    /** True when a file's first non-blank line is not tlaconform's header (so it needs a mapping with a "log" section). */
    public static boolean lacksHeader(Path file) {
        try (java.io.BufferedReader in = Files.newBufferedReader(file)) {
            for (String l; (l = in.readLine()) != null; ) {
                if (l.isBlank()) continue;
                return !(l.contains("\"kind\"") && l.contains("\"header\""));
            }
        } catch (IOException | RuntimeException e) {
            return false;   // TraceReader reports it
        }
        return false;
    }

    /**
     * Reads a foreign log.
     *
     * @param extra constants given on the command line ({@code --constants FILE.json}), or null; they win
     */
    public static TraceReader open(Path file, TraceMapping m, JsonNode extra, Path specDir) throws BadTraceException {
        LogFormat f = m.log();
        NdjsonLines in = NdjsonLines.open(file);
        ObjectNode constants = JsonNodeFactory.instance.objectNode();
        // per line: its bytes (parsed again when the engine reaches it: a 100,000-line log's trees
        // held at once were 150 MB the garbage collector copied, a third of reading it), number, kind
        List<byte[]> lines = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<CausalOrdering.Line> clocks = f.clock() == null ? null : new ArrayList<>();
        // the first read builds only what classifying and ordering look at; the engine parses the whole line once
        NdjsonLines.PathTrie needed = NdjsonLines.PathTrie.of(paths(f));
        BadTraceException clockError = null;   // reported once the whole file has been read, as before
        try (in) {
            long n = 0;
            boolean first = true;
            while (in.next()) {
                n++;
                if (in.blank()) continue;
                JsonNode j;
                boolean whole = first && f.constantsLine();
                try {
                    j = whole ? in.parse() : in.parseOnly(needed);
                } catch (JsonProcessingException e) {
                    throw new BadTraceException(file, n, "malformed JSON: " + wholeLineError(in, e).getOriginalMessage());
                }
                if (j == null || !j.isObject()) throw new BadTraceException(file, n, "each line must be one JSON object");
                if (first && f.constantsLine()) {
                    first = false;
                    constants.setAll((ObjectNode) j);
                    continue;
                }
                first = false;
                String kind = f.classify(j);
                if (kind == null) {
                    throw new BadTraceException(file, n, "no kind of the mapping's \"log\" matches this line"
                            + (f.action() == null ? "" : " and it has no string at " + f.action()) + " (add a log.kinds or log.skip rule)");
                }
                if (!kind.equals(LogFormat.SKIP) && !m.events().containsKey(kind)) {
                    throw new BadTraceException(file, n, "unknown action \"" + kind + "\" (the mapping " + m.file().getFileName()
                            + " knows " + m.events().keySet() + ")");
                }
                if (clocks != null && clockError == null) {
                    try {
                        clocks.add(clockOf(file, f, j, n));
                    } catch (BadTraceException e) {
                        clockError = e;
                    }
                }
                lines.add(in.lineBytes());
                numbers.add(n);
                kinds.add(kind);
            }
        } catch (IOException e) {
            throw new BadTraceException(file, numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1) + 1, "cannot read: " + e.getMessage());
        }
        if (f.constantsLine() && lines.isEmpty() && constants.isEmpty()) {
            throw new BadTraceException(file, 1, "empty log: no constants line");
        }
        if (clockError != null) throw clockError;
        if (extra != null) constants.setAll((ObjectNode) extra);
        int[] order;
        if (clocks == null) {
            order = identity(lines.size());
        } else {
            try {
                order = CausalOrdering.order(clocks);
            } catch (CausalOrdering.Conflict e) {
                throw new BadTraceException(file, numbers.get(e.index), e.getMessage());
            }
        }
        List<Integer> taken = new ArrayList<>(order.length);
        for (int k : order) if (!kinds.get(k).equals(LogFormat.SKIP)) taken.add(k);
        SpanTrees spans = new SpanTrees();   // lines that repeat parts of earlier ones (the engine reads them in order)
        List<TraceReader.Event> events = new java.util.AbstractList<>() {
            @Override
            public synchronized TraceReader.Event get(int i) {
                int k = taken.get(i);
                byte[] b = lines.get(k);
                JsonNode j = null;
                try {
                    j = spans.line(b, 0, b.length);
                } catch (IOException e) {
                    // the whole line's parse below
                }
                try {
                    if (j == null) j = NdjsonLines.parse(b, 0, b.length);
                } catch (IOException e) {
                    throw new Unreadable(new BadTraceException(file, numbers.get(k), "malformed JSON: "
                            + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage())));
                }
                return new TraceReader.Event(numbers.get(k), i + 1, kinds.get(k), (ObjectNode) j);
            }

            @Override
            public int size() {
                return taken.size();
            }
        };
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("kind", "header");
        header.put("protocol", specDir.toAbsolutePath().normalize().getFileName() == null ? "log"
                : specDir.toAbsolutePath().normalize().getFileName().toString());
        header.set("constants", constants);
        return TraceReader.prepared(file, header, f, events);
    }

    /** A line the first read checked but the engine's whole parse rejects (not expected: both use Jackson's tokenizer). */
    static final class Unreadable extends RuntimeException {
        final BadTraceException bad;

        Unreadable(BadTraceException bad) {
            super(bad.getMessage(), null, false, false);
            this.bad = bad;
        }
    }

    /** The paths the first read of a line needs: those classifying and the clocks look at. */
    private static List<String> paths(LogFormat f) {
        List<String> out = new ArrayList<>();
        for (LogFormat.Rule r : f.kinds()) out.addAll(r.when().keySet());
        for (Map<String, JsonNode> s : f.skip()) out.addAll(s.keySet());
        out.add(f.action());
        out.add(f.clock());
        out.add(f.clockNode());
        return out;
    }

    /** The error the whole line's parse gives (the words a malformed line got before the first read was partial). */
    private static JsonProcessingException wholeLineError(NdjsonLines in, JsonProcessingException partial) {
        try {
            in.parse();
        } catch (JsonProcessingException e) {
            return e;
        } catch (IOException e) {
            return partial;
        }
        return partial;
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }

    /** A line's process and vector clock, for the causal order (all lines, skipped ones too: the order a trace spec's CausalOrder gives). */
    private static CausalOrdering.Line clockOf(Path file, LogFormat f, JsonNode line, long at) throws BadTraceException {
        JsonNode c = TraceReader.field(line, f.clock());
        JsonNode node = TraceReader.field(line, f.clockNode());
        if (c == null || !c.isObject()) throw new BadTraceException(file, at, "no vector clock (an object) at " + f.clock());
        if (node == null || !(node.isTextual() || node.isIntegralNumber())) {
            throw new BadTraceException(file, at, "no process (a string or integer) at " + f.clockNode());
        }
        Map<String, Long> clock = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong()) {
                throw new BadTraceException(file, at, f.clock() + "." + e.getKey() + " must be an integer");
            }
            clock.put(CausalOrdering.stringKey(e.getKey()), e.getValue().asLong());
        }
        return new CausalOrdering.Line(CausalOrdering.stringKey(node.asText()), clock);
    }
}
