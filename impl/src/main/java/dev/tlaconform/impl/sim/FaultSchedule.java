package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.RandomSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A fault plan made concrete for one run by the fault RNG: when each partition starts and heals
 * (and which links it cuts), which nodes crash and when, which of them restart and when. Every
 * scheduled fault lies in [0, window); the run is stable from {@link #stableAt()} on.
 */
final class FaultSchedule {
    /** One scheduled fault; for partitions {@code blocked[k]} = mask of nodes k's messages cannot reach. */
    record Entry(long time, String fault, int node, long[] blocked) {}

    final List<Entry> entries = new ArrayList<>();
    final long gst;
    final int crashStops;
    final int restartNodes;
    private long stableAt;
    private long lastFault;

    FaultSchedule(SimConfig c, RandomSource r) {
        long d = c.deltaTicks();
        int n = c.nodes();
        if (c.model() == SystemModel.PARTIAL) {
            gst = c.gstTicks() >= 0 ? c.gstTicks() : r.nextLong(20 * d, 100 * d);
        } else {
            gst = c.model() == SystemModel.SYNC ? 0 : -1;
        }
        long window = Math.max(c.model() == SystemModel.PARTIAL ? gst : 60 * d, 20 * d);
        stableAt = Math.max(gst, 0);

        FaultPlan p = c.faults();
        int episodes = p.partitions() + p.oneWay();
        if (n >= 2 && episodes > 0) {
            long slot = Math.max(2, window / episodes);
            for (int i = 0; i < episodes; i++) {
                long start = i * slot + r.nextLong(slot / 2 + 1);
                long end = Math.min(start + Math.max(1, slot / 4 + r.nextLong(slot / 4 + 1)), (i + 1) * slot);
                long side = splitSide(n, r);
                long[] blocked = new long[n + 1];
                for (int k = 1; k <= n; k++) {
                    boolean inA = (side & (1L << k)) != 0;
                    long other = allNodes(n) & ~side;
                    if (inA) {
                        blocked[k] = other;
                    } else if (i < p.partitions()) {
                        blocked[k] = side; // symmetric: B cannot reach A either
                    }
                }
                entries.add(new Entry(start, i < p.partitions() ? "partition" : "oneway", 0, blocked));
                entries.add(new Entry(end, "heal", 0, null));
                stableAt = Math.max(stableAt, end);
            }
        }

        int f = Math.max(0, c.faulty() - c.byzantine()); // PBFT: Byzantine replicas use up part of f
        int[] counts = p.crashCounts(f);
        int stops;
        int restarts;
        if (counts[0] == -2) {
            stops = 0;
            restarts = 0;
            for (int i = 0; i < counts[1]; i++) {
                if (r.chance(0.5)) {
                    stops++;
                } else {
                    restarts++;
                }
            }
        } else {
            stops = counts[0];
            restarts = counts[1];
        }
        stops = Math.min(stops, n);
        restarts = Math.min(restarts, n - stops);
        int[] order = shuffledNodes(n, r);
        for (int i = 0; i < stops; i++) {
            entries.add(new Entry(r.nextLong(window), "crash", order[i], null));
        }
        for (int i = stops; i < stops + restarts; i++) {
            int cycles = 1 + r.nextInt(3);
            long slice = Math.max(4, window / cycles);
            for (int j = 0; j < cycles; j++) {
                long down = j * slice + r.nextLong(slice / 2);
                long up = down + 1 + r.nextLong(Math.max(1, slice / 2 - 1));
                entries.add(new Entry(down, "crash", order[i], null));
                entries.add(new Entry(up, "restart", order[i], null));
                stableAt = Math.max(stableAt, up);
            }
        }
        crashStops = stops;
        restartNodes = restarts;
        entries.sort((a, b) -> Long.compare(a.time, b.time)); // stable: ties keep generation order
        lastFault = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).time;
    }

    /** When the last scheduled fault (or heal, or restart) happens. */
    long lastFault() {
        return lastFault;
    }

    /** When the last scheduled partition heals and the last restart happens (and GST has passed). */
    long stableAt() {
        return stableAt;
    }

    private static long allNodes(int n) {
        long m = 0;
        for (int k = 1; k <= n; k++) {
            m |= 1L << k;
        }
        return m;
    }

    /** A random non-empty proper subset of the nodes (side A of a partition). */
    private static long splitSide(int n, RandomSource r) {
        int[] order = shuffledNodes(n, r);
        int size = 1 + r.nextInt(n - 1);
        long m = 0;
        for (int i = 0; i < size; i++) {
            m |= 1L << order[i];
        }
        return m;
    }

    static int[] shuffledNodes(int n, RandomSource r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** The header's {@code faults} object: the plan, its rates, and this concrete schedule. */
    void writeJson(JsonOut out, SimConfig c) {
        FaultPlan p = c.faults();
        out.beginObject().field("plan", p.name())
                .name("drop").value(p.drop()).name("dup").value(p.dup()).name("delay").value(p.delay())
                .field("f", c.faulty()).name("schedule").beginArray();
        for (Entry e : entries) {
            out.beginObject().field("t", e.time).field("fault", e.fault);
            if (e.node > 0) {
                out.field("node", e.node);
            }
            if (e.blocked != null) {
                out.name("cut").beginArray();
                for (int k = 1; k < e.blocked.length; k++) {
                    for (int j = 1; j < e.blocked.length; j++) {
                        if ((e.blocked[k] & (1L << j)) != 0) {
                            out.beginArray().value(k).value(j).endArray();
                        }
                    }
                }
                out.endArray();
            }
            out.endObject();
        }
        out.endArray().endObject();
    }
}
