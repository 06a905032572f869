package dev.tlaconform.impl.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log: recovery of the last intact record, torn tails dropped, corruption refused, compaction. */
class WalTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path log(String... records) throws IOException {
        Path f = dir.resolve("wal.log");
        Wal.Recovery r = Wal.recover(f);
        try (Wal w = new Wal(f, true, 1 << 20, r.last())) {
            for (String s : records) w.append(b(s));
        }
        return f;
    }

    @Test
    void recoversTheLastRecord() throws IOException {
        Path f = log("one", "two", "three");
        Wal.Recovery r = Wal.recover(f);
        assertArrayEquals(b("three"), r.last());
        assertEquals(3, r.records());
        assertEquals(0, r.droppedBytes());
    }

    @Test
    void missingFileIsEmpty() throws IOException {
        Wal.Recovery r = Wal.recover(dir.resolve("none"));
        assertNull(r.last());
        assertEquals(0, r.records());
    }

    @Test
    void everyTornTailIsDroppedAndTheFileTruncated() throws IOException {
        Path f = log("one", "two", "three-longer");
        byte[] full = Files.readAllBytes(f);
        int lastStart = full.length - (8 + "three-longer".length());
        for (int cut = lastStart + 1; cut < full.length; cut++) {
            Files.write(f, Arrays.copyOf(full, cut)); // a kill -9 inside the last write, at every byte
            Wal.Recovery r = Wal.recover(f);
            assertArrayEquals(b("two"), r.last(), "cut at " + cut);
            assertEquals(2, r.records());
            assertEquals(cut - lastStart, r.droppedBytes());
            assertEquals(lastStart, Files.size(f), "truncated to the intact prefix");
        }
    }

    @Test
    void aFullLengthLastRecordWithABadCrcIsTornNotRead() throws IOException {
        Path f = log("one", "two");
        byte[] full = Files.readAllBytes(f);
        full[full.length - 1] ^= 0x40; // garbage in the last page: length intact, payload not
        Files.write(f, full);
        Wal.Recovery r = Wal.recover(f);
        assertArrayEquals(b("one"), r.last());
        assertEquals(1, r.records());
    }

    @Test
    void aBadCrcFollowedByMoreRecordsIsCorruption() throws IOException {
        Path f = log("one", "two", "three");
        byte[] full = Files.readAllBytes(f);
        full[8 + 3 + 8] ^= 0x01; // first payload byte of "two"
        Files.write(f, full);
        Wal.CorruptException e = assertThrows(Wal.CorruptException.class, () -> Wal.recover(f));
        assertTrue(e.getMessage().contains("record 2"), e.getMessage());
    }

    @Test
    void aCorruptLengthIsNeverTrustedForAnAllocation() throws IOException {
        Path f = log("one", "two");
        byte[] full = Files.readAllBytes(f);
        full[11] = 0x7f; // the second record's length now claims ~2 GB
        Files.write(f, full);
        Wal.Recovery r = Wal.recover(f);
        assertArrayEquals(b("one"), r.last());
    }

    @Test
    void appendingAfterRecoveryContinuesTheLog() throws IOException {
        Path f = log("one", "two");
        byte[] full = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(full, full.length - 2));
        log("three");
        Wal.Recovery r = Wal.recover(f);
        assertArrayEquals(b("three"), r.last());
        assertEquals(2, r.records());
    }

    @Test
    void compactionKeepsOnlyTheLastRecord() throws IOException {
        Path f = dir.resolve("wal.log");
        try (Wal w = new Wal(f, true, 200, null)) {
            for (int i = 0; i < 50; i++) w.append(b("snapshot-" + i));
            assertTrue(w.compactions() > 0);
            assertTrue(Files.size(f) <= 200 + 8 + 12);
        }
        Wal.Recovery r = Wal.recover(f);
        assertArrayEquals(b("snapshot-49"), r.last());
        assertTrue(r.records() < 50);
        assertTrue(!Files.exists(dir.resolve("wal.log.compact")));
    }

    @Test
    void deltaRecordsAreAllReturnedAndCompactionWritesTheWholeState() throws IOException {
        Path f = dir.resolve("wal-delta.log");
        try (Wal w = new Wal(f, true, 200, null)) {
            w.append(b("whole-0"));
            for (int i = 1; i <= 3; i++) {
                int k = i;
                w.append(b("delta-" + k), () -> b("whole-" + k));
            }
            assertTrue(w.compactions() == 0);
            Wal.Recovery r = Wal.recover(f);
            assertEquals(4, r.payloads().size());
            assertArrayEquals(b("whole-0"), r.payloads().get(0));
            assertArrayEquals(b("delta-3"), r.last());
            for (int i = 4; i < 40; i++) {
                int k = i;
                w.append(b("delta-" + k), () -> b("whole-" + k));
            }
            assertTrue(w.compactions() > 0);
        }
        Wal.Recovery r = Wal.recover(f);
        // after the last compaction: the whole state, then the deltas appended since
        assertTrue(new String(r.payloads().get(0)).startsWith("whole-"), new String(r.payloads().get(0)));
        for (byte[] p : r.payloads().subList(1, r.payloads().size())) assertTrue(new String(p).startsWith("delta-"));
        String last = new String(r.last(), StandardCharsets.UTF_8);
        assertTrue(last.equals("delta-39") || last.equals("whole-39"), last);
    }
}
