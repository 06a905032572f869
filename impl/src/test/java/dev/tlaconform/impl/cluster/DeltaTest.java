package dev.tlaconform.impl.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.multipaxos.MultiPaxosDurable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** WAL deltas: every delta rebuilds the new bytes exactly; a shifted insertion costs little; a damaged delta is refused. */
class DeltaTest {
    @Test
    void randomEditsRoundTrip() throws IOException {
        Random r = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            byte[] old = new byte[r.nextInt(3000)];
            for (int i = 0; i < old.length; i++) old[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt() : i % 7);
            byte[] cur = old.clone();
            for (int e = r.nextInt(6); e > 0; e--) {
                int at = cur.length == 0 ? 0 : r.nextInt(cur.length);
                switch (r.nextInt(3)) {
                    case 0 -> { // overwrite
                        if (cur.length > 0) cur[at] = (byte) r.nextInt();
                    }
                    case 1 -> { // insert
                        byte[] ins = new byte[1 + r.nextInt(40)];
                        r.nextBytes(ins);
                        byte[] n = new byte[cur.length + ins.length];
                        System.arraycopy(cur, 0, n, 0, at);
                        System.arraycopy(ins, 0, n, at, ins.length);
                        System.arraycopy(cur, at, n, at + ins.length, cur.length - at);
                        cur = n;
                    }
                    default -> { // delete
                        int len = Math.min(cur.length - at, r.nextInt(40));
                        byte[] n = new byte[cur.length - len];
                        System.arraycopy(cur, 0, n, 0, at);
                        System.arraycopy(cur, at + len, n, at, cur.length - at - len);
                        cur = n;
                    }
                }
            }
            assertArrayEquals(cur, Delta.apply(old, Delta.diff(old, cur)), "trial " + trial);
        }
        assertArrayEquals(new byte[0], Delta.apply(new byte[] {1, 2}, Delta.diff(new byte[] {1, 2}, new byte[0])));
    }

    @Test
    void aVoteInALongLogCostsBytesNotTheLog() throws IOException {
        int slots = 20_000;
        int[] bal = new int[slots];
        String[] val = new String[slots];
        Arrays.fill(bal, -1);
        Arrays.fill(val, "");
        for (int s = 0; s < 5000; s++) {
            bal[s] = 4;
            val[s] = "c" + (s + 1);
        }
        byte[] before = Codec.encode(new MultiPaxosDurable(4, bal, val, 4));
        for (int s = 5000; s < 5016; s++) { // one batch: 16 more votes, each value longer than the empty one it replaces
            bal[s] = 4;
            val[s] = "c" + (s + 1);
        }
        byte[] after = Codec.encode(new MultiPaxosDurable(4, bal, val, 4));
        byte[] d = Delta.diff(before, after);
        assertArrayEquals(after, Delta.apply(before, d));
        assertTrue(after.length > 150_000 && d.length < 4000, "snapshot " + after.length + " bytes, delta " + d.length);
    }

    @Test
    void aDamagedDeltaIsRefused() throws IOException {
        byte[] old = new byte[200];
        for (int i = 0; i < old.length; i++) old[i] = (byte) i;
        byte[] cur = Arrays.copyOf(old, 260);
        byte[] d = Delta.diff(old, cur);
        assertArrayEquals(cur, Delta.apply(old, d));
        assertThrows(IOException.class, () -> Delta.apply(new byte[10], d)); // a copy beyond the old bytes
        assertThrows(IOException.class, () -> Delta.apply(old, Arrays.copyOf(d, d.length - 1))); // cut
        byte[] bad = d.clone();
        bad[0] = 9;
        assertThrows(IOException.class, () -> Delta.apply(old, bad)); // unknown op
    }

    /** A record holding an array the test writes in place, as Zab appends to its history array past a snapshot's length. */
    record Hist(String[] items, int length) {}

    @Test
    void memoEncodingsAreTheSameBytesAndSeeArraysWrittenInPlace() throws IOException {
        Codec.Memo memo = new Codec.Memo();
        String[] items = new String[200];
        Arrays.fill(items, "");
        int[] ballots = new int[100];
        for (int step = 0; step < 50; step++) {
            items[step] = "v" + step; // in place, past the old length
            if (step % 7 == 0) ballots = ballots.clone(); // copy-on-write, as the cores' chunks
            ballots[step % 100] = step;
            Object snap = java.util.List.of(new Hist(items, step + 1), ballots, "tail");
            byte[] withMemo = Codec.encode(snap, memo);
            assertArrayEquals(Codec.encode(snap), withMemo, "step " + step);
            Hist back = (Hist) ((java.util.List<?>) Codec.decode(withMemo)).get(0);
            assertTrue(back.items()[step].equals("v" + step) && back.length() == step + 1);
        }
        // every step wrote one of items' four segments and ballots: the other three segments were reused
        assertTrue(memo.reused == 49 * 3 && memo.encoded == 4 + 49 + 50, memo.reused + " reused, " + memo.encoded + " encoded");
        Object same = java.util.List.of(new Hist(items, 50), ballots);
        long r0 = memo.reused;
        Codec.encode(same, memo);
        byte[] again = Codec.encode(same, memo);
        assertArrayEquals(Codec.encode(same), again);
        assertEquals(10, memo.reused - r0); // unchanged since step 49, twice: four segments and ballots each time
    }
}
