package dev.tlaconform.check;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts the child JVMs that run TLC ({@link TlcRunner}) and makes sure they and their temporary
 * directories go away: after the run, on timeout, on interrupt and when this JVM exits.
 */
final class ChildJvm {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> TEMP_DIRS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LIVE.forEach(ChildJvm::kill);
            TEMP_DIRS.forEach(ChildJvm::deleteTree);
        }, "tlaconform-child-cleanup"));
    }

    private ChildJvm() {}

    /** Whether no child JVM is running and no temporary directory is left (for tests). */
    static boolean idle() {
        return LIVE.stream().noneMatch(Process::isAlive) && TEMP_DIRS.isEmpty();
    }

    /** A fresh directory for one run's TLC metadata and java.io.tmpdir. */
    static Path newTempDir() throws IOException {
        Path dir = Files.createTempDirectory("tlaconform-check-");
        TEMP_DIRS.add(dir);
        return dir;
    }

    static void removeTempDir(Path dir) {
        if (dir != null) {
            deleteTree(dir);
            TEMP_DIRS.remove(dir);
        }
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

    /** java -XX:+UseParallelGC -Djava.io.tmpdir=TMP ... -cp CP dev.tlaconform.check.TlcRunner ARGS */
    static List<String> command(Path tmp, List<String> jvmOptions, List<String> runnerArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-Duser.language=en");
        cmd.add("-Duser.country=US");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath());
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
        Process p = pb.start();
        p.getOutputStream().close();
        LIVE.add(p);
        return p;
    }

    /** Kills a child and everything it started; waits briefly for it to go. */
    static void kill(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(p);
    }

    static void forget(Process p) {
        LIVE.remove(p);
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
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a file still held open by a dying child
        }
    }
}
