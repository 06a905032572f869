package dev.tlaconform.impl.cluster;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The node processes of one {@link ClusterRun}: each {@link ClusterNode} started as a child of this
 * JVM (the current java, the current class path), signalled, stopped gracefully, and reaped on
 * success, failure and Ctrl-C (a shutdown hook stops every node with SIGTERM, so that its segment
 * ends with its end line, then destroys what is still alive, by pid).
 */
final class ClusterProcesses {
    private final ClusterConfig cfg;
    private final PrintStream out;
    private final int n;
    private final Process[] procs;
    private final List<Process> all = new ArrayList<>();
    private final Thread hook;
    private int stoppedCount;

    ClusterProcesses(ClusterConfig cfg, PrintStream out) {
        this.cfg = cfg;
        this.out = out;
        this.n = cfg.nodes();
        this.procs = new Process[n + 1];
        this.hook = new Thread(this::stopOnSignal, "cluster-reaper");
    }

    /** A step of a run's clean-up. */
    interface Cleanup {
        void run() throws IOException;
    }

    /**
     * Prepares the run directory and runs {@code body} with the reaper hook installed; however it
     * ends, {@code beforeStop}, every node stopped ({@link #stopAll}), {@code afterStop}, and the
     * hook removed.
     */
    <T> T supervise(DriverConn[] conns, Callable<T> body, Cleanup beforeStop, Cleanup afterStop) throws Exception {
        ClusterRun.prepare(cfg.out());
        Files.createDirectories(cfg.out().resolve("logs"));
        Files.createDirectories(cfg.portsDir());
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.call();
        } finally {
            beforeStop.run();
            stopAll(conns);
            afterStop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
    }

    Process proc(int k) {
        return procs[k];
    }

    /** The processes this run stopped (0 until they were). */
    int stopped() {
        return stoppedCount;
    }

    void spawn(int k) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), ClusterNode.class.getName()));
        cmd.addAll(cfg.toArgs());
        cmd.addAll(List.of("--id", Integer.toString(k)));
        File log = cfg.out().resolve("logs").resolve("n" + k + ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        synchronized (all) {
            procs[k] = p;
            all.add(p);
        }
    }

    String pids() {
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= n; k++) b.append(k == 1 ? "" : " ").append(procs[k].pid());
        return b.toString();
    }

    static void signal(String sig, Process p) {
        try {
            new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Graceful stop (STOP: end lines written), then destroyForcibly whatever is still alive. */
    private void stopAll(DriverConn[] conns) {
        for (int k = 1; k <= n; k++) {
            if (procs[k] != null && procs[k].isAlive()) {
                signal("CONT", procs[k]);
                if (conns[k] != null) conns[k].send(Wire.frame(Wire.STOP, null));
            }
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int k = 1; k <= n; k++) {
            if (procs[k] == null) continue;
            try {
                procs[k].waitFor(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reapAll();
        for (int k = 1; k <= n; k++) if (conns[k] != null) conns[k].close();
    }

    /**
     * Ctrl-C (the shutdown hook): every child still alive is resumed (a paused one cannot stop) and
     * asked to stop with SIGTERM, which makes it end its segment with its end line as on STOP;
     * whatever is alive 4 s later is destroyed by {@link #reapAll}.
     */
    private void stopOnSignal() {
        synchronized (all) {
            for (Process p : all) {
                if (p.isAlive()) {
                    signal("CONT", p);
                    p.destroy();
                }
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            for (Process p : all) {
                try {
                    p.waitFor(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        reapAll();
    }

    /** Destroys every child still alive (also from the shutdown hook); counts the processes this run stopped. */
    private void reapAll() {
        synchronized (all) {
            int stopped = 0;
            for (Process p : all) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                    try {
                        p.waitFor(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            for (int k = 1; k <= n; k++) if (procs[k] != null) stopped++;
            if (stoppedCount == 0 && stopped > 0) {
                stoppedCount = stopped;
                boolean leftover = all.stream().anyMatch(Process::isAlive);
                out.printf("cluster: stopped %d node process(es)%s%n", stopped, leftover ? " (some still alive!)" : ", none left running");
            }
        }
    }
}
