package dev.tlaconform.cli.history;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Histories of a real (atomic) key-value register, for tests and {@code bench linearizable}:
 * {@code clients} concurrent processes, each with one operation open at a time; every operation
 * takes effect at one instant between its invocation and its completion, so every history is
 * linearizable. Write 40 %, read 40 %, cas 20 % (its expected value a recent one, or nil);
 * {@code infoEvery} > 0 makes every such operation time out ({@code info}, taking effect or not).
 * {@code corrupt}: one read in the middle returns a value never written (then no history is
 * linearizable). Deterministic in the seed.
 */
public final class RegisterHistories {
    private RegisterHistories() {}

    public static List<String> generate(long seed, int clients, int ops, int keys, int infoEvery, boolean corrupt) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(2 * ops);
        Long[] reg = new Long[keys];
        int[] stage = new int[clients]; // 0 idle, 1 invoked, 2 took effect
        String[] done = new String[clients];
        String[] f = new String[clients];
        int[] key = new int[clients];
        long[] a = new long[clients];
        Long[] exp = new Long[clients];
        int started = 0;
        int open = 0;
        int reads = 0;
        long next = 1;
        long time = 0;
        int corruptRead = corrupt ? Math.max(1, ops / 5) : -1;
        while (started < ops || open > 0) {
            int c = r.nextInt(clients);
            time++;
            if (stage[c] == 0) {
                if (started >= ops) {
                    continue;
                }
                started++;
                open++;
                key[c] = r.nextInt(keys);
                int d = r.nextInt(10);
                f[c] = d < 4 ? "write" : d < 8 ? "read" : "cas";
                String value;
                if (f[c].equals("write")) {
                    a[c] = next++;
                    value = Long.toString(a[c]);
                } else if (f[c].equals("read")) {
                    value = "null";
                } else {
                    exp[c] = r.nextInt(4) == 0 || next == 1 ? null : Long.valueOf(Math.max(1, next - 1 - r.nextInt(3)));
                    a[c] = next++;
                    value = "[" + exp[c] + "," + a[c] + "]";
                }
                out.add(line(c, "invoke", f[c], key[c], value, time));
                stage[c] = 1;
            } else if (stage[c] == 1) {
                if (infoEvery > 0 && r.nextInt(infoEvery) == 0 && !f[c].equals("read")) {
                    if (r.nextBoolean()) { // a timeout: the effect may happen, the client never knows
                        effect(c, f, key, a, exp, reg);
                    }
                    out.add(line(c, "info", f[c], key[c], f[c].equals("write") ? Long.toString(a[c])
                            : "[" + exp[c] + "," + a[c] + "]", time));
                    stage[c] = 0;
                    open--;
                    continue;
                }
                String result = effect(c, f, key, a, exp, reg);
                if (f[c].equals("read") && reads++ == corruptRead) {
                    result = "-1"; // never written
                }
                done[c] = result;
                stage[c] = 2;
            } else {
                String type = "ok";
                String value = done[c];
                if (f[c].equals("cas")) {
                    type = done[c];
                    value = "[" + exp[c] + "," + a[c] + "]";
                }
                out.add(line(c, type, f[c], key[c], value, time));
                stage[c] = 0;
                open--;
            }
        }
        return out;
    }

    /** Applies client c's operation now; returns a read's value, a cas's "ok"/"fail", a write's value. */
    private static String effect(int c, String[] f, int[] key, long[] a, Long[] exp, Long[] reg) {
        int k = key[c];
        switch (f[c]) {
            case "write":
                reg[k] = a[c];
                return Long.toString(a[c]);
            case "read":
                return String.valueOf(reg[k]);
            default:
                boolean swap = java.util.Objects.equals(reg[k], exp[c]);
                if (swap) {
                    reg[k] = a[c];
                }
                return swap ? "ok" : "fail";
        }
    }

    private static String line(int process, String type, String f, int key, String value, long time) {
        return "{\"process\":" + process + ",\"type\":\"" + type + "\",\"f\":\"" + f + "\",\"key\":\"k" + key
                + "\",\"value\":" + value + ",\"time\":" + time + "}";
    }
}
