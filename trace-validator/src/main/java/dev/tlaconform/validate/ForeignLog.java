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
        // per line: where it is in the file (read and parsed when the engine reaches it: a 100,000-line
        // log's trees held at once were 150 MB the garbage collector copied, a third of reading it,
        // and a 1,000,000-line log's bytes alone 150 MB), its number, its kind
        Lines lines = new Lines();
        Clocks clocks = f.clock() == null ? null : new Clocks();
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
                        clockOf(file, f, j, n, clocks);
                    } catch (BadTraceException e) {
                        clockError = e;
                    }
                }
                lines.add(in.lineOffset(), in.lineLength(), n, kind);
            }
        } catch (IOException e) {
            throw new BadTraceException(file, lines.size == 0 ? 1 : lines.numbers[lines.size - 1] + 1, "cannot read: " + e.getMessage());
        }
        if (f.constantsLine() && lines.size == 0 && constants.isEmpty()) {
            throw new BadTraceException(file, 1, "empty log: no constants line");
        }
        if (clockError != null) throw clockError;
        if (extra != null) constants.setAll((ObjectNode) extra);
        int[] order;
        if (clocks == null) {
            order = identity(lines.size);
        } else {
            try {
                order = CausalOrdering.order(clocks);
            } catch (CausalOrdering.Conflict e) {
                throw new BadTraceException(file, lines.numbers[e.index], e.getMessage());
            }
        }
        int nTaken = 0;
        for (int k : order) if (!lines.kinds[k].equals(LogFormat.SKIP)) order[nTaken++] = k;
        int[] taken = java.util.Arrays.copyOf(order, nTaken);
        Window window = new Window(file);
        SpanTrees spans = new SpanTrees();   // lines that repeat parts of earlier ones (the engine reads them in order)
        List<TraceReader.Event> events = new java.util.AbstractList<>() {
            @Override
            public synchronized TraceReader.Event get(int i) {
                int k = taken[i];
                long at = lines.numbers[k];
                int off;
                try {
                    off = window.at(lines.offsets[k], lines.lengths[k]);
                } catch (IOException e) {
                    throw new Unreadable(new BadTraceException(file, at, "cannot read: " + e.getMessage()));
                }
                byte[] b = window.buf;
                int to = off + lines.lengths[k];
                JsonNode j = null;
                try {
                    j = spans.line(b, off, to);
                } catch (IOException e) {
                    // the whole line's parse below
                }
                try {
                    if (j == null) j = NdjsonLines.parse(b, off, lines.lengths[k]);
                } catch (IOException e) {
                    throw new Unreadable(new BadTraceException(file, at, "malformed JSON (did the file change while it was read?): "
                            + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage())));
                }
                if (!j.isObject()) throw new Unreadable(new BadTraceException(file, at, "each line must be one JSON object (did the file change?)"));
                return new TraceReader.Event(at, i + 1, lines.kinds[k], (ObjectNode) j);
            }

            @Override
            public int size() {
                return taken.length;
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
    private static void clockOf(Path file, LogFormat f, JsonNode line, long at, Clocks out) throws BadTraceException {
        JsonNode c = TraceReader.field(line, f.clock());
        JsonNode node = TraceReader.field(line, f.clockNode());
        if (c == null || !c.isObject()) throw new BadTraceException(file, at, "no vector clock (an object) at " + f.clock());
        if (node == null || !(node.isTextual() || node.isIntegralNumber())) {
            throw new BadTraceException(file, at, "no process (a string or integer) at " + f.clockNode());
        }
        String[] keys = new String[c.size()];
        long[] values = new long[keys.length];
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong()) {
                throw new BadTraceException(file, at, f.clock() + "." + e.getKey() + " must be an integer");
            }
            keys[i] = e.getKey();
            values[i] = e.getValue().asLong();
        }
        out.add(node.asText(), keys, values);
    }

    /** The lines of a log read so far: file offset, length, line number, kind (arrays, not a list of objects: a 1,000,000-line log in bounded heap). */
    private static final class Lines {
        int size;
        long[] offsets = new long[1024];
        int[] lengths = new int[1024];
        long[] numbers = new long[1024];
        String[] kinds = new String[1024];

        void add(long offset, int length, long number, String kind) {
            if (size == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, 2 * size);
                lengths = java.util.Arrays.copyOf(lengths, 2 * size);
                numbers = java.util.Arrays.copyOf(numbers, 2 * size);
                kinds = java.util.Arrays.copyOf(kinds, 2 * size);
            }
            offsets[size] = offset;
            lengths[size] = length;
            numbers[size] = number;
            kinds[size++] = kind;
        }
    }

    /**
     * The lines' clocks, packed: per line its process and clock keys as shared strings (keys in the
     * clock's order, one array per distinct key list) and its entries in one long array. A line is
     * a {@link CausalOrdering.Line} made when the ordering asks for it; its clock map iterates in
     * the log's order, as the clock object did.
     */
    private static final class Clocks extends java.util.AbstractList<CausalOrdering.Line> {
        private final Map<String, String> names = new java.util.HashMap<>();
        private final Map<List<String>, String[]> keyLists = new java.util.HashMap<>();
        private String[][] keys = new String[1024][];
        private String[] nodes = new String[1024];
        private int[] starts = new int[1025];
        private long[] values = new long[4096];
        private int size;
        private String[] lastKeys = new String[0];

        void add(String node, String[] rawKeys, long[] entries) {
            if (size == nodes.length) {
                keys = java.util.Arrays.copyOf(keys, 2 * size);
                nodes = java.util.Arrays.copyOf(nodes, 2 * size);
                starts = java.util.Arrays.copyOf(starts, 2 * size + 1);
            }
            String[] ks = new String[rawKeys.length];
            for (int i = 0; i < ks.length; i++) ks[i] = name(rawKeys[i]);
            if (!java.util.Arrays.equals(ks, lastKeys)) lastKeys = keyLists.computeIfAbsent(List.of(ks), l -> ks);
            int at = starts[size];
            while (at + entries.length > values.length) values = java.util.Arrays.copyOf(values, 2 * values.length);
            System.arraycopy(entries, 0, values, at, entries.length);
            keys[size] = lastKeys;
            nodes[size] = name(node);
            starts[++size] = at + entries.length;
        }

        private String name(String raw) {
            return names.computeIfAbsent(raw, CausalOrdering::stringKey);
        }

        @Override
        public CausalOrdering.Line get(int i) {
            String[] ks = keys[i];
            int from = starts[i];
            Map<String, Long> clock = new java.util.AbstractMap<>() {
                @Override
                public Long get(Object key) {
                    for (int k = 0; k < ks.length; k++) if (ks[k].equals(key)) return values[from + k];
                    return null;
                }

                @Override
                public boolean containsKey(Object key) {
                    for (String k : ks) if (k.equals(key)) return true;
                    return false;
                }

                @Override
                public java.util.Set<Map.Entry<String, Long>> entrySet() {
                    return new java.util.AbstractSet<>() {
                        @Override
                        public Iterator<Map.Entry<String, Long>> iterator() {
                            return new Iterator<>() {
                                int k;

                                @Override
                                public boolean hasNext() {
                                    return k < ks.length;
                                }

                                @Override
                                public Map.Entry<String, Long> next() {
                                    if (k == ks.length) throw new java.util.NoSuchElementException();
                                    k++;
                                    return new java.util.AbstractMap.SimpleImmutableEntry<>(ks[k - 1], values[from + k - 1]);
                                }
                            };
                        }

                        @Override
                        public int size() {
                            return ks.length;
                        }
                    };
                }
            };
            return new CausalOrdering.Line(nodes[i], clock);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** A window of the log's bytes, read from the file as the engine reaches lines (mostly in file order). */
    private static final class Window {
        private final Path file;
        byte[] buf = new byte[1 << 16];
        private long from = -1;
        private int filled;

        Window(Path file) {
            this.file = file;
        }

        /** Where in {@link #buf} the bytes [offset, offset + length) of the file are, reading them if need be. */
        int at(long offset, int length) throws IOException {
            if (from >= 0 && offset >= from && offset + length <= from + filled) return (int) (offset - from);
            if (length > buf.length) buf = new byte[Math.max(length, 2 * buf.length)];
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf);
                from = offset;
                filled = 0;
                while (bb.hasRemaining()) {
                    int r = ch.read(bb, offset + bb.position());
                    if (r < 0) break;
                }
                filled = bb.position();
            }
            if (filled < length) throw new IOException("the file is shorter than when it was opened");
            return 0;
        }
    }
}
