package dev.tlaconform.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Counts against a sorted map doing the same counting, on random adds and removes, with clears. */
class CountsTest {
    @Test
    void agreesWithASortedMapOnRandomCounting() {
        SplittableRandom r = new SplittableRandom(7);
        Counts c = new Counts();
        TreeMap<String, Integer> ref = new TreeMap<>();
        for (int step = 0; step < 200_000; step++) {
            String k = "c" + r.nextInt(step < 100_000 ? 5_000 : 50);
            int op = r.nextInt(100);
            if (op == 0 && step % 1000 == 0) {
                c.clear();
                ref.clear();
                continue;
            }
            int d = op < 55 ? 1 : -1;
            int expected = ref.getOrDefault(k, 0) + d;
            if (expected == 0) {
                ref.remove(k);
            } else {
                ref.put(k, expected);
            }
            assertEquals(expected, c.add(k, d), "count of " + k + " at step " + step);
            String probe = "c" + r.nextInt(6_000);
            assertEquals((int) ref.getOrDefault(probe, 0), c.get(probe), "get " + probe + " at step " + step);
            assertEquals(ref.size(), c.size(), "size at step " + step);
        }
    }

    @Test
    void zeroCountsAreAbsentAndAddingZeroCountsNothing() {
        Counts c = new Counts();
        assertEquals(0, c.get("x"));
        assertEquals(0, c.add("x", 0));
        assertEquals(0, c.size());
        assertEquals(2, c.add("x", 2));
        assertEquals(0, c.add("x", -2));
        assertEquals(0, c.size());
        assertEquals(0, c.get("x"));
        assertEquals(-1, c.add("y", -1));
        assertEquals(1, c.size());
    }
}
