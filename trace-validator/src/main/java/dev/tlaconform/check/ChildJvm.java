package dev.tlaconform.check;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts the child JVMs that run TLC ({@link TlcRunner}) and makes sure they and their temporary
 * directories go away: after the run, on timeout, on interrupt and when this JVM exits.
 */
final class ChildJvm {
    private ChildJvm() {}

    private static final String TEMP_PREFIX = "tlaconform-check-";

    /** Whether no child JVM is running and no temporary directory is left (for tests). */
    static boolean idle() {
        return ExitCleanup.idle(TEMP_PREFIX);
    }

    /** A fresh directory for one run's TLC metadata and java.io.tmpdir. */
    static Path newTempDir() throws IOException {
        return ExitCleanup.tempDir(TEMP_PREFIX);
    }

    static void removeTempDir(Path dir) {
        ExitCleanup.release(dir);
    }

    /**
     * The class path of the child: wherever this class, TLC and Jackson were loaded from (a
     * Surefire booter or {@code java -jar} leaves java.class.path useless), then java.class.path.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {TlcRunner.class, tlc2.TLC.class, ObjectMapper.class, JsonFactory.class,
                JsonPropertyOrder.class}) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                try {
                    entries.add(Path.of(cs.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file location: rely on java.class.path below
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * java -XX:+UseParallelGC -Djava.io.tmpdir=TMP ... -cp CP dev.tlaconform.check.TlcRunner ARGS,
     * with the class archive of TLC's JVM where it applies ({@link ClassArchive}).
     */
    static List<String> command(Path tmp, List<String> jvmOptions, List<String> runnerArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseParallelGC");
        String cp = classPath();
        cmd.addAll(ClassArchive.options("tlc", cp, jvmOptions));
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-Duser.language=en");
        cmd.add("-Duser.country=US");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(TlcRunner.class.getName());
        cmd.addAll(runnerArgs);
        return cmd;
    }

    static Process start(List<String> command, Path workDir) throws IOException {
        return start(command, workDir, java.util.Map.of());
    }

    /** Starts a child in workDir with this process's environment plus {@code env}. */
    static Process start(List<String> command, Path workDir, java.util.Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = ExitCleanup.start(pb);
        p.getOutputStream().close();
        p.onExit().thenRun(() -> ClassArchive.finish(command));
        return p;
    }

    /** Kills a child and everything it started; waits briefly for it to go. */
    static void kill(Process p) {
        ExitCleanup.kill(p);
    }

    static void forget(Process p) {
        ExitCleanup.forget(p);
    }

    /** Drains a stream on a daemon thread, keeping its last lines (TLC's prose, for diagnostics). */
    static final class Tail {
        private final Deque<String> lines = new ArrayDeque<>();
        private final int max;
        private final Thread thread;

        Tail(InputStream in, int max, Consumer<String> echo) {
            this.max = max;
            this.thread = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (echo != null) {
                            echo.accept(line);
                        }
                        synchronized (lines) {
                            lines.addLast(line);
                            if (lines.size() > this.max) {
                                lines.removeFirst();
                            }
                        }
                    }
                } catch (IOException closed) {
                    // the child is gone
                }
            }, "tlaconform-child-stderr");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    static void deleteTree(Path dir) {
        ExitCleanup.deleteTree(dir);
    }
}
