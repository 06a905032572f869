package dev.tlaconform.benchzk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * The ZooKeeper side of {@code tlaconform bench cluster}: C closed-loop clients, each its own
 * ZooKeeper session connected to one server of the ensemble (client c to server c mod N), each
 * writing {@code setData} synchronously on its own znode, the next write as soon as the previous
 * one returned (a ZooKeeper write returns once a quorum has logged it, fsync'd with forceSync=yes,
 * and the server it went to has committed it). Payloads are the same strings our clusters decide:
 * the K-th write of the run carries {@code PREFIX + K}.
 *
 * <p>Usage: {@code ZkLoad --servers host:port,host:port,... --clients C --warmup-ms W --measure-ms M
 * --prefix c}. Prints one JSON line: writes acknowledged in the measurement window, its length,
 * and the p50/p99 latency in milliseconds. Bounded: it gives up after 60 s without a connected
 * session (exit 1) and stops at the end of its window.
 */
public final class ZkLoad {
    private ZkLoad() {}

    public static void main(String[] args) throws Exception {
        String[] servers = arg(args, "--servers", null).split(",");
        int clients = Integer.parseInt(arg(args, "--clients", "1"));
        long warmup = Long.parseLong(arg(args, "--warmup-ms", "2000"));
        long measure = Long.parseLong(arg(args, "--measure-ms", "5000"));
        String prefix = arg(args, "--prefix", "c");
        List<ZooKeeper> zks = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) zks.add(connect(servers[c % servers.length]));
            ensure(zks.get(0), "/bench");
            for (int c = 0; c < clients; c++) ensure(zks.get(c), "/bench/c" + c);
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            long from = start + TimeUnit.MILLISECONDS.toNanos(warmup);
            long to = from + TimeUnit.MILLISECONDS.toNanos(measure);
            long[][] lat = new long[clients][];
            int[] counts = new int[clients];
            int[] errors = new int[clients];
            Thread[] ts = new Thread[clients];
            for (int c = 0; c < clients; c++) {
                final int id = c;
                ts[c] = new Thread(() -> {
                    long[] mine = new long[1 << 16];
                    int k = 0;
                    ZooKeeper zk = zks.get(id);
                    String path = "/bench/c" + id;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= to) break;
                        byte[] payload = (prefix + (next.incrementAndGet())).getBytes(StandardCharsets.UTF_8);
                        try {
                            zk.setData(path, payload, -1);
                        } catch (KeeperException e) {
                            errors[id]++;
                            continue;
                        } catch (InterruptedException e) {
                            return;
                        }
                        long t1 = System.nanoTime();
                        if (t1 >= from && t1 < to) {
                            if (k == mine.length) mine = Arrays.copyOf(mine, 2 * k);
                            mine[k++] = t1 - t0;
                        }
                    }
                    lat[id] = Arrays.copyOf(mine, k);
                    counts[id] = k;
                }, "zk-client-" + c);
                ts[c].start();
            }
            for (Thread t : ts) t.join();
            long[] all = new long[Arrays.stream(counts).sum()];
            int p = 0;
            for (long[] l : lat) {
                System.arraycopy(l, 0, all, p, l.length);
                p += l.length;
            }
            Arrays.sort(all);
            System.out.printf(java.util.Locale.ROOT, "{\"writes\":%d,\"seconds\":%.3f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"errors\":%d}%n", all.length,
                    measure / 1000.0, pct(all, 0.50), pct(all, 0.99), Arrays.stream(errors).sum());
        } finally {
            for (ZooKeeper zk : zks) zk.close(2000);
        }
    }

    /** The q-quantile of sorted nanoseconds, in milliseconds (nearest rank); NaN when empty. */
    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static ZooKeeper connect(String server) throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(server, 30_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) up.countDown();
        });
        if (!up.await(60, TimeUnit.SECONDS)) {
            zk.close(1000);
            System.err.println("ZkLoad: no session with " + server + " within 60 s");
            System.exit(1);
        }
        return zk;
    }

    /** Creates a znode unless it exists; retries while the ensemble is still electing (bounded: 60 s). */
    private static void ensure(ZooKeeper zk, String path) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                return;
            } catch (KeeperException.NodeExistsException e) {
                return;
            } catch (KeeperException.ConnectionLossException e) {
                if (System.nanoTime() > until) throw e;
                Thread.sleep(100);
            }
        }
    }

    private static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        if (dflt == null) throw new IllegalArgumentException(name + " is required");
        return dflt;
    }
}
