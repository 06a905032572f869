package dev.tlaconform.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an NDJSON file as JSON trees, read as bytes: a line is cut at '\n' (a trailing '\r'
 * dropped) and parsed by Jackson's streaming byte parser straight into a tree, without the
 * String per line and the data-binding layer of {@code ObjectMapper.readTree(String)} (a third of
 * the fast engine's time went there); lines that repeat parts of earlier ones go through
 * {@link SpanTrees} first. Same trees as readTree: objects (last duplicate key wins),
 * arrays, int/long/big integers, doubles, strings, booleans, null; trailing content after the
 * value is an error. Not thread-safe.
 */
final class NdjsonLines implements Closeable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final InputStream in;
    private final SpanTrees spans = new SpanTrees();
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    /** The file offset of buf[0]. */
    private long base;
    /** The current line: buf[lineStart, lineEnd). */
    private int lineStart;
    private int lineEnd;

    NdjsonLines(InputStream in) {
        this.in = in;
    }

    /** The lines of a file; a missing or unreadable file is bad input naming it. */
    static NdjsonLines open(java.nio.file.Path file) throws BadTraceException {
        try {
            return new NdjsonLines(java.nio.file.Files.newInputStream(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadTraceException(file, 0, "no such file");
        } catch (IOException e) {
            throw new BadTraceException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    take(i, i + 1);
                    return true;
                }
            }
            if (eof) {
                if (start == end) return false;
                take(end, end); // last line without '\n'
                return true;
            }
            fill();
        }
    }

    private void take(int lineStop, int nextStart) {
        lineStart = start;
        lineEnd = lineStop > start && buf[lineStop - 1] == '\r' ? lineStop - 1 : lineStop;
        start = nextStart;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            base += start;
            end -= start;
            start = 0;
        }
        if (end == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) eof = true;
        else end += n;
    }

    /** True when the current line is empty or only whitespace. */
    boolean blank() {
        for (int i = lineStart; i < lineEnd; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) return false;
        }
        return true;
    }

    /** The file offset of the current line's first byte. */
    long lineOffset() {
        return base + lineStart;
    }

    /** The current line's length in bytes (without its '\n' or "\r\n"). */
    int lineLength() {
        return lineEnd - lineStart;
    }

    /** A copy of the current line's bytes (to parse again later with {@link #parse(byte[], int, int)}). */
    byte[] lineBytes() {
        return Arrays.copyOfRange(buf, lineStart, lineEnd);
    }

    /** The current line parsed as one JSON value. */
    JsonNode parse() throws IOException {
        try {
            JsonNode n = spans.line(buf, lineStart, lineEnd);
            if (n != null) return n;
        } catch (JsonProcessingException e) {
            // a malformed part: the whole line's parse below reports it as Jackson words it
        }
        return parse(buf, lineStart, lineEnd - lineStart);
    }

    /**
     * The current line checked as one JSON value as {@link #parse()} checks it, but built into a
     * tree only along {@code paths} (dotted paths, {@link TraceReader#field}; a prefix of a path is
     * followed, a path's own value is built whole): every other member is skipped without decoding
     * its strings or building its nodes. {@code TraceReader.field} on the result gives what it gives
     * on the whole tree for those paths. Null when the line is not an object (the caller parses it
     * whole for its message).
     */
    JsonNode parseOnly(PathTrie paths) throws IOException {
        try (JsonParser p = FACTORY.createParser(buf, lineStart, lineEnd - lineStart)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new com.fasterxml.jackson.core.JsonParseException(p, "No content to map due to end-of-input");
            JsonNode n = t == JsonToken.START_OBJECT ? only(p, paths) : value(p, t);
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "Trailing token (of type " + p.currentToken()
                        + ") found after value");
            }
            return n;
        }
    }

    /** The object at the parser (after its START_OBJECT), built along the trie's paths only. */
    private static ObjectNode only(JsonParser p, PathTrie paths) throws IOException {
        ObjectNode o = F.objectNode();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            PathTrie sub = paths.child(name);
            if (sub == null) {
                if (t == null) throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected end-of-input");
                p.skipChildren();
            } else if (sub.whole() || t != JsonToken.START_OBJECT) {
                o.set(name, value(p, t));
            } else {
                o.set(name, only(p, sub));
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected token");
        return o;
    }

    /** A set of dotted paths as a trie of member names. */
    static final class PathTrie {
        private final java.util.Map<String, PathTrie> children = new java.util.HashMap<>();
        private boolean whole;

        /** The trie of these paths (nulls ignored). */
        static PathTrie of(Iterable<String> paths) {
            PathTrie root = new PathTrie();
            for (String path : paths) {
                if (path == null) continue;
                PathTrie t = root;
                for (String part : path.split("\\.", -1)) t = t.children.computeIfAbsent(part, k -> new PathTrie());
                t.whole = true;
            }
            return root;
        }

        PathTrie child(String name) {
            return children.get(name);
        }

        /** True when a path ends here: its value is built whole. */
        boolean whole() {
            return whole;
        }
    }

    /** b[off, off + len) parsed as one JSON value. */
    static JsonNode parse(byte[] b, int off, int len) throws IOException {
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new com.fasterxml.jackson.core.JsonParseException(p, "No content to map due to end-of-input");
            JsonNode n = value(p, t);
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "Trailing token (of type " + p.currentToken()
                        + ") found after value");
            }
            return n;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = F.objectNode();
                String name;
                while ((name = p.nextFieldName()) != null) o.set(name, value(p, p.nextToken()));
                if (p.currentToken() != JsonToken.END_OBJECT) throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected token");
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = F.arrayNode();
                JsonToken x;
                while ((x = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (x == null) throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected end-of-input in an array");
                    a.add(value(p, x));
                }
                return a;
            }
            case VALUE_STRING:
                return F.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return F.numberNode(p.getIntValue());
                    case LONG: return F.numberNode(p.getLongValue());
                    default: return F.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return F.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return F.booleanNode(true);
            case VALUE_FALSE:
                return F.booleanNode(false);
            case VALUE_NULL:
                return F.nullNode();
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected token " + t);
        }
    }

    static String message(JsonProcessingException e) {
        return e.getOriginalMessage();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
