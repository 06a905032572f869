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

    @Test
    void malformedLinesAreErrors() throws Exception {
        for (String bad : new String[] {"{\"a\":1", "{\"a\":1} x", "{\"a\":1}}", "[1,2", "{a:1}", "\"unterminated"}) {
            try (NdjsonLines r = of(bad + "\n")) {
                assertTrue(r.next());
                assertThrows(JsonProcessingException.class, r::parse, bad);
            }
        }
    }
}
