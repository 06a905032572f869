package dev.tlaconform.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Apache ZooKeeper ensemble for {@code bench cluster}: N servers ({@code QuorumPeerMain}), each
 * its own JVM, on 127.0.0.1, with a generated {@code zoo.cfg} and {@code myid} in its own directory,
 * ports chosen free at run time, {@code forceSync=yes} (every transaction log write fsync'd before it
 * is acknowledged), no admin server, no four-letter words. The ZooKeeper classes come from the
 * bench-zookeeper module's jar and its copied dependencies: this class only writes text files and
 * starts processes, so the cli does not depend on ZooKeeper. Every process it starts (servers and
 * load clients) is destroyed by its pid in {@link #close}, also from a shutdown hook on Ctrl-C.
 */
final class ZkEnsemble implements AutoCloseable {
    private final Path dir;
    private final String classPath;
    private final List<Process> procs = new ArrayList<>();
    private final int[] clientPorts;
    private final Thread hook = new Thread(this::destroyAll, "zk-reaper");
    private int stopped;

    private ZkEnsemble(Path dir, String classPath, int n) {
        this.dir = dir;
        this.classPath = classPath;
        this.clientPorts = new int[n];
    }

    /** The class path of the bench-zookeeper module's build ({@code target/bench-zookeeper.jar} and {@code target/lib}), or null. */
    static String classPath(Path target) {
        Path jar = target.resolve("bench-zookeeper.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) return null;
        return jar + java.io.File.pathSeparator + lib + java.io.File.separator + "*";
    }

    /** zoo.cfg for server {@code id} (1-based): {@code ports[k]} = {client, quorum, election} of server k+1. */
    static String config(Path dataDir, int id, int[][] ports) {
        StringBuilder b = new StringBuilder();
        b.append("tickTime=2000\ninitLimit=10\nsyncLimit=5\n");
        b.append("dataDir=").append(dataDir).append('\n');
        b.append("clientPort=").append(ports[id - 1][0]).append('\n');
        b.append("clientPortAddress=127.0.0.1\n");
        b.append("forceSync=yes\n");
        b.append("admin.enableServer=false\n");
        b.append("4lw.commands.whitelist=\n");
        for (int k = 1; k <= ports.length; k++) {
            b.append("server.").append(k).append("=127.0.0.1:").append(ports[k - 1][1]).append(':').append(ports[k - 1][2]).append('\n');
        }
        return b.toString();
    }

    /** Starts an ensemble of {@code n} servers under {@code dir}; the servers elect a leader on their own. */
    static ZkEnsemble start(Path dir, String classPath, int n) throws IOException {
        ZkEnsemble e = new ZkEnsemble(dir, classPath, n);
        Runtime.getRuntime().addShutdownHook(e.hook);
        try {
            int[][] ports = freePorts(n);
            for (int k = 1; k <= n; k++) {
                e.clientPorts[k - 1] = ports[k - 1][0];
                Path home = dir.resolve("zk" + k);
                Path data = home.resolve("data");
                Files.createDirectories(data);
                Files.writeString(data.resolve("myid"), k + "\n", StandardCharsets.US_ASCII);
                Path cfg = home.resolve("zoo.cfg");
                Files.writeString(cfg, config(data.toAbsolutePath(), k, ports), StandardCharsets.US_ASCII);
                e.launch(List.of("-Xmx512m", "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg.toAbsolutePath().toString()),
                        home.resolve("server.log"));
            }
        } catch (IOException | RuntimeException x) {
            e.close();
            throw x;
        }
        return e;
    }

    /** 3·n distinct free loopback ports (held open together while chosen, so they differ). */
    private static int[][] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[][] p = new int[n][3];
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < 3; j++) {
                    ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    held.add(s);
                    p[k][j] = s.getLocalPort();
                }
            }
            return p;
        } finally {
            for (ServerSocket s : held) s.close();
        }
    }

    String servers() {
        StringBuilder b = new StringBuilder();
        for (int p : clientPorts) b.append(b.length() == 0 ? "" : ",").append("127.0.0.1:").append(p);
        return b.toString();
    }

    private Process launch(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        synchronized (procs) {
            procs.add(p);
        }
        return p;
    }

    /**
     * Runs the closed-loop load ({@code dev.tlaconform.benchzk.ZkLoad}) as a child JVM and returns
     * its JSON line; bounded: destroyed if it has not finished 120 s after its window.
     */
    String load(int clients, long warmupMs, long measureMs, String prefix) throws IOException, InterruptedException {
        Path log = dir.resolve("load-" + clients + ".log");
        Path result = dir.resolve("load-" + clients + ".json");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx256m", "-cp", classPath, "dev.tlaconform.benchzk.ZkLoad", "--servers", servers(), "--clients", "" + clients,
                "--warmup-ms", "" + warmupMs, "--measure-ms", "" + measureMs, "--prefix", prefix));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectOutput(result.toFile()).start();
        synchronized (procs) {
            procs.add(p);
        }
        if (!p.waitFor(warmupMs + measureMs + 120_000, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("ZooKeeper load client did not finish (see " + log + ")");
        }
        String out = Files.readString(result, StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0 || out.isEmpty()) {
            throw new IOException("ZooKeeper load client failed, exit " + p.exitValue() + " (see " + log + ")");
        }
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    /** How many of the processes this ensemble started were still running when it was closed. */
    int stopped() {
        return stopped;
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs
        }
    }

    /** SIGTERM to every child still alive (by pid), SIGKILL to what is left after 5 s. */
    private void destroyAll() {
        synchronized (procs) {
            for (Process p : procs) {
                if (p.isAlive()) {
                    stopped++;
                    p.destroy();
                }
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Process p : procs) {
                try {
                    if (!p.waitFor(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        p.destroyForcibly();
                        p.waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
