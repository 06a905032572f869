package dev.tlaconform.impl.cluster;

import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.history.HistoryWriter;
import dev.tlaconform.impl.sim.KvClients;
import dev.tlaconform.impl.sim.Protocols;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code tlaconform cluster}: starts N {@link ClusterNode} processes ({@link ClusterProcesses}),
 * drives a client workload, injects the nemesis's faults on a seeded schedule ({@link
 * ClusterNemesis}: kill -9 then restart, SIGSTOP/SIGCONT, symmetric and one-way partitions at the
 * transport layer), heals, waits for progress, stops the nodes, and checks from the client side
 * that no acknowledged write was lost. Every child is reaped on success, failure and Ctrl-C (a
 * shutdown hook destroys what is still alive, by pid). {@code bench cluster}'s closed loop is
 * {@link ClusterBench}.
 */
public final class ClusterRun implements DriverConn.Listener {
    /** The verdict of a run. */
    public record Result(boolean ok, String summary, List<String> problems, int stopped, long acked, long faults) {}

    private final ClusterConfig cfg;
    private final PrintStream out;
    private final int n;
    private final ClusterProcesses procs;
    private final DriverConn[] conns;
    private final Protocol protocol;
    private final TreeMap<Integer, String> decided = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final long t0 = System.nanoTime();
    private BufferedWriter history;
    /** The black-box key-value history (history.ndjson, as {@code simulate --history} writes it; {@code tlaconform linearizable}). */
    private HistoryWriter kvHistory;
    private KvClients kv;
    private final ClusterNemesis nemesis;
    private volatile ClusterBench closedLoop;

    public ClusterRun(ClusterConfig cfg, PrintStream out) {
        this.cfg = cfg;
        this.out = out;
        this.n = cfg.nodes();
        this.procs = new ClusterProcesses(cfg, out);
        this.conns = new DriverConn[n + 1];
        this.protocol = Protocols.create(cfg.simConfig(), null);
        this.nemesis = new ClusterNemesis(cfg, out, procs, conns, problems, this::now);
    }

    private long now() {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Prepares the output directory; a directory that cannot be written is an IllegalArgumentException. */
    public static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = dir.resolve(".write-test");
            Files.writeString(probe, "x");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot write the run directory (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        try (var s = Files.list(dir)) {
            if (s.anyMatch(p -> p.getFileName().toString().endsWith(".ndjson") || p.getFileName().toString().equals("data"))) {
                throw new IllegalArgumentException(dir + ": holds a previous run (traces or data/); give an empty or new --out");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list: " + e.getMessage());
        }
    }

    public Result run() throws Exception {
        return procs.supervise(conns, () -> {
            history = Files.newBufferedWriter(cfg.out().resolve("requests.ndjson"), StandardCharsets.UTF_8);
            kvHistory = new HistoryWriter(new java.io.BufferedOutputStream(Files.newOutputStream(cfg.out().resolve("history.ndjson"))));
            return drive();
        }, () -> { }, () -> {
            if (history != null) history.close();
            if (kvHistory != null) kvHistory.close();
        });
    }

    /** Starts every node and the driver's connection to it. */
    private void startNodes() throws IOException {
        for (int k = 1; k <= n; k++) procs.spawn(k);
        for (int k = 1; k <= n; k++) {
            conns[k] = new DriverConn(k, cfg.portsDir().resolve(Integer.toString(k)), this);
            conns[k].start();
        }
    }

    /** The protocol's client requests of the workload source {@code work}, in time order. */
    private List<Protocol.ClientOp> workload(RandomSource work) {
        List<Protocol.ClientOp> ops = new ArrayList<>(protocol.workload(work, 1000));
        ops.sort((a, b) -> Long.compare(a.time(), b.time()));
        return ops;
    }

    /** The nodes each value is sent to, by value in order of first request. */
    static Map<String, List<Integer>> targets(List<Protocol.ClientOp> ops) {
        Map<String, List<Integer>> targets = new LinkedHashMap<>();
        for (Protocol.ClientOp op : ops) targets.computeIfAbsent(op.value(), v -> new ArrayList<>()).add(op.node());
        return targets;
    }

    // ---- bench cluster: closed-loop clients, no nemesis ---------------------------------------

    /**
     * What one {@link #bench} measured: the writes acknowledged (decided at some node) inside the
     * measurement window and their latencies from the client's send to the first decision report.
     *
     * @param exhausted the workload's values ran out before the window ended (the figure is low: raise --values)
     */
    public record BenchResult(long writes, double seconds, long[] latencyNanos, boolean exhausted, long totalAcked, int stopped) {
        public double writesPerSecond() {
            return writes / seconds;
        }
    }

    /**
     * {@code bench cluster}: starts the nodes, waits until the driver is connected to every one,
     * runs {@code cfg.clients()} closed-loop clients (each sends its next write to the nodes the
     * workload names as soon as the previous one is decided at some node) for {@code warmupMs}
     * then {@code measureMs}, and stops every node. No nemesis, no history file.
     */
    public BenchResult bench(long warmupMs, long measureMs) throws Exception {
        return bench(warmupMs, measureMs, false);
    }

    /** As {@link #bench(long, long)}; {@code untilDone}: stop as soon as every value is decided (a run to validate, not to time). */
    public BenchResult bench(long warmupMs, long measureMs, boolean untilDone) throws Exception {
        return procs.supervise(conns, () -> {
            startNodes();
            awaitConnected();
            ClusterBench b = new ClusterBench(cfg, workload(new RandomSource(cfg.seed()).split()), conns, procs);
            closedLoop = b;
            return b.measure(warmupMs, measureMs, untilDone);
        }, () -> {
            ClusterBench b = closedLoop;
            if (b != null) b.stop();
        }, () -> { });
    }

    private void awaitConnected() throws Exception {
        long upBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!allConnected()) {
            if (System.nanoTime() > upBy) throw new IOException("bench: the nodes did not all start within 30 s (see " + cfg.out().resolve("logs") + ")");
            for (int k = 1; k <= n; k++) {
                if (!procs.proc(k).isAlive()) throw new IOException("bench: node " + k + " exited at start (see " + cfg.out().resolve("logs") + ")");
            }
            Thread.sleep(20);
        }
    }

    private boolean allConnected() {
        for (int k = 1; k <= n; k++) if (!conns[k].connected()) return false;
        return true;
    }

    private Result drive() throws Exception {
        startNodes();
        out.printf("cluster: %s, %d nodes (pids %s), %d clients, nemesis %s, seed %d, %d s, out %s%n", cfg.protocol(), n, procs.pids(),
                cfg.clients(), cfg.nemesis().isEmpty() ? "none" : String.join(",", cfg.nemesis()), cfg.seed(),
                cfg.durationMs() / 1000, cfg.out());
        RandomSource root = new RandomSource(cfg.seed());
        RandomSource work = root.split();
        RandomSource nem = root.split();
        // the workload: the protocol's client requests, grouped by value, in time order; client c gets every C-th value
        List<Protocol.ClientOp> ops = workload(work);
        Map<String, List<Integer>> targets = targets(ops);
        kv = new KvClients(kvHistory, cfg.seed(), protocol, ops, cfg.protocol().equals("paxos"));
        List<String> values = new ArrayList<>(targets.keySet());
        int clients = Math.max(1, Math.min(cfg.clients(), values.size()));
        long pace = Math.max(50, cfg.durationMs() * clients / Math.max(1, values.size()) / 2);
        Client[] cs = new Client[clients];
        for (int c = 0; c < clients; c++) cs[c] = new Client(c);
        for (int i = 0; i < values.size(); i++) cs[i % clients].queue.add(values.get(i));

        long end = cfg.durationMs();
        long nextFault = Long.MAX_VALUE; // the nemesis starts 1-2 s after the first answer: the cluster is up
        long firstGap = 1000 + nem.nextLong(1000);
        long faultEnds = -1;
        Runnable healer = null;
        long nextReport = 1000;
        long lastAcked = 0;
        while (now() < end) {
            long t = now();
            kv.decided(decidedCopy(), t);
            for (Client c : cs) c.tick(t, targets, pace);
            if (nextFault == Long.MAX_VALUE && !cfg.nemesis().isEmpty() && acked(cs) > 0) nextFault = t + firstGap;
            if (healer == null && t >= nextFault) {
                long dur = 500 + nem.nextLong(1000);
                healer = nemesis.inject(nem);
                faultEnds = t + dur;
            } else if (healer != null && t >= faultEnds) {
                healer.run();
                healer = null;
                nextFault = t + 500 + nem.nextLong(1000);
            }
            if (t >= nextReport) {
                long acked = acked(cs);
                out.printf("  t=%4.1fs  acked %d/%d (%.1f ops/s)  decided slots %d  faults so far %d  in force: %s%n", t / 1000.0,
                        acked, values.size(), (acked - lastAcked) * 1000.0 / 1000, decidedSize(), nemesis.faults(), nemesis.inForce());
                lastAcked = acked;
                nextReport += 1000;
            }
            Thread.sleep(20);
        }
        if (healer != null) {
            healer.run();
        }
        nemesis.heal();
        // progress after the heal: every request answered and every node done, within a bound
        long deadline = now() + Math.max(20_000, cfg.durationMs());
        out.printf("  t=%4.1fs  healed: waiting for every request to be answered and every node to be done%n", now() / 1000.0);
        boolean live = false;
        while (now() < deadline) {
            long t = now();
            kv.decided(decidedCopy(), t);
            for (Client c : cs) c.tick(t, targets, 0);
            if (acked(cs) == values.size() && allDone()) {
                live = true;
                break;
            }
            Thread.sleep(20);
        }
        long acked = acked(cs);
        if (!live) {
            problems.add("no progress after the heal: " + acked + " of " + values.size() + " requests answered, nodes done: " + doneList());
        }
        kv.decided(decidedCopy(), now());
        kv.finish(now());
        for (Client c : cs) c.close(now());
        checkAcked(cs);
        String summary = String.format("%s: %d of %d requests acknowledged, %d faults injected, %d decided slots, %s", cfg.protocol(),
                acked, values.size(), nemesis.faults(), decidedSize(), problems.isEmpty() ? "no acknowledged write lost" : problems.size() + " problem(s)");
        return new Result(problems.isEmpty(), summary, List.copyOf(problems), procs.stopped(), acked, nemesis.faults());
    }

    private long acked(Client[] cs) {
        long a = 0;
        for (Client c : cs) a += c.acked;
        return a;
    }

    private synchronized int decidedSize() {
        return decided.size();
    }

    private boolean allDone() {
        for (int k = 1; k <= n; k++) if (!conns[k].done) return false;
        return true;
    }

    private String doneList() {
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= n; k++) b.append(k).append('=').append(conns[k].done).append(' ');
        return b.toString().trim();
    }

    /** Every acknowledged (slot, value) is still what every node's final state holds for that slot. */
    private void checkAcked(Client[] cs) {
        for (Client c : cs) {
            for (Map.Entry<String, Integer> a : c.ackedAt.entrySet()) {
                int slot = a.getValue();
                int holding = 0;
                for (int k = 1; k <= n; k++) {
                    String v;
                    synchronized (conns[k]) {
                        v = conns[k].decided.get(slot);
                    }
                    if (v == null) continue;
                    if (!v.equals(a.getKey()) && !protocol.isFiller(v)) {
                        problems.add("acknowledged write lost: client " + c.id + " was told '" + a.getKey() + "' is decided in slot "
                                + slot + ", node " + k + " now holds '" + v + "' there");
                    }
                    holding++;
                }
                if (holding == 0 && !cfg.protocol().equals("paxos")) {
                    problems.add("acknowledged write lost: '" + a.getKey() + "' (slot " + slot + ") is decided at no node at the end");
                }
            }
        }
    }

    @Override
    public void decided(int node, int slot, String value) {
        ClusterBench b = closedLoop;
        if (b != null) b.decided(value);
        agreement(node, slot, value);
    }

    private synchronized void agreement(int node, int slot, String value) {
        String prev = decided.putIfAbsent(slot, value);
        if (prev != null && !prev.equals(value)) {
            problems.add("agreement: node " + node + " decided '" + value + "' in slot " + slot + ", '" + prev + "' was decided before");
        }
    }

    private synchronized TreeMap<Integer, String> decidedCopy() {
        return new TreeMap<>(decided);
    }

    /** A closed-loop client: one request at a time, re-sent every second until answered. */
    private final class Client {
        final int id;
        final java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        final Map<String, Integer> ackedAt = new LinkedHashMap<>();
        String current;
        long sentAt;
        long readyAt;
        long acked;

        Client(int id) {
            this.id = id;
        }

        void tick(long t, Map<String, List<Integer>> targets, long pace) throws IOException {
            if (current != null) {
                TreeMap<Integer, String> d = decidedCopy();
                if (protocol.answered(current, d)) {
                    int slot = -1;
                    for (Map.Entry<Integer, String> e : d.entrySet()) if (e.getValue().equals(current)) slot = e.getKey();
                    if (slot < 0 && !d.isEmpty()) slot = d.firstKey(); // single-decree: the answer is what was decided
                    ackedAt.put(slot >= 0 && d.get(slot).equals(current) ? current : d.get(slot), slot);
                    record("ok", current, slot, t);
                    acked++;
                    current = null;
                    readyAt = t + pace;
                } else if (t - sentAt >= 1000) {
                    send(targets.get(current), t);
                }
            }
            if (current == null && t >= readyAt && !queue.isEmpty()) {
                current = queue.poll();
                record("invoke", current, -1, t);
                send(targets.get(current), t);
            }
        }

        /** At the end: a request still unanswered is indeterminate ("info", as Jepsen records it). */
        void close(long t) throws IOException {
            if (current != null) record("info", current, -1, t);
            current = null;
        }

        private void send(List<Integer> to, long t) {
            sentAt = t;
            String v = current;
            byte[] f = Wire.frame(Wire.REQ, d -> d.writeUTF(v));
            for (int k : to) {
                kv.handed(k, v, t); // the first attempt invokes the key-value operation (as in the simulator)
                conns[k].send(f);
            }
        }

        private void record(String type, String value, int slot, long t) throws IOException {
            history.write("{\"type\":\"" + type + "\",\"client\":" + id + ",\"value\":\"" + value + "\""
                    + (slot >= 0 ? ",\"slot\":" + slot : "") + ",\"time\":" + t + "}\n");
            history.flush();
        }
    }
}
