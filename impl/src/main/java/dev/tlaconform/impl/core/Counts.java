package dev.tlaconform.impl.core;

import java.util.Arrays;

/**
 * How many times each string is counted, in O(1) a lookup: a protocol core's membership counters
 * (e.g. how many slots decided a command) over logs of 100,000 entries, where a sorted map cost a
 * string comparison per tree level on every step. Open addressing on {@link String#hashCode()},
 * which the language defines, so the table's layout depends only on what was counted. It has no
 * iteration, so no order can leak into a run; what a core must iterate stays in sorted collections.
 */
public final class Counts {
    private String[] keys = new String[16];
    private int[] counts = new int[16];
    /** Entries whose count is not 0. */
    private int size;
    /** Slots holding a key (counted or a tombstone with count 0). */
    private int used;

    /** The count of s (0 when never counted). */
    public int get(String s) {
        int i = find(s);
        return i < 0 ? 0 : counts[i];
    }

    /** Adds d to s's count and returns the new count (which may be negative: the caller's business). */
    public int add(String s, int d) {
        int i = find(s);
        if (i < 0) {
            if (d == 0) {
                return 0;
            }
            if (2 * (used + 1) > keys.length) {
                rehash(2 * (size + 1) > keys.length / 2 ? keys.length * 2 : keys.length);
            }
            i = slot(s);
            keys[i] = s;
            used++;
        }
        int before = counts[i];
        int after = before + d;
        counts[i] = after;
        if (before == 0 && after != 0) {
            size++;
        } else if (before != 0 && after == 0) {
            size--;
        }
        return after;
    }

    /** How many strings have a count other than 0. */
    public int size() {
        return size;
    }

    public void clear() {
        if (used > 0) {
            Arrays.fill(keys, null);
            Arrays.fill(counts, 0);
            size = 0;
            used = 0;
        }
    }

    private int find(String s) {
        int mask = keys.length - 1;
        for (int i = mix(s.hashCode()) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            if (k.equals(s)) {
                return i;
            }
        }
    }

    /** The free slot where s goes (s is absent). */
    private int slot(String s) {
        int mask = keys.length - 1;
        int i = mix(s.hashCode()) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Rebuilds the table with the given capacity, dropping keys whose count is 0. */
    private void rehash(int capacity) {
        String[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new String[capacity];
        counts = new int[capacity];
        used = 0;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null && oldCounts[j] != 0) {
                int i = slot(oldKeys[j]);
                keys[i] = oldKeys[j];
                counts[i] = oldCounts[j];
                used++;
            }
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
