package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A shorter road to the trees Jackson builds for a trace line, for lines that repeat themselves. A
 * fully logged event logs its node's whole state, and from one event to the next most of it is
 * byte for byte what an earlier event logged ({@code "aVotes":[...]} of a node that did not vote).
 * Here the line's object and the objects it holds ({@code state}, {@code msg}) are taken apart by
 * a scan that only finds where each member's value begins and ends; each container value inside
 * those (an array or object two levels down) is looked up by its bytes among those already parsed,
 * and parsed by Jackson only when new; plain strings, integers, true, false and null are read
 * directly; anything else (escapes, non-ASCII text, fractions, exponents, big numbers) is parsed
 * by Jackson. Equal bytes give equal trees, so a looked-up tree is the one Jackson would build;
 * the engine also gets the same tree object for the same bytes, and compares it with a spec value
 * once ({@code Step}). Trees are shared and must not be modified.
 *
 * <p>Returns null (the caller parses the line with Jackson as a whole) for anything it does not
 * take apart itself: another top-level value, unusual keys, malformed structure. A Jackson error
 * in a part is the caller's cue to do the same, so errors read as for the whole line. Not
 * thread-safe (one per reader).
 */
final class SpanTrees {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_CACHED = 4096;

    private final Map<Span, JsonNode> parsed = new HashMap<>();
    private final Span probe = new Span(null, 0, 0);
    private final Map<Span, String> keys = new HashMap<>();
    private byte[] buf;
    private int end;
    private int pos;
    /**
     * By member position in the line (the n-th key met): the previous line's key and short scalar
     * value there, as bytes and as parsed. Lines of one trace mostly share their layout, so a key
     * or value is usually recognised by one short comparison instead of a hash lookup.
     */
    private static final int SLOTS = 256;
    private static final int SHORT = 24;
    private final byte[][] slotKey = new byte[SLOTS][];
    private final String[] slotKeyString = new String[SLOTS];
    private final byte[][] slotValue = new byte[SLOTS][];
    private final JsonNode[] slotNode = new JsonNode[SLOTS];
    private int member;

    /** The tree of the object in b[from, to), or null when Jackson should parse the line. */
    JsonNode line(byte[] b, int from, int to) throws IOException {
        buf = b;
        end = to;
        pos = ws(from);
        member = 0;
        if (pos >= end || buf[pos] != '{') return null;
        ObjectNode o = object(0);
        if (o == null || ws(pos) != end) return null;
        return o;
    }

    /** The object at pos (depth 0: the line's; 1: a member of it), pos moved past it; or null. */
    private ObjectNode object(int depth) throws IOException {
        ObjectNode o = F.objectNode();
        int i = ws(pos + 1);
        if (i < end && buf[i] == '}') {
            pos = i + 1;
            return o;
        }
        while (true) {
            if (i >= end || buf[i] != '"') return null;
            int ks = i + 1;
            int ke = ks;
            while (ke < end && buf[ke] != '"') {
                byte c = buf[ke];
                if (c == '\\' || c < 0x20) return null; // escapes, control bytes, non-ASCII (negative): Jackson
                ke++;
            }
            if (ke >= end) return null;
            int slot = member++;
            String key;
            if (slot < SLOTS && same(slotKey[slot], ks, ke)) {
                key = slotKeyString[slot];
            } else {
                key = key(ks, ke);
                if (slot < SLOTS) {
                    slotKey[slot] = Arrays.copyOfRange(buf, ks, ke);
                    slotKeyString[slot] = key;
                }
            }
            i = ws(ke + 1);
            if (i >= end || buf[i] != ':') return null;
            i = ws(i + 1);
            int ve = skip(i);
            if (ve < 0) return null;
            JsonNode v;
            byte c = buf[i];
            if (c == '{' && depth == 0) {
                pos = i;
                v = object(1);
                if (v == null || pos != ve) return null;
            } else if (c == '{' || c == '[') {
                v = depth == 0 ? jackson(i, ve) : cached(i, ve);
            } else if (slot < SLOTS && ve - i <= SHORT) {
                if (same(slotValue[slot], i, ve)) {
                    v = slotNode[slot];
                } else {
                    v = scalar(i, ve);
                    slotValue[slot] = Arrays.copyOfRange(buf, i, ve);
                    slotNode[slot] = v;
                }
            } else {
                v = scalar(i, ve);
            }
            o.set(key, v);
            i = ws(ve);
            if (i < end && buf[i] == ',') {
                i = ws(i + 1);
                continue;
            }
            if (i < end && buf[i] == '}') {
                pos = i + 1;
                return o;
            }
            return null;
        }
    }

    /** buf[s, e) holds the bytes of b (b may be null: no). */
    private boolean same(byte[] b, int s, int e) {
        return b != null && Arrays.equals(b, 0, b.length, buf, s, e);
    }

    private String key(int s, int e) {
        probe.set(buf, s, e);
        String k = keys.get(probe);
        if (k == null) {
            k = new String(buf, s, e - s, StandardCharsets.ISO_8859_1); // ASCII, checked by the caller
            if (keys.size() < MAX_CACHED) keys.put(probe.copy(), k);
        }
        return k;
    }

    /** A container value: the tree parsed earlier from the same bytes, else Jackson's. */
    private JsonNode cached(int s, int e) throws IOException {
        probe.set(buf, s, e);
        JsonNode n = parsed.get(probe);
        if (n != null) return n;
        n = jackson(s, e);
        if (parsed.size() >= MAX_CACHED) parsed.clear();
        parsed.put(probe.copy(), n);
        return n;
    }

    private JsonNode scalar(int s, int e) throws IOException {
        byte c = buf[s];
        if (c == '"') {
            for (int i = s + 1; i < e - 1; i++) {
                byte b = buf[i];
                if (b == '\\' || b < 0x20) return jackson(s, e);
            }
            return F.textNode(new String(buf, s + 1, e - s - 2, StandardCharsets.ISO_8859_1));
        }
        if (is(s, e, "true")) return BooleanNode.TRUE;
        if (is(s, e, "false")) return BooleanNode.FALSE;
        if (is(s, e, "null")) return NullNode.instance;
        int i = c == '-' ? s + 1 : s;
        int digits = e - i;
        if (digits < 1 || digits > 18 || (buf[i] == '0' && digits > 1)) return jackson(s, e);
        long v = 0;
        for (int k = i; k < e; k++) {
            byte d = buf[k];
            if (d < '0' || d > '9') return jackson(s, e);
            v = v * 10 + (d - '0');
        }
        if (c == '-') v = -v;
        return v == (int) v ? F.numberNode((int) v) : F.numberNode(v);
    }

    private boolean is(int s, int e, String word) {
        if (e - s != word.length()) return false;
        for (int i = 0; i < word.length(); i++) if (buf[s + i] != word.charAt(i)) return false;
        return true;
    }

    private JsonNode jackson(int s, int e) throws IOException {
        return NdjsonLines.parse(buf, s, e - s);
    }

    /** Index just past the JSON value starting at i (its extent only, not its validity), or -1. */
    private int skip(int i) {
        if (i >= end) return -1;
        byte c = buf[i];
        if (c == '"') return stringEnd(i);
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int k = i; k < end; k++) {
                byte b = buf[k];
                if (b == '"') {
                    k = stringEnd(k) - 1;
                    if (k < 0) return -1;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    if (--depth == 0) return k + 1;
                }
            }
            return -1;
        }
        int k = i;
        while (k < end) {
            byte b = buf[k];
            if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\r' || b == '\n') break;
            k++;
        }
        return k == i ? -1 : k;
    }

    /** Index just past the string whose opening quote is at i, or -1. */
    private int stringEnd(int i) {
        for (int k = i + 1; k < end; k++) {
            byte b = buf[k];
            if (b == '\\') k++;
            else if (b == '"') return k + 1;
        }
        return -1;
    }

    private int ws(int i) {
        while (i < end) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') break;
            i++;
        }
        return i;
    }

    /** Bytes as a map key: a view of a buffer range (the probe) or a copy. */
    private static final class Span {
        byte[] b;
        int s;
        int e;
        int hash;

        Span(byte[] b, int s, int e) {
            set(b, s, e);
        }

        void set(byte[] b, int s, int e) {
            this.b = b;
            this.s = s;
            this.e = e;
            int h = 1;
            if (b != null) for (int i = s; i < e; i++) h = 31 * h + b[i];
            hash = h;
        }

        Span copy() {
            return new Span(Arrays.copyOfRange(b, s, e), 0, e - s);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Span)) return false;
            Span x = (Span) o;
            return hash == x.hash && Arrays.equals(b, s, e, x.b, x.s, x.e);
        }
    }
}
