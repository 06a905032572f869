package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte-level NDJSON reader gives the trees ObjectMapper.readTree gives, line by line. */
class NdjsonLinesTest {
    static NdjsonLines of(String text) {
        return new NdjsonLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sameTreesAsReadTreeAcrossLineEndingsAndBufferBoundaries() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"kind\":\"event\",\"seq\":1,\"n\":-7,\"big\":12345678901234567890,\"l\":9876543210,\"f\":1.5e3}");
        lines.add("{\"s\":\"caf\\u00e9 \u00fc\u4e2d\u6587 \\\"q\\\" \\n\",\"a\":[1,[2,{\"x\":null}],true,false],\"o\":{}}");
        lines.add("{\"dup\":1,\"dup\":2}");
        lines.add("{\"long\":\"" + "y".repeat(200_000) + "\"}"); // longer than the 64 KiB buffer
        lines.add("  [ 1 , 2 ]  ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) text.append(lines.get(i)).append(i % 2 == 0 ? "\r\n" : "\n");
        text.append("\n   \n").append("{\"last\":\"no newline\"}");
        ObjectMapper m = new ObjectMapper();
        try (NdjsonLines r = of(text.toString())) {
            for (String l : lines) {
                assertTrue(r.next());
                assertFalse(r.blank());
                assertEquals(m.readTree(l), r.parse(), l.length() > 100 ? l.substring(0, 100) : l);
            }
            assertTrue(r.next());
            assertTrue(r.blank());
            assertTrue(r.next());
            assertTrue(r.blank());
            assertTrue(r.next());
            assertEquals(m.readTree("{\"last\":\"no newline\"}"), r.parse());
            assertFalse(r.next());
        }
    }

    /** A random JSON value: the kinds trace lines hold, and the ones SpanTrees leaves to Jackson. */
    private static String value(java.util.Random r, int depth) {
        int k = r.nextInt(depth > 3 ? 7 : 10);
        switch (k) {
            case 0: return Integer.toString(r.nextInt(2000) - 1000);
            case 1: return Long.toString(r.nextLong());
            case 2: return new String[] {"\"plain\"", "\"\"", "\"caf\u00e9\"", "\"tab\\t q\\\" \\u00e9\"",
                    "\"ü中\"", "\"a}b]c,d\""}[r.nextInt(6)];
            case 3: return new String[] {"true", "false", "null"}[r.nextInt(3)];
            case 4: return new String[] {"1.5", "-0.25e3", "12345678901234567890", "-0", "0", "1E2"}[r.nextInt(6)];
            case 5: return "-" + r.nextInt(100000);
            case 6: return Integer.toString(r.nextInt(3));
            case 7: case 8: {
                StringBuilder b = new StringBuilder("{");
                for (int i = r.nextInt(4); i > 0; i--) {
                    b.append('"').append(new String[] {"a", "b", "mbal", "k\\u0041", "é"}[r.nextInt(5)]).append("\" : ")
                            .append(value(r, depth + 1)).append(i > 1 ? " ," : "");
                }
                return b.append('}').toString();
            }
            default: {
                StringBuilder b = new StringBuilder("[");
                for (int i = r.nextInt(4); i > 0; i--) b.append(value(r, depth + 1)).append(i > 1 ? "," : "");
                return b.append(']').toString();
            }
        }
    }

    @Test
    void repeatedPartsGiveTheSameTreesAsReadTree() throws Exception {
        java.util.Random r = new java.util.Random(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 40; i++) parts.add(value(r, 2));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder("{\"kind\":\"event\",\"seq\":").append(i).append(",\"state\":{");
            for (int j = r.nextInt(5); j > 0; j--) {
                b.append("\"s").append(r.nextInt(4)).append("\":").append(parts.get(r.nextInt(parts.size()))).append(j > 1 ? "," : "");
            }
            b.append("},\"msg\":").append(r.nextInt(4) == 0 ? value(r, 1) : "{\"v\":" + parts.get(r.nextInt(parts.size())) + "}");
            lines.add(b.append("}").toString());
        }
        ObjectMapper m = new ObjectMapper();
        try (NdjsonLines in = of(String.join("\n", lines) + "\n")) {
            for (String l : lines) {
                assertTrue(in.next());
                assertEquals(m.readTree(l), in.parse(), l);
            }
        }
        // the same bytes two levels down: the same tree object
        String part = "[{\"mbal\":-1,\"mval\":\"\"},{\"mbal\":2,\"mval\":\"c1\"}]";
        try (NdjsonLines in = of("{\"state\":{\"a\":" + part + "}}\n{\"seq\":2,\"state\":{\"b\":" + part + "}}\n")) {
            assertTrue(in.next());
            com.fasterxml.jackson.databind.JsonNode first = in.parse().get("state").get("a");
            assertTrue(in.next());
            org.junit.jupiter.api.Assertions.assertSame(first, in.parse().get("state").get("b"));
        }
    }

    @Test
    void malformedLinesAreErrors() throws Exception {
        for (String bad : new String[] {"{\"a\":1", "{\"a\":1} x", "{\"a\":1}}", "[1,2", "{a:1}", "\"unterminated",
            "{\"s\":{\"a\":[1,2}}", "{\"s\":{\"a\":tru}}", "{\"s\":{\"a\":01}}", "{\"s\":{\"a\":\"x\u0001\"}}",
            "{\"s\":{\"a\":-}}", "{\"s\":{\"a\":{\"b\":}}}", "{\"s\":{\"a\":1,}}", "{\"s\":{\"a\" 1}}"}) {
            try (NdjsonLines r = of(bad + "\n")) {
                assertTrue(r.next());
                assertThrows(JsonProcessingException.class, r::parse, bad);
            }
        }
    }

    /** The first read of a foreign line: the same values as the whole tree along the paths, and the same lines rejected. */
    @Test
    void parseOnlyAgreesWithTheWholeTreeAlongItsPaths() throws Exception {
        java.util.Random r = new java.util.Random(5);
        List<String> paths = List.of("a", "b.mbal", "b.a.b", "k\u0041", "mbal.a");
        NdjsonLines.PathTrie trie = NdjsonLines.PathTrie.of(paths);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) lines.add(value(r, 0).startsWith("{") ? value(r, 0) : "{\"b\":" + value(r, 1) + ",\"a\":1,\"b\":{\"a\":[]}}");
        lines.add("{\"b\":{\"mbal\":1},\"b\":2}");   // a later duplicate wins, as in the whole tree
        lines.add("{\"b\":2,\"b\":{\"mbal\":3}}");
        lines.add("[1,{\"a\":2}]");
        ObjectMapper m = new ObjectMapper();
        int objects = 0;
        try (NdjsonLines in = of(String.join("\n", lines) + "\n")) {
            for (String l : lines) {
                assertTrue(in.next());
                com.fasterxml.jackson.databind.JsonNode whole = m.readTree(l);
                com.fasterxml.jackson.databind.JsonNode part = in.parseOnly(trie);
                assertEquals(whole.isObject(), part.isObject(), l);
                if (!whole.isObject()) continue;
                objects++;
                for (String path : paths) assertEquals(TraceReader.field(whole, path), TraceReader.field(part, path), path + " in " + l);
            }
        }
        assertTrue(objects > 1000, "objects " + objects);
        for (String bad : new String[] {"{\"a\":1", "{\"a\":1} x", "{\"a\":1}}", "{a:1}", "{\"s\":{\"a\":[1,2}}",
            "{\"s\":{\"a\":tru}}", "{\"s\":{\"a\":01}}", "{\"s\":{\"a\":\"x\u0001\"}}", "{\"s\":\"bad \\q escape\"}",
            "{\"s\":{\"a\":-}}", "{\"s\":{\"a\":{\"b\":}}}", "{\"s\":{\"a\":1,}}", "{\"s\":{\"a\" 1}}"}) {
            try (NdjsonLines in = of(bad + "\n")) {
                assertTrue(in.next());
                assertThrows(JsonProcessingException.class, () -> in.parseOnly(trie), bad);
            }
        }
    }
}
