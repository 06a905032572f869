package dev.tlaconform.check;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Class-data sharing for the JVMs tlaconform starts (AppCDS, JDK 17's dynamic archives): the
 * first run of a kind of JVM writes the classes it loaded to an archive
 * ({@code -XX:ArchiveClassesAtExit}), later runs map them from it ({@code -XX:SharedArchiveFile})
 * instead of reading, parsing and verifying them from the jars: a cold {@code validate} of EWD998's
 * shipped log 1.23 -> 0.98 s of CPU (docs/validate.md, "bench foreign"). The archive is made on
 * the machine that uses it, on first use, under {@code $TLACONFORM_CDS_DIR} (default
 * {@code $XDG_CACHE_HOME/tlaconform/cds} or {@code ~/.cache/tlaconform/cds}), in a directory
 * named by a digest of the JVM and of every class-path jar's path, size and modification time:
 * a rebuilt jar or another JDK gets a new one, never a stale one (a JVM that cannot use an archive
 * runs without it, silently: {@code -Xlog:cds=off}). Not used when a class-path entry is not a
 * jar (tests run from target/classes), when the options already say something about sharing,
 * when the cache directory cannot be written, or with {@code TLACONFORM_CDS=off}.
 * {@code scripts/tlaconform} does the same for the command's own JVM.
 */
public final class ClassArchive {
    private ClassArchive() {}

    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final String TRAIN = "-XX:ArchiveClassesAtExit=";
    private static final String TMP = ".tmp";

    /** The JVM options for a JVM of this role (a file-name word) on this class path; empty when not used. */
    public static List<String> options(String role, String classPath, List<String> otherOptions) {
        if ("off".equalsIgnoreCase(System.getenv("TLACONFORM_CDS"))) return List.of();
        return options(role, classPath, otherOptions, root());
    }

    /** As above, with the archives under {@code root}. */
    static List<String> options(String role, String classPath, List<String> otherOptions, Path root) {
        for (String o : otherOptions) {
            if (o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit") || o.startsWith("-Xshare")
                    || o.startsWith("-javaagent")) {
                return List.of();
            }
        }
        Path dir = directory(classPath, root);
        if (dir == null) return List.of();
        Path archive = dir.resolve(role + ".jsa");
        List<String> opts = new ArrayList<>();
        if (Files.isRegularFile(archive)) {
            opts.add("-XX:SharedArchiveFile=" + archive);
        } else {
            sweep(dir);
            opts.add(TRAIN + dir.resolve(role + ".jsa." + UUID.randomUUID() + TMP));
        }
        opts.addAll(QUIET);
        return opts;
    }

    /**
     * After a JVM started with {@code command} has exited: the archive it wrote, if it was the
     * training run, becomes the role's archive (written under a temporary name, renamed whole).
     */
    public static void finish(List<String> command) {
        for (String o : command) {
            if (o.startsWith(TRAIN) && o.endsWith(TMP)) {
                Path tmp = Path.of(o.substring(TRAIN.length()));
                String name = tmp.getFileName().toString();
                Path archive = tmp.resolveSibling(name.substring(0, name.indexOf(".jsa.") + 4));
                try {
                    if (Files.isRegularFile(tmp) && Files.size(tmp) > 0) {
                        Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } else {
                        Files.deleteIfExists(tmp);
                    }
                } catch (IOException | RuntimeException e) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a later run trains again
                    }
                }
            }
        }
    }

    /** The archive directory for this JVM and class path, created; null when sharing does not apply. */
    static Path directory(String classPath, Path root) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            int jars = 0;
            for (String e : classPath.split(File.pathSeparator)) {
                if (e.isBlank()) continue;
                Path p = Path.of(e).toAbsolutePath().normalize();
                if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".jar")) return null;
                md.update((p + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                // java -jar: the manifest's Class-Path jars are part of what is archived
                Path lib = p.resolveSibling("lib");
                if (Files.isDirectory(lib)) {
                    try (Stream<Path> s = Files.list(lib)) {
                        for (Path q : (Iterable<Path>) s.sorted()::iterator) {
                            md.update((q.getFileName() + " " + Files.size(q) + " " + Files.getLastModifiedTime(q).toMillis() + "\n")
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
                jars++;
            }
            if (jars == 0) return null;
            Path dir = root.resolve(HexFormat.of().formatHex(md.digest(), 0, 8));
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                prune(root, dir);
            }
            return Files.isWritable(dir) ? dir : null;
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }

    private static Path root() {
        String d = System.getenv("TLACONFORM_CDS_DIR");
        if (d != null && !d.isBlank()) return Path.of(d);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("tlaconform").resolve("cds");
    }

    /** Keeps the archives of the last {@value #KEEP} builds or JDKs (each rebuilt jar makes a new directory). */
    private static final int KEEP = 4;

    static void prune(Path root, Path current) {
        try (Stream<Path> s = Files.list(root)) {
            List<Path> dirs = new ArrayList<>();
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p) && !p.equals(current) && p.getFileName().toString().matches("[0-9a-f]{16}")) dirs.add(p);
            }
            dirs.sort((a, b) -> Long.compare(mtime(b), mtime(a)));
            for (Path old : dirs.subList(Math.min(dirs.size(), KEEP - 1), dirs.size())) {
                try (Stream<Path> files = Files.list(old)) {
                    for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);   // a JVM mapping one keeps its copy
                }
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            // pruning is housekeeping
        }
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Training runs that never finished (killed): their partial files, after an hour. */
    private static void sweep(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            long old = System.currentTimeMillis() - 3_600_000L;
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(TMP) && Files.getLastModifiedTime(p).toMillis() < old) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to sweep
        }
    }
}
