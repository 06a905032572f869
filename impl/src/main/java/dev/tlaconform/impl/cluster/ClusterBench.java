package dev.tlaconform.impl.cluster;

import dev.tlaconform.impl.core.Protocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The closed loop of {@code bench cluster} ({@link ClusterRun#bench}) on nodes already connected:
 * which client waits for which value, the acknowledgements so far (a write is acknowledged when
 * some node reports it decided), and the measurement window over them.
 */
final class ClusterBench {
    private final ClusterConfig cfg;
    private final int n;
    private final DriverConn[] conns;
    private final ClusterProcesses procs;
    private final List<String> values;
    private final Map<String, List<Integer>> targets;
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentHashMap<String, long[]> waiting = new ConcurrentHashMap<>();
    /** (ack time, latency) pairs, in nanoseconds. */
    private final long[] acks;
    private int ackCount;
    private volatile boolean running = true;
    private volatile long exhaustedAt = -1;

    /** @param ops the workload: the protocol's client requests, in time order */
    ClusterBench(ClusterConfig cfg, List<Protocol.ClientOp> ops, DriverConn[] conns, ClusterProcesses procs) {
        this.cfg = cfg;
        this.n = cfg.nodes();
        this.conns = conns;
        this.procs = procs;
        this.targets = ClusterRun.targets(ops);
        this.values = new ArrayList<>(targets.keySet());
        this.acks = new long[2 * values.size()];
    }

    /** The next request of a client that just got its answer (or started); false when the values ran out. */
    private boolean issue(long t) {
        int i = next.getAndIncrement();
        if (i >= values.size()) {
            if (exhaustedAt < 0) exhaustedAt = t;
            return false;
        }
        String v = values.get(i);
        waiting.put(v, new long[] {t, t});
        send(v);
        return true;
    }

    private void send(String v) {
        byte[] f = Wire.frame(Wire.REQ, d -> d.writeUTF(v));
        for (int k : targets.get(v)) conns[k].send(f);
    }

    /** A node decided {@code value}: its client is answered and sends its next write. */
    void decided(String value) {
        long[] w = waiting.remove(value);
        if (w == null) return;
        long t = System.nanoTime();
        synchronized (this) {
            acks[2 * ackCount] = t;
            acks[2 * ackCount + 1] = t - w[0];
            ackCount++;
        }
        if (running) issue(t);
    }

    /** No client sends a next write any more. */
    void stop() {
        running = false;
    }

    /** Runs {@code cfg.clients()} closed-loop clients for {@code warmupMs} then {@code measureMs} (or until done). */
    ClusterRun.BenchResult measure(long warmupMs, long measureMs, boolean untilDone) throws Exception {
        long start = System.nanoTime();
        for (int c = 0; c < cfg.clients(); c++) issue(start);
        long from = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        long to = from + TimeUnit.MILLISECONDS.toNanos(measureMs);
        // a request a node could not take (not yet connected, say) is re-sent after a second; re-sending is harmless
        while (System.nanoTime() < to) {
            if (untilDone && exhaustedAt >= 0 && waiting.isEmpty()) break;
            Thread.sleep(50);
            long t = System.nanoTime();
            for (Map.Entry<String, long[]> e : waiting.entrySet()) {
                if (t - e.getValue()[1] > TimeUnit.SECONDS.toNanos(1)) {
                    e.getValue()[1] = t;
                    send(e.getKey());
                }
            }
            for (int k = 1; k <= n; k++) {
                if (!procs.proc(k).isAlive()) throw new IOException("bench: node " + k + " exited during the run (see " + cfg.out().resolve("logs") + ")");
            }
        }
        running = false;
        long[] lat;
        long total;
        synchronized (this) {
            total = ackCount;
            int in = 0;
            lat = new long[ackCount];
            for (int i = 0; i < ackCount; i++) {
                long t = acks[2 * i];
                if (t >= from && t < to) lat[in++] = acks[2 * i + 1];
            }
            lat = Arrays.copyOf(lat, in);
        }
        boolean exhausted = exhaustedAt >= 0 && exhaustedAt < to;
        return new ClusterRun.BenchResult(lat.length, measureMs / 1000.0, lat, exhausted, total, n);
    }
}
