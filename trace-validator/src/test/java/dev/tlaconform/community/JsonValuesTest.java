package dev.tlaconform.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlc2.tool.EvalException;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/** Reading NDJSON logs into TLC values: what each JSON construct becomes, and bad lines named by file:line. */
class JsonValuesTest {
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void captureNotes() {
        Notes.install(notes::add, s -> {});
    }

    @AfterEach
    void restoreNotes() {
        Notes.install(s -> System.err.println("tlaconform: " + s), s -> util.ToolIO.out.println(s));
    }

    private static Path file(Path dir, String text) throws Exception {
        Path f = dir.resolve("log.ndjson");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void linesBecomeRecordsSequencesIntegersStringsAndBooleansRememberingTheirLines(@TempDir Path dir) throws Exception {
        Path f = file(dir, "{\"N\":3}\n\n{\"event\":\"<\",\"pkt\":{\"vc\":{\"0\":1},\"xs\":[1,\"a\",true]},\"ok\":false}\n");
        TupleValue t = JsonValues.readLines(f.toString());
        assertEquals(2, t.elems.length, "the blank line is skipped");
        RecordValue second = (RecordValue) t.elems[1];
        assertEquals(new StringValue("<"), second.select(new StringValue("event")));
        RecordValue pkt = (RecordValue) second.select(new StringValue("pkt"));
        RecordValue vc = (RecordValue) pkt.select(new StringValue("vc"));
        assertEquals(IntValue.gen(1), vc.select(new StringValue("0")), "keys are strings, also \"0\"");
        assertEquals(new TupleValue(new Value[] {IntValue.gen(1), new StringValue("a"), BoolValue.ValTrue}),
                pkt.select(new StringValue("xs")));
        assertEquals(List.of(new LogOrigins.Origin(f.toString(), 3)), LogOrigins.of(second));
        assertEquals(List.of(new LogOrigins.Origin(f.toString(), 1)), LogOrigins.of(t.elems[0]));
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void numbersTLCCannotHoldAreReadAsTheCommunityModuleReadsThemWithANote(@TempDir Path dir) throws Exception {
        Path f = file(dir, "{\"ts\":1712329729.6024537}\n{\"big\":1099511627777}\n{\"neg\":-2.9}\n");
        TupleValue t = JsonValues.readLines(f.toString());
        assertEquals(IntValue.gen(1712329729), ((RecordValue) t.elems[0]).select(new StringValue("ts")));
        assertEquals(IntValue.gen(1), ((RecordValue) t.elems[1]).select(new StringValue("big")), "2^40 + 1 wrapped to 32 bits");
        assertEquals(IntValue.gen(-2), ((RecordValue) t.elems[2]).select(new StringValue("neg")), "toward zero");
        assertEquals(1, notes.size(), "one note per file: " + notes);
        assertTrue(notes.get(0).startsWith(f + ":1: 1712329729.6024537 is not a 32-bit integer"), notes.get(0));
    }

    @Test
    void aNullMemberIsLeftOutAndARepeatedKeyKeepsItsLastValue(@TempDir Path dir) throws Exception {
        Path f = file(dir, "{\"a\":null,\"b\":1,\"b\":2}\n");
        RecordValue r = (RecordValue) JsonValues.readLines(f.toString()).elems[0];
        assertEquals(1, r.names.length);
        assertEquals(IntValue.gen(2), r.select(new StringValue("b")));
        assertTrue(notes.get(0).contains(":1: \"a\": null"), notes.toString());
    }

    @Test
    void badLinesAreNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path f = file(dir, "{\"a\":1}\n{\"a\":\n");
        EvalException e = assertThrows(EvalException.class, () -> JsonValues.readLines(f.toString()));
        assertTrue(e.getMessage().startsWith(f + ":2: not JSON"), e.getMessage());
        Path g = file(dir, "{\"a\":1}\n[1,null]\n");
        EvalException n = assertThrows(EvalException.class, () -> JsonValues.readLines(g.toString()));
        assertTrue(n.getMessage().startsWith(g + ":2: null is not a TLA+ value"), n.getMessage());
        Path h = file(dir, "{\"a\":1} {\"b\":2}\n");
        EvalException two = assertThrows(EvalException.class, () -> JsonValues.readLines(h.toString()));
        assertTrue(two.getMessage().startsWith(h + ":1: more than one JSON value"), two.getMessage());
        EvalException missing = assertThrows(EvalException.class,
                () -> JsonValues.readLines(dir.resolve("nope.ndjson").toString()));
        assertTrue(missing.getMessage().contains("nope.ndjson: no such file"), missing.getMessage());
    }

    @Test
    void aJsonFilesArrayElementsRememberTheirLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.json");
        Files.writeString(f, "[\n  {\"x\":1},\n  {\"x\":2}\n]\n");
        TupleValue t = (TupleValue) JsonValues.readFile(f.toString());
        assertEquals(List.of(new LogOrigins.Origin(f.toString(), 3)), LogOrigins.of(t.elems[1]));
    }

    @Test
    void writingAndReadingBackGivesTheSameValue(@TempDir Path dir) throws Exception {
        TlaJson.roundTrip(dir, "{\"a\":[1,-2,{\"b\":\"q\\\"uote\"}],\"c\":true,\"d\":{}}");
        TlaJson.roundTrip(dir, "[[],[[]],\"\",0]");
    }

    /** Reads JSON text, writes the value back with ToJson, reads that: the same value. */
    static final class TlaJson {
        static void roundTrip(Path dir, String json) throws Exception {
            Value v = JsonValues.readOne(json, "test", 1);
            Value again = JsonValues.readOne(JsonValues.toJson(v), "test", 1);
            assertEquals(v, again, json + " -> " + JsonValues.toJson(v));
        }
    }
}
