package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped specs are found from anywhere: above tlaconform's classes, else packed in a jar. */
class InstalledSpecsTest {
    @Test
    void aTraceOutsideAnySpecsTreeFindsTheShippedSpec(@TempDir Path elsewhere) throws Exception {
        Path trace = elsewhere.resolve("t.ndjson");
        Files.writeString(trace, "{}\n");
        Path dir = SpecDir.find("paxos", elsewhere, trace);
        assertTrue(Files.isRegularFile(dir.resolve(TraceMapping.FILE_NAME)), dir.toString());
        assertEquals(dir.getParent(), InstalledSpecs.specsRoot().orElseThrow());
    }

    @Test
    void anUnknownProtocolIsStillBadInputNamingWhereItLooked(@TempDir Path elsewhere) throws Exception {
        Path trace = elsewhere.resolve("t.ndjson");
        Files.writeString(trace, "{}\n");
        BadTraceException e = org.junit.jupiter.api.Assertions.assertThrows(BadTraceException.class,
                () -> SpecDir.find("nosuchprotocol", elsewhere, trace));
        assertTrue(e.getMessage().contains("unknown protocol \"nosuchprotocol\""), e.getMessage());
        assertTrue(e.getMessage().contains("tlaconform ships none"), e.getMessage());
    }

    @Test
    void specsPackedInAClassesDirectoryOrAJarAreCopiedOut(@TempDir Path tmp) throws Exception {
        Optional<Path> fromDir = InstalledSpecs.packed("packedtest", InstalledSpecsTest.class.getClassLoader());
        assertTrue(fromDir.isPresent());
        assertTrue(Files.isRegularFile(fromDir.get().resolve("PackedTest.tla")));

        Path jar = tmp.resolve("specs.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"specs/jartest/trace-mapping.json", "specs/jartest/JarTest.tla",
                "specs/jartest/sub/ignored.tla", "specs/other/Other.tla"}) {
                z.putNextEntry(new ZipEntry(name));
                z.write(("\\* " + name + "\n").getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path out = InstalledSpecs.packed("jartest", cl).orElseThrow();
            assertTrue(Files.isRegularFile(out.resolve("JarTest.tla")));
            assertTrue(Files.isRegularFile(out.resolve(TraceMapping.FILE_NAME)));
            assertEquals(2, Files.list(out).count(), "only the protocol's own files");
        }
    }

}
