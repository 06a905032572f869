package dev.tlaconform.impl.cluster;

import dev.tlaconform.impl.core.RandomSource;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The nemesis of {@code tlaconform cluster}: the configured fault kinds in turn from a seeded start
 * (kill -9 then restart, SIGSTOP/SIGCONT, symmetric and one-way partitions at the transport
 * layer), one at a time, each on a node drawn from the seed.
 */
final class ClusterNemesis {
    private final ClusterConfig cfg;
    private final PrintStream out;
    private final int n;
    private final ClusterProcesses procs;
    private final DriverConn[] conns;
    private final List<String> problems;
    private final LongSupplier now;
    private long faults;
    private String inForce = "none";
    private int kindOffset;

    /**
     * @param problems where a node that cannot be restarted is reported
     * @param now      the run's clock, in milliseconds
     */
    ClusterNemesis(ClusterConfig cfg, PrintStream out, ClusterProcesses procs, DriverConn[] conns, List<String> problems,
            LongSupplier now) {
        this.cfg = cfg;
        this.out = out;
        this.n = cfg.nodes();
        this.procs = procs;
        this.conns = conns;
        this.problems = problems;
        this.now = now;
    }

    /** The faults injected so far. */
    long faults() {
        return faults;
    }

    /** The fault in force, or "none". */
    String inForce() {
        return inForce;
    }

    private long now() {
        return now.getAsLong();
    }

    /** Injects one fault now; returns what ends it. */
    Runnable inject(RandomSource r) throws IOException {
        Runnable end = start(r);
        return () -> {
            end.run();
            inForce = "none";
        };
    }

    private Runnable start(RandomSource r) throws IOException {
        // the kinds in turn from a seeded start, so a short run sees each of them
        if (faults == 0) kindOffset = r.nextInt(cfg.nemesis().size());
        String kind = cfg.nemesis().get((int) ((kindOffset + faults) % cfg.nemesis().size()));
        int k = 1 + r.nextInt(n);
        faults++;
        switch (kind) {
            case "kill": {
                inForce = "kill -9 n" + k;
                out.printf("  t=%4.1fs  nemesis: kill -9 node %d (pid %d)%n", now() / 1000.0, k, procs.proc(k).pid());
                procs.proc(k).destroyForcibly();
                try {
                    procs.proc(k).waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                conns[k].reset();
                return () -> {
                    try {
                        procs.spawn(k);
                        out.printf("  t=%4.1fs  nemesis: restart node %d (pid %d)%n", now() / 1000.0, k, procs.proc(k).pid());
                    } catch (IOException e) {
                        problems.add("cannot restart node " + k + ": " + e.getMessage());
                    }
                };
            }
            case "pause": {
                inForce = "SIGSTOP n" + k;
                out.printf("  t=%4.1fs  nemesis: SIGSTOP node %d%n", now() / 1000.0, k);
                ClusterProcesses.signal("STOP", procs.proc(k));
                return () -> {
                    ClusterProcesses.signal("CONT", procs.proc(k));
                    out.printf("  t=%4.1fs  nemesis: SIGCONT node %d%n", now() / 1000.0, k);
                };
            }
            default: {
                boolean oneWay = r.chance(0.5);
                long others = 0;
                for (int j = 1; j <= n; j++) if (j != k) others |= 1L << j;
                inForce = (oneWay ? "one-way partition n" + k + " -/-> rest" : "partition n" + k + " | rest");
                out.printf("  t=%4.1fs  nemesis: %s%n", now() / 1000.0, inForce);
                conns[k].send(block(others, oneWay ? 0 : others));
                if (!oneWay) {
                    for (int j = 1; j <= n; j++) if (j != k) conns[j].send(block(1L << k, 1L << k));
                }
                return () -> {
                    heal();
                    out.printf("  t=%4.1fs  nemesis: heal%n", now() / 1000.0);
                };
            }
        }
    }

    private static byte[] block(long outMask, long inMask) {
        return Wire.frame(Wire.BLOCK, d -> {
            d.writeLong(outMask);
            d.writeLong(inMask);
        });
    }

    /** Every partition lifted. */
    void heal() {
        for (int k = 1; k <= n; k++) conns[k].send(block(0, 0));
    }
}
