package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class archives of the JVMs tlaconform starts: a first run trains (writes under a temporary
 * name, renamed whole when the JVM has exited), later runs use the archive, a changed jar gets
 * another, and sharing stays off where it cannot apply (a directory on the class path, options
 * that already say something about sharing).
 */
class ClassArchiveTest {
    private static String option(List<String> opts, String prefix) {
        return opts.stream().filter(o -> o.startsWith(prefix)).findFirst().map(o -> o.substring(prefix.length())).orElse(null);
    }

    @Test
    void aFirstRunTrainsLaterRunsShareAndAChangedJarTrainsAgain(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("app.jar"), "not really a jar");
        Path root = tmp.resolve("cds");
        List<String> first = ClassArchive.options("tlc", jar.toString(), List.of("-XX:+UseParallelGC"), root);
        String training = option(first, "-XX:ArchiveClassesAtExit=");
        assertTrue(training != null && training.endsWith(".tmp"), first.toString());
        assertTrue(first.contains("-Xlog:cds=off"), "a JVM that cannot use an archive says nothing: " + first);
        // the JVM writes the archive at exit; then it becomes tlc.jsa
        Files.writeString(Path.of(training), "archive");
        ClassArchive.finish(first);
        assertFalse(Files.exists(Path.of(training)));
        List<String> second = ClassArchive.options("tlc", jar.toString(), List.of(), root);
        String shared = option(second, "-XX:SharedArchiveFile=");
        assertEquals(Path.of(training).resolveSibling("tlc.jsa").toString(), shared);
        assertEquals("archive", Files.readString(Path.of(shared)));
        // a rebuilt jar: another directory, trained again
        Files.writeString(jar, "a rebuilt jar, longer than before");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        List<String> third = ClassArchive.options("tlc", jar.toString(), List.of(), root);
        String again = option(third, "-XX:ArchiveClassesAtExit=");
        assertTrue(again != null, third.toString());
        assertNotEquals(Path.of(shared).getParent(), Path.of(again).getParent());
        // a training run that wrote nothing leaves nothing
        ClassArchive.finish(third);
        assertFalse(Files.exists(Path.of(again)));
        assertTrue(option(ClassArchive.options("tlc", jar.toString(), List.of(), root), "-XX:ArchiveClassesAtExit=") != null);
    }

    @Test
    void notWhereSharingCannotApply(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("app.jar"), "x");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path root = tmp.resolve("cds");
        assertEquals(List.of(), ClassArchive.options("tlc", jar + File.pathSeparator + classes, List.of(), root),
                "a directory on the class path (tests): no archive");
        assertEquals(List.of(), ClassArchive.options("tlc", jar.toString(), List.of("-Xshare:off"), root));
        assertEquals(List.of(), ClassArchive.options("tlc", jar.toString(), List.of("-XX:SharedArchiveFile=/x.jsa"), root));
        assertFalse(ClassArchive.options("tlc", jar.toString(), List.of(), root).isEmpty());
    }

    @Test
    void theArchivesOfTheLastFourBuildsAreKept(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("app.jar");
        Path root = tmp.resolve("cds");
        List<Path> dirs = new java.util.ArrayList<>();
        for (int build = 0; build < 6; build++) {
            Files.writeString(jar, "build " + build + " ".repeat(build));
            String t = option(ClassArchive.options("tlc", jar.toString(), List.of(), root), "-XX:ArchiveClassesAtExit=");
            Path dir = Path.of(t).getParent();
            Files.setLastModifiedTime(dir, FileTime.fromMillis(1_000_000L * (build + 1)));
            dirs.add(dir);
        }
        for (int build = 0; build < 6; build++) {
            assertEquals(build >= 2, Files.isDirectory(dirs.get(build)), "build " + build + ": " + dirs);
        }
    }
}
