package dev.tlaconform.check;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The temporary directories and child processes of every command, gone when the command ends —
 * normally (each owner releases its own) or by a signal (one shutdown hook). The hook first shuts
 * the door (no directory or process is created after it started: {@link #tempDir} and
 * {@link #start} throw), then kills the children and their descendants and waits for them, then
 * deletes the directories, again while a worker thread that has not noticed the shutdown writes
 * into one (up to a few rounds).
 */
public final class ExitCleanup {
    private static final Object DOOR = new Object();
    private static boolean closed;
    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::onExit, "tlaconform-exit-cleanup"));
    }

    private ExitCleanup() {}

    /** A new temporary directory (prefix as {@link Files#createTempDirectory}), deleted on exit if not released. */
    public static Path tempDir(String prefix) throws IOException {
        synchronized (DOOR) {
            if (closed) throw new IOException("tlaconform is shutting down");
            Path d = Files.createTempDirectory(prefix);
            DIRS.add(d);
            return d;
        }
    }

    /** Deletes a directory from {@link #tempDir} now (best effort) and forgets it. */
    public static void release(Path dir) {
        if (dir == null) return;
        deleteTree(dir);
        DIRS.remove(dir);
    }

    /** Starts a process, killed (with what it started) on exit unless {@link #forget forgotten} first. */
    public static Process start(ProcessBuilder pb) throws IOException {
        synchronized (DOOR) {
            if (closed) throw new IOException("tlaconform is shutting down");
            Process p = pb.start();
            PROCESSES.add(p);
            return p;
        }
    }

    /** A process that has ended (or was killed by its owner): no longer tracked. */
    public static void forget(Process p) {
        PROCESSES.remove(p);
    }

    /** Kills a child and everything it started; waits up to 10 s for it to go. */
    public static void kill(Process p) {
        if (p == null) return;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PROCESSES.remove(p);
    }

    /**
     * Whether no tracked child is alive and no tracked directory whose name starts with dirPrefix is
     * left (for tests; other owners' directories, e.g. specs extracted for the whole run, may stay).
     */
    public static boolean idle(String dirPrefix) {
        return PROCESSES.stream().noneMatch(Process::isAlive)
                && DIRS.stream().noneMatch(d -> d.getFileName().toString().startsWith(dirPrefix));
    }

    private static void onExit() {
        synchronized (DOOR) {
            closed = true;
        }
        for (Process p : PROCESSES) kill(p);
        for (int round = 0; round < 5 && !DIRS.isEmpty(); round++) {
            for (Path d : DIRS) {
                deleteTree(d);
                if (!Files.exists(d)) DIRS.remove(d);
            }
            if (!DIRS.isEmpty()) {
                try {
                    Thread.sleep(100); // a worker still writing: once more
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Deletes a tree, best effort (a file a dying child still writes may survive one pass). */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    try {
                        Files.deleteIfExists(d);
                    } catch (IOException notEmpty) {
                        // something was written meanwhile: the next pass
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
