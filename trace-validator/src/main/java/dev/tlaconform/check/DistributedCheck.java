package dev.tlaconform.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * TLC's own distributed mode: a TLCServer JVM and N TLCWorker JVMs talking RMI, every socket
 * bound to 127.0.0.1 (see {@code TlcRunner --loopback}). The server's port is passed explicitly
 * ({@code -Dtlc2.tool.distributed.TLCServer.port}); a free one is picked per run.
 *
 * <p>This TLC's distributed mode counts distinct states right but does not check temporal
 * properties and misreports violations, so a model with PROPERTY is refused, and a violation
 * reported by the server is re-checked locally to get the true verdict and counterexample.
 */
final class DistributedCheck {
    private DistributedCheck() {}

    static CheckReport run(CheckOptions options, CheckListener listener) throws InterruptedException {
        long start = System.nanoTime();
        Path spec = options.spec().toAbsolutePath().normalize();
        Path cfg = options.effectiveConfig().toAbsolutePath().normalize();
        try {
            Optional<CfgFile.Token> prop = CfgFile.read(cfg).keyword("PROPERTY", "PROPERTIES");
            if (prop.isPresent()) {
                return ModelCheck.simple(options, CheckReport.BAD_INPUT, new CheckReport.ErrorInfo(cfg.toString(),
                        prop.get().line(), prop.get().column(), "TLC's distributed mode does not check temporal "
                        + "properties: run this model without --distributed (or remove " + prop.get().text() + ")"), start);
            }
        } catch (IOException e) {
            return ModelCheck.simple(options, CheckReport.BAD_INPUT,
                    new CheckReport.ErrorInfo(cfg.toString(), 0, 0, "cannot read: " + e.getMessage()), start);
        }
        Path tmp = null;
        Process server = null;
        List<Process> workers = new ArrayList<>();
        try {
            tmp = ChildJvm.newTempDir();
            int port = freeLoopbackPort();
            List<String> jvm = new ArrayList<>(options.jvmOptions());
            jvm.add("-Djava.rmi.server.hostname=127.0.0.1");
            jvm.add("-Dtlc2.tool.distributed.TLCServer.port=" + port);
            String name = spec.getFileName().toString().replaceFirst("\\.tla$", "");
            List<String> serverArgs = new ArrayList<>(List.of("--role", "server", "--loopback", "--spec", spec.toString(),
                    "--config", cfg.toString(), "--progress", Long.toString(options.progressEvery().toSeconds()), "--",
                    "-metadir", tmp.resolve("meta").toString(), "-checkpoint", "0", "-config", cfg.toString(), name));
            java.nio.file.Files.createDirectories(tmp.resolve("server"));
            server = ChildJvm.start(ChildJvm.command(tmp.resolve("server"), jvm, serverArgs), spec.getParent());
            List<String> workerJvm = new ArrayList<>(jvm);
            workerJvm.add("-Dtlc2.tool.distributed.TLCWorker.threadCount=" + Math.max(1, options.workers()));
            for (int i = 0; i < options.distributed(); i++) {
                Path wdir = tmp.resolve("worker" + i);
                java.nio.file.Files.createDirectories(wdir);
                Process w = ChildJvm.start(ChildJvm.command(wdir, workerJvm,
                        List.of("--role", "worker", "--loopback", "--", "127.0.0.1")), wdir);
                new ChildJvm.Tail(w.getInputStream(), 20, null);
                new ChildJvm.Tail(w.getErrorStream(), 50, listener::tlcOutput);
                workers.add(w);
            }
            EventLog log = new EventLog();
            String failure = ModelCheck.follow(server, log, options, listener, start);
            int exit = server.exitValue();
            if (failure != null && log.exitStatus == null && failure.startsWith("TLC's JVM exited")) {
                failure = exit == 0 || log.sawStats ? null : failure; // the server exits by itself, no exit event
                log.exitStatus = exit;
            }
            for (Process w : workers) {
                w.waitFor(15, TimeUnit.SECONDS);
            }
            // The server of TLC 2.18 says nothing of a violation: it prints a truncated trace with
            // the wrong states, stops with states left on the queue and exits 0. Any of those
            // signs means: check locally for the truth.
            boolean suspect = log.violation != null || !log.steps.isEmpty() || log.queueLeft > 0
                    || (exit >= 10 && exit <= 14);
            if (failure == null && suspect) {
                listener.note("the distributed server reported a violation; re-checking locally for the true counterexample");
                workers.forEach(ChildJvm::kill);
                ChildJvm.kill(server);
                return ModelCheck.run(options.withDistributed(0), listener);
            }
            CheckReport r = ModelCheck.report(options, spec, cfg, log, failure, exit, start);
            return r;
        } catch (IOException e) {
            return ModelCheck.simple(options, CheckReport.ERROR,
                    new CheckReport.ErrorInfo(null, 0, 0, "cannot start distributed TLC: " + e.getMessage()), start);
        } finally {
            workers.forEach(ChildJvm::kill);
            ChildJvm.kill(server);
            ChildJvm.removeTempDir(tmp);
        }
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
