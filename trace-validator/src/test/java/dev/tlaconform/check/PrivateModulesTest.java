package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.io.File;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-process spec loads read the standard modules from a directory of their own, not from the
 * shared java.io.tmpdir where TLC's resolver truncates and rewrites them (two processes at once
 * failed with "Module-Table lookup failure").
 */
class PrivateModulesTest {
    static final Path TOY = Path.of("src/test/resources/traces/toypaxos/valid.ndjson");

    @Test
    void twoLoadsAtOnceEachCopyTheStandardModulesIntoTheirOwnDirectory() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<File>> got = new ArrayList<>();
            List<PrivateModules> resolvers = List.of(new PrivateModules("src/test/resources"),
                    new PrivateModules("src/test/resources"));
            for (PrivateModules r : resolvers) {
                got.add(pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return r.resolve("Naturals", true);
                }));
            }
            byte[] jar;
            try (InputStream in = util.SimpleFilenameToStream.class.getClassLoader()
                    .getResourceAsStream("tla2sany/StandardModules/Naturals.tla")) {
                jar = in.readAllBytes();
            }
            Path shared = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
            for (int i = 0; i < 2; i++) {
                File f = got.get(i).get(60, TimeUnit.SECONDS);
                assertTrue(resolvers.get(i).isCopy(f), f + " in " + resolvers.get(i).directory());
                assertNotEquals(shared, f.toPath().toAbsolutePath().getParent(), "not the shared directory");
                assertArrayEquals(jar, Files.readAllBytes(f.toPath()), "the jar's module, whole");
            }
            assertNotEquals(resolvers.get(0).directory(), resolvers.get(1).directory());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aModuleOfTheSpecsOwnDirectoryIsNotCopied() {
        PrivateModules r = new PrivateModules("src/test/resources/check");
        File f = r.resolve("Counter", true);
        assertEquals(Path.of("src/test/resources/check/Counter.tla").toAbsolutePath().normalize(),
                f.toPath().toAbsolutePath().normalize());
        assertTrue(!r.isCopy(f));
    }

    /**
     * A second process's view: validation in a JVM whose java.io.tmpdir already holds every standard
     * and community module name as something it cannot write (as a file another process is
     * rewriting, or another user's, would be). TLC's own resolver fails there; the load's own
     * directory does not care.
     */
    @Test
    void aLoadIgnoresWhatTheSharedTmpdirHoldsUnderTheModulesNames(@TempDir Path tmp) throws Exception {
        for (String name : jarModuleNames()) {
            Files.createDirectories(tmp.resolve(name)); // occupied: cannot be written as a file
        }
        for (String name : ModuleSources.COMMUNITY) {
            Files.createDirectories(tmp.resolve(name + ".tla"));
        }
        String cp = ChildJvm.classPath() + File.pathSeparator
                + Path.of(PrivateModulesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", cp, PrivateModulesTest.class.getName(), TOY.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("accepted"), out);
    }

    /** The child of the test above: validates one toy trace in-process, exit 0 iff accepted. */
    public static void main(String[] args) throws Exception {
        try (Validator v = new Validator(Path.of("src/test/resources"))) {
            ValidationResult r = v.validate(Path.of(args[0]), null, 1000);
            System.out.println(r.accepted() ? "accepted" : r.render());
            System.exit(r.accepted() ? 0 : 1);
        }
    }

    private static List<String> jarModuleNames() throws Exception {
        URL u = util.SimpleFilenameToStream.class.getClassLoader().getResource("tla2sany/StandardModules/Naturals.tla");
        List<String> names = new ArrayList<>();
        try (JarFile jar = ((JarURLConnection) u.openConnection()).getJarFile()) {
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                String n = e.getName();
                if (n.startsWith("tla2sany/StandardModules/") && n.endsWith(".tla")) {
                    names.add(n.substring(n.lastIndexOf('/') + 1));
                }
            }
        }
        assertTrue(names.contains("Naturals.tla"), names.toString());
        return names;
    }
}
