package dev.tlaconform.impl.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed process's trace segment repaired by its successor: torn line dropped, lines from the WAL appended, end line. */
class SegmentsTest {
    @TempDir
    Path dir;

    static String ev(int seq, int c1, int c2) {
        return "{\"kind\":\"event\",\"seq\":" + seq + ",\"node\":1,\"action\":\"A\",\"state\":{},\"clock\":{\"1\":" + c1 + ",\"2\":" + c2 + "}}";
    }

    private Path segment(String content) throws IOException {
        Path f = Segments.file(dir, 1, 0);
        Files.writeString(f, "{\"kind\":\"header\",\"firstSeq\":1}\n" + content);
        return f;
    }

    @Test
    void aTornLastLineIsDroppedAndTheSegmentEnded() throws IOException {
        Path f = segment(ev(1, 1, 0) + "\n" + ev(2, 2, 3).substring(0, 30));
        Segments.Repaired r = Segments.repair(f, null, 2);
        assertEquals(1, r.lastSeq());
        assertArrayEquals(new int[] {0, 1, 0}, r.lastClock());
        assertEquals(30, r.tornBytes());
        List<String> lines = Files.readAllLines(f);
        assertEquals("{\"kind\":\"end\",\"events\":1,\"crashed\":true}", lines.get(lines.size() - 1));
        assertEquals(3, lines.size());
    }

    @Test
    void linesTheWalHoldsBeyondTheSegmentAreAppended() throws IOException {
        // the step's WAL record was fsync'd with events 2 and 3; the kill came after event 2's line was written
        Path f = segment(ev(1, 1, 0) + "\n" + ev(2, 2, 1) + "\n");
        byte[] wal = (ev(2, 2, 1) + "\n" + ev(3, 3, 1) + "\n").getBytes(StandardCharsets.UTF_8);
        Segments.Repaired r = Segments.repair(f, wal, 2);
        assertEquals(3, r.lastSeq());
        assertEquals(1, r.recoveredLines());
        assertArrayEquals(new int[] {0, 3, 1}, r.lastClock());
        List<String> lines = Files.readAllLines(f);
        assertEquals(ev(3, 3, 1), lines.get(3));
        assertEquals("{\"kind\":\"end\",\"events\":3,\"crashed\":true}", lines.get(4));
    }

    @Test
    void aSegmentThatEndedIsLeftAlone() throws IOException {
        String body = ev(1, 1, 0) + "\n{\"kind\":\"end\",\"events\":1}\n";
        Path f = segment(body);
        Segments.Repaired r = Segments.repair(f, (ev(2, 2, 0) + "\n").getBytes(StandardCharsets.UTF_8), 2);
        assertTrue(r.wasEnded());
        assertEquals(1, r.lastSeq());
        assertEquals("{\"kind\":\"header\",\"firstSeq\":1}\n" + body, Files.readString(f));
    }

    @Test
    void namesParse() {
        assertArrayEquals(new int[] {12, 3}, Segments.parse("n12.s3.ndjson"));
        assertEquals(null, Segments.parse("history.ndjson"));
    }

    @Test
    void aSegmentKilledBeforeItsHeaderIsDropped() throws IOException {
        Files.writeString(Segments.file(dir, 2, 0), "{\"kind\":\"header\"}\n{\"kind\":\"end\",\"events\":0}\n");
        Files.writeString(Segments.file(dir, 2, 1), "{\"kind\":\"hea");
        assertTrue(Segments.dropUnstarted(dir, 2));
        assertEquals(1, Segments.of(dir, 2).size());
        assertTrue(!Segments.dropUnstarted(dir, 2), "a started segment stays");
    }

    @Test
    void anIncarnationKilledBeforeItsFirstEventPassesTheClockOn() throws IOException {
        // segment 0: two events; segment 1: its process was killed after the header, before any event
        Files.writeString(Segments.file(dir, 1, 0), "{\"kind\":\"header\",\"firstSeq\":1}\n" + ev(1, 1, 0) + "\n" + ev(2, 2, 5)
                + "\n{\"kind\":\"end\",\"events\":2,\"crashed\":true}\n");
        Path s1 = Segments.file(dir, 1, 1);
        Files.writeString(s1, "{\"kind\":\"header\",\"firstSeq\":3}\n");
        Segments.Repaired r = Segments.repair(s1, null, 2);
        assertEquals(2, r.lastSeq());
        assertEquals(null, r.lastClock());
        assertArrayEquals(new int[] {0, 2, 5}, Segments.lastClockBefore(dir, 1, 1, 2));
        assertEquals(null, Segments.lastClockBefore(dir, 1, 0, 2));
    }
}
